import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthenticationError, connect } from '../../src/client/index.ts';
import { startMiniDirector, type MiniDirector } from '../helpers/mini-director.ts';

// Cleartext, so the password mismatch reaches CRAM-MD5 (with TLS-PSK the handshake catches it first).
describe('CRAM-MD5 with the wrong password', () => {
  let director: MiniDirector;
  let impostor: MiniDirector;
  beforeAll(async () => {
    director = await startMiniDirector({ tls: 'off', consoles: { admin: { password: 'right' } } });
    impostor = await startMiniDirector({ tls: 'off', consoles: { admin: { password: 'right' } }, misbehave: 'wrong-cram-answer' });
  });
  afterAll(async () => {
    await director.close();
    await impostor.close();
  });

  it('reports the director refusing our response', async () => {
    const error = await connect({ host: director.host, port: director.port, tls: 'off', name: 'admin', password: 'wrong' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as Error).message).toBe("the director refused the password of console 'admin' (1999 Authorization failed.)");
  });

  it('refuses a director that cannot answer our challenge, and tells it so', async () => {
    const error = await connect({ host: impostor.host, port: impostor.port, tls: 'off', name: 'admin', password: 'right' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as Error).message).toMatch(/could not answer our CRAM-MD5 challenge/);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(impostor.sessions[0]?.received().toString('latin1')).toContain('1999 Authorization failed.\n');
  });
});
