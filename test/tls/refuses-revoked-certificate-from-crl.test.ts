/** The director loads `TLS Certificate Revocation List` (written by `certs revoke`) and honours it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthenticationError, connect } from '../../src/client/index.ts';
import { startTestDirector, type TestDirector } from '../helpers/director.ts';
import { makeTlsFixture, refusalLogged, refusedLogin, verifyingDirector, type TlsFixture } from './fixture.ts';

describe('a revoked console certificate', () => {
  let fx: TlsFixture;
  let director: TestDirector;
  beforeAll(async () => {
    fx = await makeTlsFixture();
    director = await startTestDirector(verifyingDirector(fx));
  });
  afterAll(async () => {
    await director?.close();
    await fx?.cleanup();
  });

  it('is refused as revoked while an unrevoked one of the same CA logs in', async () => {
    const error = await refusedLogin(director, fx, fx.revoked);
    expect(error).toBeInstanceOf(AuthenticationError);
    const line = await refusalLogged(director, 'ERR_TLS_CLIENT_CERT');
    expect(line['message']).toBe('client certificate "revokedadmin" rejected: the certificate is revoked (listed in the TLS Certificate Revocation List) (CERT_REVOKED)');
    const client = await connect({ host: '127.0.0.1', port: director.port, name: 'admin', password: 'adminpw', tls: 'cert', certificate: fx.client(fx.admin) });
    await client.close();
  });
});
