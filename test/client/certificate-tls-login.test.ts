import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TlsError, connect } from '../../src/client/index.ts';
import { startMiniDirector, type MiniDirector } from '../helpers/mini-director.ts';
import { announceSkip, requireFiles } from '../helpers/prereqs.ts';

const prereq = requireFiles('openssl', ['/usr/bin/openssl']);

describe.skipIf(announceSkip(prereq))('certificate TLS (tls: cert)', () => {
  let dir: string;
  let director: MiniDirector;
  let certFile: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tsbareos-cert-'));
    certFile = join(dir, 'dir.pem');
    const keyFile = join(dir, 'dir.key');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2', '-subj', '/CN=mini-dir', '-keyout', keyFile, '-out', certFile], { stdio: 'ignore' });
    director = await startMiniDirector({ tls: 'cert', certificate: { cert: readFileSync(certFile), key: readFileSync(keyFile) } });
  });
  afterAll(async () => {
    await director?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('logs in when the director certificate verifies and its CN is allowed', async () => {
    const client = await connect({ host: director.host, port: director.port, tls: 'cert', password: 'director-secret', certificate: { caFile: certFile, allowedCN: ['mini-dir'] } });
    expect(client.encryption?.protocol).toMatch(/^TLSv1\.[23]$/);
    expect(await client.call('version')).toContain('mini-dir');
    await client.close();
  });

  it('refuses a director whose CN is not allowed, or whose chain does not verify', async () => {
    await expect(connect({ host: director.host, port: director.port, tls: 'cert', password: 'director-secret', certificate: { caFile: certFile, allowedCN: ['other-dir'] } })).rejects.toBeInstanceOf(TlsError);
    await expect(connect({ host: director.host, port: director.port, tls: 'cert', password: 'director-secret' })).rejects.toThrow(/certificate TLS handshake failed/);
  });
});
