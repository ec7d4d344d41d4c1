import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthenticationError, connect } from '../../src/client/index.ts';
import { startMiniDirector, type MiniDirector } from '../helpers/mini-director.ts';

describe('a director that answers the Hello with BNET_TERMINATE', () => {
  let director: MiniDirector;
  beforeAll(async () => {
    director = await startMiniDirector({ tls: 'off', misbehave: 'terminate-after-hello' });
  });
  afterAll(() => director.close());

  it('gives an AuthenticationError that suggests TLS', async () => {
    const error = await connect({ host: director.host, port: director.port, tls: 'off', password: 'director-secret' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as Error).message).toMatch(/refused the cleartext connection.*requires TLS/);
  });
});
