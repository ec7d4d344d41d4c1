import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FramedConnection } from '../../src/net/framed-connection.ts';
import { waitFor } from '../helpers/director.ts';
import { Agent, errorCode, skipWithoutPam, startWebStack, type WebStack } from './stack.ts';

describe.skipIf(skipWithoutPam)('a director connection that breaks, without login tokens', () => {
  let stack: WebStack;
  beforeAll(async () => {
    stack = await startWebStack({ gateway: { loginTokens: false } });
  });
  afterAll(() => stack?.close());

  it('answers 503 DIRECTOR_UNAVAILABLE for the next command, then the session is gone (401)', async () => {
    const agent = new Agent(stack.url);
    await agent.login('alice', 'alicepw');
    const [session] = stack.director.runtime.sessions();
    // The director side drops the connection (ConsoleSession keeps its FramedConnection as `conn`).
    (session as unknown as { conn: FramedConnection }).conn.destroy();
    await waitFor(() => stack.director.runtime.sessions().length === 0, 5000, 'director session gone');

    const reply = await agent.post('/api/console', { command: 'whoami' });
    expect(reply.status).toBe(503);
    expect(errorCode(reply)).toBe('DIRECTOR_UNAVAILABLE');
    expect(errorCode(await agent.get('/api/auth/me'))).toBe('UNAUTHENTICATED');
    expect(stack.logs.some((l) => l.event === 'session.end' && l.fields['reason'] === 'director-lost')).toBe(true);
  });
});
