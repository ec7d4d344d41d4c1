import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PamError, connect } from '../../src/client/index.ts';
import { startMiniDirector, type MiniDirector } from '../helpers/mini-director.ts';

describe('PAM direct mode (4002)', () => {
  let director: MiniDirector;
  beforeAll(async () => {
    director = await startMiniDirector({ consoles: { webui: { password: 'websecret', pam: true } }, pamUsers: { user1: 'user1pw' } });
  });
  afterAll(() => director.close());

  it('sends the exact 4002 frame of reference §6.2 and logs in as the user', async () => {
    const client = await connect({ host: director.host, port: director.port, name: 'webui', password: 'websecret', pam: { user: 'user1', password: 'user1pw' } });
    expect(client.loggedInAs).toBe('user1');
    await client.close();
    const frame = Buffer.from('00000012343030321e75736572311e7573657231707700', 'hex').subarray(0, 22);
    expect(director.sessions[0]?.received().includes(frame)).toBe(true);
  });

  it('turns EOF after a wrong PAM password into PamError', async () => {
    const error = await connect({ host: director.host, port: director.port, name: 'webui', password: 'websecret', pam: { user: 'user1', password: 'nope' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PamError);
    expect((error as Error).message).toMatch(/PAM authentication failed for user 'user1'/);
  });

  it('says so when PAM is required and no credentials were given', async () => {
    const error = await connect({ host: director.host, port: director.port, name: 'webui', password: 'websecret' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PamError);
    expect((error as Error).message).toMatch(/console 'webui' requires PAM/);
  });
});
