import { afterEach, beforeEach, expect, it } from 'vitest';
import { join } from 'node:path';
import { initCa } from '../../certs/ca.ts';
import { issueCertificate } from '../../certs/issue.ts';
import { handshake, loadTlsFiles, tempDir } from './helpers.ts';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(() => cleanup());

it('the director reads the console name from getPeerCertificate().subject.CN', async () => {
  const ca = await initCa({ dir });
  const director = await issueCertificate({ caDir: dir, name: 'bareos-dir', role: 'director' });
  // Console resource names may contain spaces; the CN carries them unchanged (TLS Allowed CN compares exactly).
  const console = await issueCertificate({ caDir: dir, name: 'Backup Operator 2', role: 'console' });
  const result = await handshake(
    await loadTlsFiles(director.certPath, director.keyPath, ca.certPath),
    await loadTlsFiles(console.certPath, console.keyPath, ca.certPath),
  );
  expect(result).toMatchObject({ accepted: true, peerCN: 'Backup Operator 2' });
  expect(join(dir, 'Backup Operator 2.crt')).toBe(console.certPath);
});
