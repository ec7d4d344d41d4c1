import { afterEach, beforeEach, expect, it } from 'vitest';
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { handshake, loadTlsFiles, runCli, tempDir } from './helpers.ts';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(() => cleanup());

it('refuses a revoked console certificate once the director loads the CRL, and keeps accepting the others', async () => {
  await runCli(['init', '--dir', dir]);
  await runCli(['issue', '--ca-dir', dir, '--name', 'bareos-dir', '--role', 'director']);
  await runCli(['issue', '--ca-dir', dir, '--name', 'alice', '--role', 'console']);
  await runCli(['issue', '--ca-dir', dir, '--name', 'bob', '--role', 'console']);

  const crl = await runCli(['crl', '--ca-dir', dir]);
  expect(crl).toMatchObject({ exitCode: 0 });
  expect(crl.stdout).toContain(join(dir, 'ca.crl'));
  const alice = await loadTlsFiles(join(dir, 'alice.crt'), join(dir, 'alice.key'), join(dir, 'ca.crt'));
  const bob = await loadTlsFiles(join(dir, 'bob.crt'), join(dir, 'bob.key'), join(dir, 'ca.crt'));
  const withEmptyCrl = await loadTlsFiles(join(dir, 'bareos-dir.crt'), join(dir, 'bareos-dir.key'), join(dir, 'ca.crt'), join(dir, 'ca.crl'));
  expect((await handshake(withEmptyCrl, alice)).accepted).toBe(true);

  const revoke = await runCli(['revoke', '--ca-dir', dir, join(dir, 'alice.crt')]);
  expect(revoke.exitCode).toBe(0);
  expect(revoke.stdout).toMatch(/^Revoked serial [0-9A-F]+ \(CN=alice\)/);
  expect(await readFile(join(dir, 'ca.crl'), 'utf8')).toMatch(/^-----BEGIN X509 CRL-----\n/);

  const director = await loadTlsFiles(join(dir, 'bareos-dir.crt'), join(dir, 'bareos-dir.key'), join(dir, 'ca.crt'), join(dir, 'ca.crl'));
  expect((await handshake(director, alice, 'reject')).accepted).toBe(false);
  expect(await handshake(director, alice, 'report')).toMatchObject({ accepted: false, authorizationError: 'CERT_REVOKED' });
  expect(await handshake(director, bob)).toMatchObject({ accepted: true, peerCN: 'bob' });

  // Revoking again is harmless and says so.
  const again = await runCli(['revoke', '--ca-dir', dir, join(dir, 'alice.crt')]);
  expect(again.stdout).toContain('was already revoked');
});

it('refuses to revoke a certificate another CA issued', async () => {
  const other = join(dir, 'other');
  await runCli(['init', '--dir', dir]);
  await runCli(['init', '--dir', other]);
  await runCli(['issue', '--ca-dir', other, '--name', 'eve', '--role', 'console']);
  const result = await runCli(['revoke', '--ca-dir', dir, join(other, 'eve.crt')]);
  expect(result.exitCode).toBe(1);
  expect(result.stderr).toContain('was not issued by the CA in');
});
