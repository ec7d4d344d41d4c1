import { afterEach, beforeEach, expect, it } from 'vitest';
import { chmod, readFile, stat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { runCli, tempDir } from './helpers.ts';
import { FileExistsError, initCa } from '../../certs/index.ts';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(() => cleanup());

it('never overwrites a CA or a key without --force, and says which file is in the way', async () => {
  await runCli(['init', '--dir', dir]);
  const caKey = await readFile(join(dir, 'ca.key'), 'utf8');
  const again = await runCli(['init', '--dir', dir]);
  expect(again.exitCode).toBe(1);
  expect(again.stderr).toContain(`${join(dir, 'ca.key')} already exists; use --force to overwrite it`);
  expect(await readFile(join(dir, 'ca.key'), 'utf8')).toBe(caKey);
  await expect(initCa({ dir })).rejects.toBeInstanceOf(FileExistsError);

  await runCli(['issue', '--ca-dir', dir, '--name', 'admin', '--role', 'console']);
  const key = await readFile(join(dir, 'admin.key'), 'utf8');
  const refused = await runCli(['issue', '--ca-dir', dir, '--name', 'admin', '--role', 'console']);
  expect(refused).toMatchObject({ exitCode: 1, stdout: '' });
  expect(refused.stderr).toContain('admin.key already exists');
  expect(await readFile(join(dir, 'admin.key'), 'utf8')).toBe(key);
});

it('replaces the files with --force, and the new key is 0600 even if the old file was not', async () => {
  await runCli(['init', '--dir', dir]);
  await runCli(['issue', '--ca-dir', dir, '--name', 'admin', '--role', 'console']);
  const oldKey = await readFile(join(dir, 'admin.key'), 'utf8');
  await chmod(join(dir, 'admin.key'), 0o644);
  const forced = await runCli(['issue', '--ca-dir', dir, '--name', 'admin', '--role', 'console', '--force']);
  expect(forced.exitCode).toBe(0);
  expect(await readFile(join(dir, 'admin.key'), 'utf8')).not.toBe(oldKey);
  expect((await stat(join(dir, 'admin.key'))).mode & 0o777).toBe(0o600);
  expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
});

it('refuses a certificate named "ca" in the CA directory even with --force', async () => {
  await runCli(['init', '--dir', dir]);
  const result = await runCli(['issue', '--ca-dir', dir, '--name', 'ca', '--role', 'console', '--force']);
  expect(result.exitCode).toBe(1);
  expect(result.stderr).toContain('would overwrite the CA');
});
