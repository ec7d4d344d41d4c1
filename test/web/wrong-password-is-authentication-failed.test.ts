import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../helpers/director.ts';
import { Agent, errorCode, skipWithoutPam, startWebStack, type WebStack } from './stack.ts';

describe.skipIf(skipWithoutPam)('a wrong PAM password', () => {
  let stack: WebStack;
  beforeAll(async () => {
    stack = await startWebStack();
  });
  afterAll(() => stack?.close());

  it('answers 401 AUTHENTICATION_FAILED, sets no cookie and leaves no director session', async () => {
    const agent = new Agent(stack.url);
    const reply = await agent.login('alice', 'not-her-password');
    expect(reply.status).toBe(401);
    expect(errorCode(reply)).toBe('AUTHENTICATION_FAILED');
    expect(reply.headers.get('set-cookie')).toBeNull();
    await waitFor(() => stack.director.runtime.sessions().length === 0, 5000, 'no director session');
    expect((await agent.get('/api/auth/me')).status).toBe(401);
  });

  it('says the same for an unknown user and for a denied account, so names cannot be probed', async () => {
    const agent = new Agent(stack.url);
    expect(errorCode(await agent.login('mallory', 'x'))).toBe('AUTHENTICATION_FAILED');
    expect(errorCode(await agent.login('bob', 'bobpw'))).toBe('AUTHENTICATION_FAILED');
  });

  it('logs the failure without the password', () => {
    const failed = stack.logs.filter((l) => l.event === 'login.failed');
    expect(failed.some((l) => l.fields['user'] === 'alice' && l.fields['code'] === 'AUTHENTICATION_FAILED')).toBe(true);
    expect(JSON.stringify(stack.logs)).not.toContain('not-her-password');
  });
});
