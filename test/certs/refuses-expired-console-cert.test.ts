import { afterEach, beforeEach, expect, it } from 'vitest';
import { initCa } from '../../certs/ca.ts';
import { issueCertificate } from '../../certs/issue.ts';
import { handshake, loadTlsFiles, tempDir } from './helpers.ts';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(() => cleanup());

it('refuses an expired console certificate with CERT_HAS_EXPIRED', async () => {
  const ca = await initCa({ dir });
  const director = await issueCertificate({ caDir: dir, name: 'bareos-dir', role: 'director' });
  const day = 86_400_000;
  const expired = await issueCertificate({
    caDir: dir,
    name: 'admin',
    role: 'console',
    notBefore: new Date(Date.now() - 10 * day),
    notAfter: new Date(Date.now() - day),
  });
  const server = await loadTlsFiles(director.certPath, director.keyPath, ca.certPath);
  const client = await loadTlsFiles(expired.certPath, expired.keyPath, ca.certPath);

  expect((await handshake(server, client, 'reject')).accepted).toBe(false);
  expect(await handshake(server, client, 'report')).toMatchObject({ accepted: false, authorized: false, authorizationError: 'CERT_HAS_EXPIRED' });
});
