import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../helpers/director.ts';
import { Agent, errorCode, skipWithoutPam, startWebStack, type WebStack } from './stack.ts';

describe.skipIf(skipWithoutPam)('session expiry', () => {
  let stack: WebStack;
  let clock = Date.now();
  beforeAll(async () => {
    stack = await startWebStack({ gateway: { sessionTtlSeconds: 600, idleTimeoutSeconds: 60, now: () => clock } });
  });
  afterAll(() => stack?.close());

  it('ends a session idle for longer than the idle timeout and closes its director connection', async () => {
    const agent = new Agent(stack.url);
    await agent.login('alice', 'alicepw');
    clock += 30_000;
    expect((await agent.get('/api/auth/me')).status).toBe(200);
    clock += 61_000;
    const reply = await agent.get('/api/auth/me');
    expect(reply.status).toBe(401);
    expect(errorCode(reply)).toBe('UNAUTHENTICATED');
    await waitFor(() => stack.director.runtime.sessions().length === 0, 5000, 'director session closed');
  });

  it('ends an active session at its TTL (--session-ttl), which is also the cookie Max-Age', async () => {
    const agent = new Agent(stack.url);
    const login = await agent.login('alice', 'alicepw');
    expect(login.headers.get('set-cookie')).toContain('Max-Age=600');
    for (let i = 0; i < 11; i++) {
      clock += 50_000;
      expect((await agent.get('/api/auth/me')).status).toBe(200);
    }
    clock += 50_000;
    expect((await agent.get('/api/auth/me')).status).toBe(401);
    expect(stack.logs.filter((l) => l.event === 'session.end').map((l) => l.fields['reason'])).toEqual(['idle', 'expired']);
  });

  it('the sweeper ends expired sessions nobody asks about', async () => {
    const agent = new Agent(stack.url);
    await agent.login('alice', 'alicepw');
    expect(stack.gateway.gateway.sessionCount).toBe(1);
    clock += 61_000;
    stack.gateway.gateway.sweepSessions();
    expect(stack.gateway.gateway.sessionCount).toBe(0);
    await waitFor(() => stack.director.runtime.sessions().length === 0, 5000, 'director session closed');
  });
});
