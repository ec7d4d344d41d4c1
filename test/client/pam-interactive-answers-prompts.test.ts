import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PamError, connect, type PamPrompt } from '../../src/client/index.ts';
import { startMiniDirector, type MiniDirector } from '../helpers/mini-director.ts';

describe('PAM interactive mode (4001)', () => {
  let director: MiniDirector;
  beforeAll(async () => {
    director = await startMiniDirector({ consoles: { webui: { password: 'websecret', pam: true } }, pamUsers: { user1: 'user1pw' } });
  });
  afterAll(() => director.close());

  it('answers each prompt with the bytes of reference §6.3', async () => {
    const prompts: PamPrompt[] = [];
    const answers: Record<string, string> = { 'login:': 'user1', 'Password: ': 'user1pw' };
    const client = await connect({
      host: director.host,
      port: director.port,
      name: 'webui',
      password: 'websecret',
      pam: { prompt: (p) => (prompts.push(p), answers[p.text] ?? '') },
    });
    expect(prompts).toEqual([
      { echo: true, text: 'login:' },
      { echo: false, text: 'Password: ' },
    ]);
    expect(client.loggedInAs).toBe('user1');
    await client.close();
    const received = director.sessions[0]?.received() ?? Buffer.alloc(0);
    const expected = Buffer.concat([
      Buffer.from('00000005343030311e', 'hex'), // 4001 RS
      Buffer.from('000000057573657231', 'hex'), // "user1"
      Buffer.from('00000007757365723170 77'.replace(/ /g, ''), 'hex'), // "user1pw"
    ]);
    const afterChallenge = received.subarray(received.indexOf(Buffer.from('00000005343030311e', 'hex')));
    expect(afterChallenge.subarray(0, expected.length)).toEqual(expected);
  });

  it('reports a failed conversation as PamError', async () => {
    const error = await connect({ host: director.host, port: director.port, name: 'webui', password: 'websecret', pam: { prompt: () => 'wrong' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PamError);
  });
});
