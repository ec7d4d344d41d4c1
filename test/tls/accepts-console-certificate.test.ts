/**
 * Certificate TLS end to end: a director with TLS Certificate/Key/CA file, TLS Verify Peer = yes and
 * TLS Allowed CN logs a console in that shows a certificate from its CA with an allowed CN.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/client/index.ts';
import { directorResource, startTestDirector, waitFor, type TestDirector } from '../helpers/director.ts';
import { makeTlsFixture, type TlsFixture } from './fixture.ts';

describe('certificate TLS with Verify Peer and Allowed CN', () => {
  let fx: TlsFixture;
  let director: TestDirector;
  beforeAll(async () => {
    fx = await makeTlsFixture();
    director = await startTestDirector(`${directorResource(fx.directorTls('TLS Verify Peer = yes\n  TLS Allowed CN = admin'))}
Console { Name = admin; Password = "adminpw" }
`);
  });
  afterAll(async () => {
    await director?.close();
    await fx?.cleanup();
  });

  it('logs the console in and reports a certificate (not PSK) cipher', async () => {
    const client = await connect({ host: '127.0.0.1', port: director.port, name: 'admin', password: 'adminpw', tls: 'cert', certificate: { ...fx.client(fx.admin), allowedCN: ['test-dir'] } });
    try {
      expect(client.banner).toContain('You are logged in as: admin');
      expect((await client.call('whoami')).trim()).toBe('admin');
      expect(client.encryption?.protocol).toMatch(/^TLSv1\.[23]$/);
    } finally {
      await client.close();
    }
    await waitFor(() => director.events().some((e) => e['event'] === 'login.ok' && e['console'] === 'admin'), 5000, 'login.ok');
  });
});
