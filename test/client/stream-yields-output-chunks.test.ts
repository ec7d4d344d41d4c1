import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type DirectorClient } from '../../src/client/index.ts';
import { startMiniDirector, type MiniDirector } from '../helpers/mini-director.ts';

describe('stream()', () => {
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

  it('yields the output frame by frame', async () => {
    let chunks = 0;
    let lines = 0;
    for await (const chunk of client.stream('lines 100000')) {
      chunks++;
      lines += chunk.split('\n').length - 1;
    }
    expect(lines).toBe(100_000);
    expect(chunks).toBe(10_000);
  });

  it('drains the rest when the consumer stops early', async () => {
    for await (const chunk of client.stream('lines 1000')) {
      expect(chunk).toContain('line 0');
      break;
    }
    expect(await client.call('version')).toContain('mini-dir');
  });
});
