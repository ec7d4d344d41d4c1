import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthenticationError } from '../../src/client/index.ts';
import { startTestDirector, type TestDirector } from '../helpers/director.ts';
import { makeTlsFixture, refusalLogged, refusedLogin, verifyingDirector, type TlsFixture } from './fixture.ts';

describe('certificate TLS without a client certificate when TLS Verify Peer = yes', () => {
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

  it('is refused; the client says it sent none', async () => {
    const error = await refusedLogin(director, fx, undefined);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toMatch(/we sent none and it requires one/);
    const line = await refusalLogged(director, 'ERR_TLS_NO_CLIENT_CERT');
    expect(line['message']).toBe('TLS Verify Peer is on but the console sent no certificate');
  });
});
