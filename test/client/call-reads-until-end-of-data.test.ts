import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type DirectorClient } from '../../src/client/index.ts';
import { startMiniDirector, type MiniDirector } from '../helpers/mini-director.ts';

describe('call() in api 0', () => {
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

  it('concatenates data frames until BNET_EOD, skipping unknown signals', async () => {
    const text = await client.call('lines 25');
    expect(text.split('\n')).toHaveLength(26);
    expect(text.startsWith('line 0\nline 1\n')).toBe(true);
    expect(await client.call('nonsense')).toBe('nonsense: is an invalid command.\n');
  });

  it('keeps commands in order when called concurrently', async () => {
    const [a, b] = await Promise.all([client.call('lines 3'), client.call('version')]);
    expect(a).toBe('line 0\nline 1\nline 2\n');
    expect(b).toContain('Version');
  });

  it('stops at a sub-prompt and lets the next call answer it', async () => {
    const first = await client.callDetailed('ask');
    expect(first).toEqual({ text: 'Enter a value: ', end: 'sub-prompt' });
    expect(client.awaitingInput).toBe(true);
    expect(await client.call('42')).toBe('you said 42\n');
  });

  it('answers sub-prompts through onSubPrompt', async () => {
    const text = await client.call('ask', { onSubPrompt: (prompt) => (prompt === 'Enter a value: ' ? 'yes' : undefined) });
    expect(text).toBe('Enter a value: you said yes\n');
  });
});
