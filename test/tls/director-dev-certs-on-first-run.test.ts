/**
 * `tsbareos director --defaults --dev-certs`: the first run makes a development CA, a director
 * certificate and one per console in <data-dir>/tls, prints their paths, and serves certificate TLS
 * with them while TLS-PSK stays on.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/client/index.ts';
import { waitFor } from '../helpers/director.ts';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'tsbareos.js');
const work = mkdtempSync(join(tmpdir(), 'tsb-devcerts-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

describe('tsbareos director --dev-certs', () => {
  it('creates and prints the certificates, and a certificate console and a PSK console both log in', async () => {
    const dataDir = join(work, 'data');
    const port = await freePort();
    const child = spawn(process.execPath, [BIN, 'director', '--defaults', '--dev-certs', '--data-dir', dataDir, '--port', String(port), '--log-format', 'json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let log = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (log += c.toString()));
    try {
      await waitFor(() => log.includes('listener.ready'), 20_000, 'the director to listen');
      const tls = join(dataDir, 'tls');
      expect(out).toContain(`Development certificates in ${tls}`);
      expect(out).toContain(join(tls, 'ca.crt'));
      expect(out).toContain(join(tls, 'admin.crt'));
      expect(statSync(join(tls, 'admin.key')).mode & 0o777).toBe(0o600);
      const password = readFileSync(join(dataDir, 'admin.password'), 'utf8').trim();
      const cert = await connect({
        host: '127.0.0.1', port, name: 'admin', password, tls: 'cert',
        certificate: { caFile: join(tls, 'ca.crt'), certFile: join(tls, 'admin.crt'), keyFile: join(tls, 'admin.key'), servername: 'localhost' },
      });
      expect(cert.encryption?.protocol).toMatch(/^TLSv1\.[23]$/);
      await cert.close();
      const psk = await connect({ host: '127.0.0.1', port, name: 'admin', password });
      await psk.close();
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  });
});
