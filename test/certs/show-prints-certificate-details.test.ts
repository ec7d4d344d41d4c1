import { afterEach, beforeEach, expect, it } from 'vitest';
import { X509Certificate } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCli, tempDir } from './helpers.ts';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(() => cleanup());

it('prints subject, issuer, SANs, validity, serial, key usage and the SHA-256 fingerprint', async () => {
  await runCli(['init', '--dir', dir, '--name', 'Example CA']);
  await runCli(['issue', '--ca-dir', dir, '--name', 'bareos-dir', '--role', 'director', '--dns', 'backup.example.org', '--dns', 'bareos-dir', '--ip', '10.0.0.5', '--days', '30']);
  const path = join(dir, 'bareos-dir.crt');
  const shown = await runCli(['show', path]);
  expect(shown.exitCode).toBe(0);
  const node = new X509Certificate(await readFile(path));
  expect(shown.stdout).toContain(`${path}:\n`);
  expect(shown.stdout).toMatch(/^Subject: +CN=bareos-dir$/m);
  expect(shown.stdout).toMatch(/^Issuer: +CN=Example CA$/m);
  expect(shown.stdout).toMatch(/^Alternative names: +DNS:backup\.example\.org, DNS:bareos-dir, IP:10\.0\.0\.5$/m);
  expect(shown.stdout).toMatch(new RegExp(`^Serial: +${node.serialNumber}$`, 'm'));
  expect(shown.stdout).toMatch(new RegExp(`^SHA-256 fingerprint: ${node.fingerprint256}$`, 'm'));
  expect(shown.stdout).toMatch(new RegExp(`^Valid until: +${new Date(node.validTo).toISOString()} \\(valid\\)$`, 'm'));
  expect(shown.stdout).toMatch(/^Key usage: +digitalSignature$/m);
  expect(shown.stdout).toMatch(/^Extended key usage: +serverAuth, clientAuth$/m);
  expect(shown.stdout).toMatch(/^CA: +no$/m);
  expect(shown.stdout).toMatch(/^Public key: +EC P-256$/m);

  const ca = await runCli(['show', join(dir, 'ca.crt')]);
  expect(ca.stdout).toMatch(/^Key usage: +keyCertSign, cRLSign$/m);
  expect(ca.stdout).toMatch(/^CA: +yes$/m);
});

it('exits non-zero with a clear message for a missing, non-certificate or garbage file', async () => {
  await runCli(['init', '--dir', dir]);
  const missing = await runCli(['show', join(dir, 'nope.crt')]);
  expect(missing.exitCode).toBe(1);
  expect(missing.stderr).toBe(`error: ${join(dir, 'nope.crt')}: no such file\n`);

  const key = await runCli(['show', join(dir, 'ca.key')]);
  expect(key.exitCode).toBe(1);
  expect(key.stderr).toContain('holds a private key, not a certificate');

  await writeFile(join(dir, 'junk.pem'), 'hello\n');
  const junk = await runCli(['show', join(dir, 'junk.pem')]);
  expect(junk.exitCode).toBe(1);
  expect(junk.stderr).toContain('not a PEM or DER X.509 certificate');

  await writeFile(join(dir, 'broken.pem'), '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n');
  const broken = await runCli(['show', join(dir, 'broken.pem')]);
  expect(broken.exitCode).toBe(1);
  expect(broken.stderr).toContain('broken.pem');
});
