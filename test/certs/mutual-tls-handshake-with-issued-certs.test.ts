import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { handshake, loadTlsFiles, runCli, tempDir } from './helpers.ts';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(() => cleanup());

describe('certificates made by "tsbareos certs" give a working mutual-TLS handshake', () => {
  for (const algorithm of ['ec', 'rsa'] as const) {
    it(`with an ${algorithm.toUpperCase()} CA`, async () => {
      const ca = join(dir, 'ca');
      const init = ['init', '--dir', ca, '--algorithm', algorithm, ...(algorithm === 'rsa' ? ['--rsa-bits', '2048'] : [])];
      expect((await runCli(init)).exitCode).toBe(0);
      expect((await runCli(['issue', '--ca-dir', ca, '--name', 'bareos-dir', '--role', 'director'])).exitCode).toBe(0);
      expect((await runCli(['issue', '--ca-dir', ca, '--name', 'admin', '--role', 'console'])).exitCode).toBe(0);

      const director = await loadTlsFiles(join(ca, 'bareos-dir.crt'), join(ca, 'bareos-dir.key'), join(ca, 'ca.crt'));
      const console = await loadTlsFiles(join(ca, 'admin.crt'), join(ca, 'admin.key'), join(ca, 'ca.crt'));
      // The client also checks the director's certificate, including IP:127.0.0.1 in its SANs.
      const result = await handshake(director, console);
      expect(result).toMatchObject({ accepted: true, authorized: true, peerCN: 'admin' });
      expect(result.clientError).toBeUndefined();
    });
  }

  it('with a web gateway certificate as the client (the webui logs in with certificate TLS)', async () => {
    const ca = join(dir, 'ca');
    await runCli(['init', '--dir', ca]);
    await runCli(['issue', '--ca-dir', ca, '--name', 'bareos-dir', '--role', 'director']);
    await runCli(['issue', '--ca-dir', ca, '--name', 'webui', '--role', 'web']);
    const director = await loadTlsFiles(join(ca, 'bareos-dir.crt'), join(ca, 'bareos-dir.key'), join(ca, 'ca.crt'));
    const web = await loadTlsFiles(join(ca, 'webui.crt'), join(ca, 'webui.key'), join(ca, 'ca.crt'));
    expect(await handshake(director, web)).toMatchObject({ accepted: true, peerCN: 'webui' });
  });
});
