import { afterEach, beforeEach, expect, it } from 'vitest';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { runCli, tempDir } from './helpers.ts';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(() => cleanup());

const mode = async (path: string): Promise<number> => (await stat(path)).mode & 0o777;

it('writes private keys with mode 0600 and certificates readable (0644)', async () => {
  const previous = process.umask(0o000); // even a permissive umask must not widen a key
  try {
    const ca = join(dir, 'ca');
    await runCli(['init', '--dir', ca]);
    await runCli(['issue', '--ca-dir', ca, '--name', 'bareos-dir', '--role', 'director', '--out', join(dir, 'director')]);
    await runCli(['issue', '--ca-dir', ca, '--name', 'admin', '--role', 'console']);
    expect(await mode(join(ca, 'ca.key'))).toBe(0o600);
    expect(await mode(join(dir, 'director', 'bareos-dir.key'))).toBe(0o600);
    expect(await mode(join(ca, 'admin.key'))).toBe(0o600);
    expect(await mode(join(ca, 'ca.crt'))).toBe(0o644);
    expect(await mode(join(ca, 'admin.crt'))).toBe(0o644);
    expect(await mode(ca)).toBe(0o700);
  } finally {
    process.umask(previous);
  }
});
