import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthenticationError } from '../../src/client/index.ts';
import { startTestDirector, type TestDirector } from '../helpers/director.ts';
import { makeTlsFixture, refusalLogged, refusedLogin, verifyingDirector, type TlsFixture } from './fixture.ts';

describe('a valid console certificate whose CN is not in TLS Allowed CN', () => {
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

  it('is refused and the log names the CN and the list', async () => {
    const error = await refusedLogin(director, fx, fx.intruder);
    expect(error).toBeInstanceOf(AuthenticationError);
    const line = await refusalLogged(director, 'ERR_TLS_ALLOWED_CN');
    expect(line['message']).toBe('client certificate CN "intruder" is not in TLS Allowed CN (admin, oldadmin, revokedadmin)');
  });
});
