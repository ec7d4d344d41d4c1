import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, errorCode, skipWithoutPam, startWebStack, type WebStack } from './stack.ts';

describe.skipIf(skipWithoutPam)('login rate limits', () => {
  let stack: WebStack;
  beforeAll(async () => {
    stack = await startWebStack({ gateway: { trustProxy: true, loginLimits: { perUser: 3, perAddress: 5, windowMs: 60_000 } } });
  });
  afterAll(() => stack?.close());

  const from = (address: string) => ({ 'X-Forwarded-For': `203.0.113.99, ${address}` });

  it('after 3 failures for a user, even the right password gets 429 RATE_LIMITED with Retry-After', async () => {
    const agent = new Agent(stack.url);
    for (let i = 0; i < 3; i++) {
      expect(errorCode(await agent.request('POST', '/api/auth/login', { username: 'alice', password: 'wrong' }, from('198.51.100.1')))).toBe('AUTHENTICATION_FAILED');
    }
    const blocked = await agent.request('POST', '/api/auth/login', { username: 'alice', password: 'alicepw' }, from('198.51.100.2'));
    expect(blocked.status).toBe(429);
    expect(errorCode(blocked)).toBe('RATE_LIMITED');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(stack.director.events().filter((e) => e['event'] === 'login.ok')).toEqual([]);
  });

  it('after 5 failures from one address, every user from it gets 429; other addresses do not', async () => {
    const agent = new Agent(stack.url);
    // 3 failures from 198.51.100.1 already; two more from there, for other names.
    for (const name of ['x1', 'x2']) {
      expect(errorCode(await agent.request('POST', '/api/auth/login', { username: name, password: 'wrong' }, from('198.51.100.1')))).toBe('AUTHENTICATION_FAILED');
    }
    expect(errorCode(await agent.request('POST', '/api/auth/login', { username: 'x3', password: 'wrong' }, from('198.51.100.1')))).toBe('RATE_LIMITED');
    expect(errorCode(await agent.request('POST', '/api/auth/login', { username: 'x3', password: 'wrong' }, from('198.51.100.3')))).toBe('AUTHENTICATION_FAILED');
  });
});
