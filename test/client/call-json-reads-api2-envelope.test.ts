import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DirectorCommandError, connect, type DirectorClient } from '../../src/client/index.ts';
import { startMiniDirector, type MiniDirector } from '../helpers/mini-director.ts';

describe('callJson() in api 2', () => {
  let director: MiniDirector;
  let client: DirectorClient;
  beforeAll(async () => {
    director = await startMiniDirector();
    client = await connect({ host: director.host, port: director.port, password: 'director-secret' });
  });
  afterAll(async () => {
    await client.close();
    await director.close();
  });

  it('returns the result of a document split over frames', async () => {
    expect(await client.callJson('version')).toEqual({ version: { name: 'mini-dir', version: '26.0.0' } });
    expect(await client.callJson('version')).toEqual({ version: { name: 'mini-dir', version: '26.0.0' } });
    const sent = director.sessions[0]?.received().toString('latin1') ?? '';
    expect(sent.split('.api 2 compact=yes')).toHaveLength(2);
  });

  it('throws DirectorCommandError with the director\'s messages', async () => {
    const error = await client.callJson('fail').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DirectorCommandError);
    expect((error as DirectorCommandError).messages).toEqual({ error: ['ON or OFF keyword missing.\n'] });
    expect((error as Error).message).toBe('the director reported "fail" as failed: ON or OFF keyword missing.');
  });

  it('switches back to api 0 for call()', async () => {
    expect(await client.call('lines 2')).toBe('line 0\nline 1\n');
    expect(await client.callJson('version')).toMatchObject({ version: { name: 'mini-dir' } });
  });
});
