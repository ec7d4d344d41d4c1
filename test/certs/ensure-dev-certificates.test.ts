import { afterEach, beforeEach, expect, it } from 'vitest';
import { rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DevCertificatesMismatchError, ensureDevCertificates } from '../../certs/dev.ts';
import { initCa } from '../../certs/ca.ts';
import { issueCertificate } from '../../certs/issue.ts';
import { handshake, loadTlsFiles, tempDir } from './helpers.ts';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(() => cleanup());

it('makes a CA, a director and console certificates that work together, once', async () => {
  const certs = join(dir, 'tls');
  const first = await ensureDevCertificates(certs, { directorName: 'bareos-dir', consoleNames: ['admin', 'operator'] });
  expect(first.created).toHaveLength(8);
  expect(first.director.certPath).toBe(join(certs, 'bareos-dir.crt'));
  expect((await stat(first.director.keyPath)).mode & 0o777).toBe(0o600);
  const admin = first.consoles['admin'];
  if (!admin) throw new Error('no admin certificate');
  const result = await handshake(
    await loadTlsFiles(first.director.certPath, first.director.keyPath, first.caCertPath),
    await loadTlsFiles(admin.certPath, admin.keyPath, first.caCertPath),
  );
  expect(result).toMatchObject({ accepted: true, peerCN: 'admin' });

  const second = await ensureDevCertificates(certs, { directorName: 'bareos-dir', consoleNames: ['admin', 'operator', 'new'] });
  expect(second.created).toEqual([join(certs, 'new.key'), join(certs, 'new.crt')]);
});

it('refuses a half-present pair or certificates from another CA instead of repairing silently', async () => {
  const certs = join(dir, 'tls');
  await ensureDevCertificates(certs, { directorName: 'bareos-dir', consoleNames: ['admin'] });
  await rm(join(certs, 'admin.key'));
  await expect(ensureDevCertificates(certs, { directorName: 'bareos-dir', consoleNames: ['admin'] })).rejects.toBeInstanceOf(DevCertificatesMismatchError);

  const other = join(dir, 'other');
  await initCa({ dir: other });
  await issueCertificate({ caDir: other, name: 'bareos-dir', role: 'director', outDir: join(dir, 'mixed') });
  await initCa({ dir: join(dir, 'mixed') });
  await expect(ensureDevCertificates(join(dir, 'mixed'), { directorName: 'bareos-dir' })).rejects.toThrow(/was not issued by the CA/);
});
