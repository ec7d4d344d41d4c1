import { afterEach, beforeEach, expect, it } from 'vitest';
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LoginTokenIssuer, TokenKeyError, loadOrCreateTokenKey } from '../../src/auth/token.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tsbareos-token-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('creates the token key with mode 0600 and loads the same key on the next start', async () => {
  const path = join(dir, 'sub', 'token.key');
  const pem = await loadOrCreateTokenKey(path);
  expect((await stat(path)).mode & 0o777).toBe(0o600);
  expect((await stat(join(dir, 'sub'))).mode & 0o777).toBe(0o700);
  expect(await loadOrCreateTokenKey(path)).toBe(pem);
  const token = (await LoginTokenIssuer.fromFile(path)).issue('alice', 60);
  expect((await LoginTokenIssuer.fromFile(path)).verify(token, 'alice')).toMatchObject({ ok: true });
});

it('two first runs racing end up with one key', async () => {
  const path = join(dir, 'token.key');
  const [a, b] = await Promise.all([loadOrCreateTokenKey(path), loadOrCreateTokenKey(path)]);
  expect(a).toBe(b);
  expect(await readFile(path, 'utf8')).toBe(a);
});

it('refuses a key file that group or others can read', async () => {
  const path = join(dir, 'token.key');
  await loadOrCreateTokenKey(path);
  await chmod(path, 0o640);
  await expect(loadOrCreateTokenKey(path)).rejects.toThrowError(expect.objectContaining({ code: 'ERR_TOKEN_KEY_PERMISSIONS' }));
});

it('refuses a key file that holds no EC P-256 key', async () => {
  const path = join(dir, 'token.key');
  await writeFile(path, 'not a key\n', { mode: 0o600 });
  await expect(loadOrCreateTokenKey(path)).rejects.toBeInstanceOf(TokenKeyError);
  const { generateKeyPairSync } = await import('node:crypto');
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' });
  await expect(LoginTokenIssuer.fromPem(rsa)).rejects.toThrowError(expect.objectContaining({ code: 'ERR_TOKEN_KEY_INVALID' }));
});
