import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthenticationError } from '../../src/client/index.ts';
import { startTestDirector, type TestDirector } from '../helpers/director.ts';
import { makeTlsFixture, refusalLogged, refusedLogin, verifyingDirector, type TlsFixture } from './fixture.ts';

describe('a console certificate from a CA the director does not trust', () => {
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

  it('is refused even though its CN (admin) is allowed', async () => {
    const error = await refusedLogin(director, fx, fx.foreignAdmin);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toMatch(/did not accept our client certificate/);
    const line = await refusalLogged(director, 'ERR_TLS_CLIENT_CERT');
    expect(line['message']).toMatch(/^client certificate "admin" rejected: the certificate was not issued by a CA in TLS CA Certificate File \((UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY)\)$/);
  });
});
