import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, errorCode, skipWithoutPam, startWebStack, type WebStack } from './stack.ts';

describe.skipIf(skipWithoutPam)('CSRF protection', () => {
  let stack: WebStack;
  let agent: Agent;
  beforeAll(async () => {
    stack = await startWebStack();
    agent = new Agent(stack.url);
    await agent.login('alice', 'alicepw');
  });
  afterAll(() => stack?.close());

  it('refuses a state-changing request without X-CSRF-Token with 403 CSRF_REJECTED', async () => {
    const reply = await agent.request('POST', '/api/console', { command: 'whoami' });
    expect(reply.status).toBe(403);
    expect(errorCode(reply)).toBe('CSRF_REJECTED');
  });

  it('refuses a wrong token, and logout without the token leaves the session alive', async () => {
    expect(errorCode(await agent.request('POST', '/api/console', { command: 'whoami' }, { 'X-CSRF-Token': 'guess' }))).toBe('CSRF_REJECTED');
    expect((await agent.request('POST', '/api/auth/logout')).status).toBe(403);
    expect((await agent.get('/api/auth/me')).status).toBe(200);
  });

  it('refuses a request from another origin even with the token (403 ORIGIN_REJECTED)', async () => {
    const reply = await agent.request('POST', '/api/console', { command: 'whoami' }, { 'X-CSRF-Token': agent.csrfToken ?? '', Origin: 'https://evil.example' });
    expect(reply.status).toBe(403);
    expect(errorCode(reply)).toBe('ORIGIN_REJECTED');
  });

  it('accepts the token from the login, and GET /api/auth/me returns it again', async () => {
    expect((await agent.post('/api/console', { command: 'whoami' })).status).toBe(200);
    expect((await agent.get('/api/auth/me')).body['csrfToken']).toBe(agent.csrfToken);
  });
});
