import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, TlsError } from '../../src/client/index.ts';
import { directorResource, startTestDirector, waitFor, type TestDirector } from '../helpers/director.ts';

describe('online guessing of a TLS-PSK console password', () => {
  let director: TestDirector;
  beforeAll(async () => {
    director = await startTestDirector(`${directorResource('Login Failure Limit = 3')}\nConsole { Name = admin; Password = "adminpw" }\n`);
  });
  afterAll(() => director.close());

  it('counts wrong keys toward the per-address failure limit', async () => {
    for (let i = 0; i < 3; i++) {
      const error = await connect({ host: '127.0.0.1', port: director.port, name: 'admin', password: `guess-${i}` }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TlsError);
    }
    await waitFor(() => director.events().filter((e) => e['result'] === 'ERR_TLS_HANDSHAKE').length === 3, 5000, 'three handshake refusals');
    // Now even the right key is refused from this address, before any TLS work.
    const blocked = await connect({ host: '127.0.0.1', port: director.port, name: 'admin', password: 'adminpw' }).catch((e: unknown) => e);
    expect(blocked).toBeInstanceOf(Error);
    await waitFor(() => director.events().some((e) => e['result'] === 'ERR_RATE_LIMITED'), 5000, 'rate limit');
  });
});
