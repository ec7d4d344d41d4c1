import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TlsError, connect } from '../../src/client/index.ts';
import { startMiniDirector, type MiniDirector } from '../helpers/mini-director.ts';

describe('TLS-PSK with the wrong key', () => {
  let director: MiniDirector;
  beforeAll(async () => {
    director = await startMiniDirector({ consoles: { admin: { password: 'right' } } });
  });
  afterAll(() => director.close());

  it('fails the handshake with TlsError naming the console', async () => {
    const attempt = connect({ host: director.host, port: director.port, name: 'admin', password: 'wrong', timeoutMs: 5000 });
    await expect(attempt).rejects.toBeInstanceOf(TlsError);
    await expect(connect({ host: director.host, port: director.port, name: 'admin', password: 'wrong', timeoutMs: 5000 })).rejects.toThrow(
      /TLS-PSK handshake failed: the director does not know console 'admin' or the password differs/,
    );
  });

  it('fails for an unknown console the same way', async () => {
    const error = await connect({ host: director.host, port: director.port, name: 'nobody', password: 'x', timeoutMs: 5000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TlsError);
    expect((error as TlsError).code).toBe('ERR_TLS');
  });
});
