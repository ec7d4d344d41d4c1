import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, errorCode, skipWithoutPam, startWebStack, type WebStack } from './stack.ts';

describe.skipIf(skipWithoutPam)('paths without a session', () => {
  let stack: WebStack;
  beforeAll(async () => {
    stack = await startWebStack();
  });
  afterAll(() => stack?.close());

  it('answers 401 UNAUTHENTICATED for API paths and unknown paths alike', async () => {
    const agent = new Agent(stack.url);
    for (const path of ['/api/jobs', '/api/clients', '/api/auth/me', '/api/nonexistent', '/etc/passwd', '/api/../secret']) {
      const reply = await agent.get(path);
      expect(reply.status, path).toBe(401);
      expect(errorCode(reply), path).toBe('UNAUTHENTICATED');
    }
    expect((await agent.request('POST', '/api/console', { command: 'whoami' })).status).toBe(401);
  });

  it('answers 401 for a made-up session cookie', async () => {
    const agent = new Agent(stack.url);
    agent.cookie = 'tsb_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    expect((await agent.get('/api/auth/me')).status).toBe(401);
  });

  it('serves the page itself, with a strict Content-Security-Policy', async () => {
    const res = await fetch(`${stack.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await res.text()).toContain('<form id="login-form"');
  });

  it('answers 404 for an unknown path once logged in', async () => {
    const agent = new Agent(stack.url);
    await agent.login('alice', 'alicepw');
    const reply = await agent.get('/api/nonexistent');
    expect(reply.status).toBe(404);
    expect(errorCode(reply)).toBe('NOT_FOUND');
  });
});
