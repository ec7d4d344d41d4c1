import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthenticationError } from '../../src/client/index.ts';
import { startTestDirector, type TestDirector } from '../helpers/director.ts';
import { makeTlsFixture, refusalLogged, refusedLogin, verifyingDirector, type TlsFixture } from './fixture.ts';

describe('an expired console certificate', () => {
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

  it('is refused with BNET_TERMINATE and logged as expired', async () => {
    const error = await refusedLogin(director, fx, fx.expired);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toMatch(/did not accept our client certificate/);
    const line = await refusalLogged(director, 'ERR_TLS_CLIENT_CERT');
    expect(line['message']).toBe('client certificate "oldadmin" rejected: the certificate has expired (CERT_HAS_EXPIRED)');
    expect(line['phase']).toBe('tls');
  });
});
