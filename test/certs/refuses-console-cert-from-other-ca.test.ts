import { afterEach, beforeEach, expect, it } from 'vitest';
import { join } from 'node:path';
import { initCa } from '../../certs/ca.ts';
import { issueCertificate } from '../../certs/issue.ts';
import { handshake, loadTlsFiles, tempDir } from './helpers.ts';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(() => cleanup());

it('refuses a console certificate signed by another CA, even one with the same name', async () => {
  const ours = await initCa({ dir: join(dir, 'ours') });
  await initCa({ dir: join(dir, 'theirs') }); // same default CA name "tsbareos CA"
  const director = await issueCertificate({ caDir: join(dir, 'ours'), name: 'bareos-dir', role: 'director' });
  const foreign = await issueCertificate({ caDir: join(dir, 'theirs'), name: 'admin', role: 'console' });
  const server = await loadTlsFiles(director.certPath, director.keyPath, ours.certPath);
  // The console trusts our CA (so it accepts the director); only its own certificate is foreign.
  const client = await loadTlsFiles(foreign.certPath, foreign.keyPath, ours.certPath);

  const strict = await handshake(server, client, 'reject');
  expect(strict.accepted).toBe(false);

  const reported = await handshake(server, client, 'report');
  expect(reported.accepted).toBe(false);
  expect(reported.authorized).toBe(false);
  expect(reported.authorizationError).toMatch(/^(UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT(_LOCALLY)?|CERT_SIGNATURE_FAILURE)$/);
});
