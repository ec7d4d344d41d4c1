import { afterEach, beforeEach, expect, it } from 'vitest';
import { initCa } from '../../certs/ca.ts';
import { issueCertificate } from '../../certs/issue.ts';
import { handshake, loadTlsFiles, tempDir } from './helpers.ts';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(() => cleanup());

it('a console certificate (clientAuth only) is refused when a server presents it', async () => {
  const ca = await initCa({ dir });
  const consoleA = await issueCertificate({ caDir: dir, name: 'a', role: 'console', ip: ['127.0.0.1'] });
  const consoleB = await issueCertificate({ caDir: dir, name: 'b', role: 'console' });
  const result = await handshake(
    await loadTlsFiles(consoleA.certPath, consoleA.keyPath, ca.certPath),
    await loadTlsFiles(consoleB.certPath, consoleB.keyPath, ca.certPath),
  );
  expect(result.accepted).toBe(false);
  expect(result.clientError).toBe('INVALID_PURPOSE');
});
