import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TimeoutError, connect } from '../../src/client/index.ts';
import { startMiniDirector, type MiniDirector } from '../helpers/mini-director.ts';

describe('timeouts on every read', () => {
  let silent: MiniDirector;
  let normal: MiniDirector;
  beforeAll(async () => {
    silent = await startMiniDirector({ misbehave: 'silent-after-hello' });
    normal = await startMiniDirector();
  });
  afterAll(async () => {
    await silent.close();
    await normal.close();
  });

  it('gives up on a director that never challenges', async () => {
    const error = await connect({ host: silent.host, port: silent.port, password: 'director-secret', timeoutMs: 300 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toMatch(/within 300 ms while waiting for the director's CRAM-MD5 challenge/);
  });

  it('gives up on a command that never ends and drops the connection', async () => {
    const client = await connect({ host: normal.host, port: normal.port, password: 'director-secret', commandTimeoutMs: 300 });
    await expect(client.call('hang')).rejects.toBeInstanceOf(TimeoutError);
    expect(client.closed).toBe(true);
    await expect(client.call('version')).rejects.toMatchObject({ code: 'ERR_CLIENT_CLOSED' });
    await client.close();
  });
});
