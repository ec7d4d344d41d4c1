/**
 * With TLS Allowed CN set, a TLS-PSK console has no certificate and so cannot match the list: Bareos
 * refuses it, and so do we, with a reason in the log and on the client.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthenticationError, connect } from '../../src/client/index.ts';
import { startTestDirector, type TestDirector } from '../helpers/director.ts';
import { makeTlsFixture, refusalLogged, verifyingDirector, type TlsFixture } from './fixture.ts';

describe('TLS Allowed CN and a TLS-PSK console', () => {
  let fx: TlsFixture;
  let director: TestDirector;
  beforeAll(async () => {
    fx = await makeTlsFixture();
    director = await startTestDirector(verifyingDirector(fx, 'admin'));
  });
  afterAll(async () => {
    await director?.close();
    await fx?.cleanup();
  });

  it('refuses the PSK console with BNET_TERMINATE and logs why', async () => {
    const error = await connect({ host: '127.0.0.1', port: director.port, name: 'admin', password: 'adminpw' }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error?.message).toMatch(/refused the connection after the Hello \(BNET_TERMINATE\)/);
    const line = await refusalLogged(director, 'ERR_TLS_ALLOWED_CN');
    expect(line['message']).toBe('TLS Allowed CN is set but console "admin" used TLS-PSK and presented no certificate');
  });
});
