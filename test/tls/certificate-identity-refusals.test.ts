/** Certificate Identity refuses, with a reason, every login that cannot name a User by a verified CN. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type CertificateOptions } from '../../src/client/index.ts';
import { startTestDirector, type TestDirector } from '../helpers/director.ts';
import { certificateIdentityConfig, makeTlsFixture, refusalLogged, type TlsFixture } from './fixture.ts';

describe('Certificate Identity refusals', () => {
  let fx: TlsFixture;
  let director: TestDirector;
  beforeAll(async () => {
    fx = await makeTlsFixture();
    director = await startTestDirector(certificateIdentityConfig(fx, false));
  });
  afterAll(async () => {
    await director?.close();
    await fx?.cleanup();
  });

  const attempt = (options: { tls: 'psk' | 'cert'; certificate?: CertificateOptions }) =>
    connect({ host: '127.0.0.1', port: director.port, name: 'pki', password: 'pkipw', timeoutMs: 5000, ...options }).then(
      async (client) => {
        await client.close();
        throw new Error('logged in');
      },
      (error: unknown) => error as Error,
    );

  it('refuses a TLS-PSK login: no certificate to take the user from', async () => {
    expect(await attempt({ tls: 'psk' })).toBeInstanceOf(Error);
    const line = await refusalLogged(director, 'ERR_CERT_IDENTITY_NO_CERT');
    expect(line['message']).toMatch(/console "pki" takes its user from the client certificate .* presented no certificate/);
  });

  it('refuses a certificate that did not verify (Verify Peer is off, so only this check catches it)', async () => {
    await attempt({ tls: 'cert', certificate: fx.client(fx.expired) });
    const line = await refusalLogged(director, 'ERR_CERT_IDENTITY_UNVERIFIED');
    expect(line['message']).toMatch(/its certificate did not verify: the certificate has expired \(CERT_HAS_EXPIRED\)/);
  });

  it('refuses a verified CN with no User resource of that name', async () => {
    await attempt({ tls: 'cert', certificate: fx.client(fx.admin) });
    const line = await refusalLogged(director, 'ERR_CERT_IDENTITY_NO_USER');
    expect(line['message']).toMatch(/there is no User resource named "admin"/);
  });

  it('refuses certificate TLS without a client certificate', async () => {
    await attempt({ tls: 'cert', certificate: fx.client(undefined) });
    await refusalLogged(director, 'ERR_CERT_IDENTITY_NO_CERT', /the console sent no certificate$/);
  });
});
