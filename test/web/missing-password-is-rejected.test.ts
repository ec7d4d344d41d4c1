import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, errorCode, skipWithoutPam, startWebStack, type WebStack } from './stack.ts';

describe.skipIf(skipWithoutPam)('a login without a password', () => {
  let stack: WebStack;
  beforeAll(async () => {
    stack = await startWebStack();
  });
  afterAll(() => stack?.close());

  it('answers 400 MISSING_PASSWORD before contacting the director', async () => {
    const agent = new Agent(stack.url);
    for (const body of [{ username: 'alice' }, { username: 'alice', password: '' }, { username: 'alice', password: null }]) {
      const reply = await agent.request('POST', '/api/auth/login', body);
      expect(reply.status).toBe(400);
      expect(errorCode(reply)).toBe('MISSING_PASSWORD');
    }
    expect(stack.director.events().filter((e) => String(e['event']).startsWith('login.'))).toEqual([]);
  });

  it('answers 400 for a missing user name, a non-JSON body and a non-string password', async () => {
    const agent = new Agent(stack.url);
    expect(errorCode(await agent.request('POST', '/api/auth/login', { password: 'x' }))).toBe('MISSING_USERNAME');
    expect(errorCode(await agent.request('POST', '/api/auth/login', { username: 'alice', password: 42 }))).toBe('BAD_REQUEST');
    const form = await agent.request('POST', '/api/auth/login', undefined, { 'Content-Type': 'application/x-www-form-urlencoded' });
    expect(errorCode(form)).toBe('BAD_REQUEST');
  });
});
