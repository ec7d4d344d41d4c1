import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Gateway, PublicPathError } from '../../console/web/gateway.ts';
import { Agent, errorCode, skipWithoutPam, startWebStack, type WebStack } from './stack.ts';

describe.skipIf(skipWithoutPam)('public paths', () => {
  let stack: WebStack;
  let restricted: WebStack | undefined;
  beforeAll(async () => {
    stack = await startWebStack();
  });
  afterAll(() => stack?.close());
  afterEach(async () => {
    await restricted?.close();
    restricted = undefined;
  });

  it('answers /api/health and /api/status without a session by default', async () => {
    const agent = new Agent(stack.url);
    const health = await agent.get('/api/health');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: 'ok' });
    const status = await agent.get('/api/status');
    expect(status.status).toBe(200);
    expect(status.body['directors']).toEqual([{ name: 'test-dir', reachable: true }]);
  });

  it('with --public-paths /api/health, /api/status needs a session', async () => {
    restricted = await startWebStack({ gateway: { publicPaths: ['/api/health'] } });
    const agent = new Agent(restricted.url);
    expect((await agent.get('/api/health')).status).toBe(200);
    const status = await agent.get('/api/status');
    expect(status.status).toBe(401);
    expect(errorCode(status)).toBe('UNAUTHENTICATED');
    await agent.login('alice', 'alicepw');
    expect((await agent.get('/api/status')).status).toBe(200);
  });

  it('refuses to make a path public that runs commands as the user', () => {
    expect(() => new Gateway({ directors: [{ name: 'd', consoleName: 'c', connect: { host: '127.0.0.1', password: 'x' } }], publicPaths: ['/api/jobs'], secureCookies: false })).toThrow(PublicPathError);
  });
});
