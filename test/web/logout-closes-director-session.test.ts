import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../helpers/director.ts';
import { Agent, skipWithoutPam, startWebStack, type WebStack } from './stack.ts';

describe.skipIf(skipWithoutPam)('POST /api/auth/logout', () => {
  let stack: WebStack;
  beforeAll(async () => {
    stack = await startWebStack();
  });
  afterAll(() => stack?.close());

  it("closes the user's director connection, clears the cookie and ends the session", async () => {
    const agent = new Agent(stack.url);
    await agent.login('alice', 'alicepw');
    const other = new Agent(stack.url);
    await other.login('alice', 'alicepw');
    expect(stack.director.runtime.sessions()).toHaveLength(2);
    const oldCookie = agent.cookie;

    const reply = await agent.post('/api/auth/logout');
    expect(reply.status).toBe(200);
    expect(reply.headers.get('set-cookie')).toMatch(/^tsb_session=; .*Max-Age=0/);
    await waitFor(() => stack.director.runtime.sessions().length === 1, 5000, 'one director session left');

    agent.cookie = oldCookie;
    expect((await agent.get('/api/auth/me')).status).toBe(401);
    expect((await other.get('/api/auth/me')).status).toBe(200);
    expect(stack.logs.some((l) => l.event === 'session.end' && l.fields['reason'] === 'logout')).toBe(true);
  });
});
