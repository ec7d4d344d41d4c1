import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, errorCode, skipWithoutPam, startWebStack, type WebStack } from './stack.ts';

describe.skipIf(skipWithoutPam)("a command the user's profile denies", () => {
  let stack: WebStack;
  let agent: Agent;
  beforeAll(async () => {
    stack = await startWebStack();
    agent = new Agent(stack.url);
    await agent.login('alice', 'alicepw');
  });
  afterAll(() => stack?.close());

  it('answers 403 FORBIDDEN in text mode (the director says "version: is an invalid command.")', async () => {
    const reply = await agent.post('/api/console', { command: 'version' });
    expect(reply.status).toBe(403);
    expect(errorCode(reply)).toBe('FORBIDDEN');
  });

  it('answers 403 FORBIDDEN in api 2 mode too', async () => {
    const reply = await agent.post('/api/console', { command: 'version', json: true });
    expect(reply.status).toBe(403);
    expect(errorCode(reply)).toBe('FORBIDDEN');
  });

  it('keeps the session usable for allowed commands', async () => {
    const reply = await agent.post('/api/console', { command: 'whoami' });
    expect(reply.status).toBe(200);
    expect(String(reply.body['output']).trim()).toBe('alice');
  });

  it('keeps .api and quit to the gateway', async () => {
    for (const command of ['.api 0', 'quit', 'exit']) {
      const reply = await agent.post('/api/console', { command });
      expect(reply.status, command).toBe(400);
    }
    expect((await agent.post('/api/console', { command: 'whoami\nversion' })).status).toBe(400);
  });
});
