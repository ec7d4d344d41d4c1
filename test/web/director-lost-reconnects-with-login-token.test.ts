import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FramedConnection } from '../../src/net/framed-connection.ts';
import { waitFor } from '../helpers/director.ts';
import { Agent, skipWithoutPam, startWebStack, type WebStack } from './stack.ts';

describe.skipIf(skipWithoutPam)('a director connection that breaks, with login tokens (issue 8)', () => {
  let stack: WebStack;
  beforeAll(async () => {
    stack = await startWebStack();
  });
  afterAll(() => stack?.close());

  const dropDirectorSide = async (): Promise<void> => {
    const [session] = stack.director.runtime.sessions();
    (session as unknown as { conn: FramedConnection }).conn.destroy();
    await waitFor(() => stack.director.runtime.sessions().length === 0, 5000, 'director session gone');
  };

  it('the next command reconnects with the token, without the password; logout revokes the tokens', async (context) => {
    if (stack.director.runtime.registry.lookup('.logintoken') === undefined) {
      context.skip('this director has no .logintoken yet (issue 8)');
    }
    const agent = new Agent(stack.url);
    await agent.login('alice', 'alicepw');
    await dropDirectorSide();

    // The command that met the broken connection fails; it is not retried behind the user's back.
    const failed = await agent.post('/api/console', { command: 'whoami' });
    expect([200, 503]).toContain(failed.status);
    const reply = await agent.post('/api/console', { command: 'whoami' });
    expect(reply.status).toBe(200);
    expect(String(reply.body['output']).trim()).toBe('alice');
    expect(stack.logs.some((l) => l.event === 'session.reconnected')).toBe(true);
    const modes = stack.director.events().filter((e) => e['event'] === 'login.ok').map((e) => e['mode']);
    expect(modes).toEqual(['pam-direct', 'pam-token']);

    expect((await agent.post('/api/auth/logout')).status).toBe(200);
    await waitFor(() => stack.director.runtime.sessions().length === 0, 5000, 'director session closed');
  });

  it('the console API does not hand out tokens to the page', async () => {
    const agent = new Agent(stack.url);
    await agent.login('alice', 'alicepw');
    for (const command of ['.logintoken', '.logout']) expect((await agent.post('/api/console', { command })).status, command).toBe(400);
  });
});
