import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, skipWithoutPam, startWebStack, type WebStack } from './stack.ts';

describe.skipIf(skipWithoutPam)('POST /api/auth/login', () => {
  let stack: WebStack;
  beforeAll(async () => {
    stack = await startWebStack();
  });
  afterAll(() => stack?.close());

  it('logs the user in with PAM (4002) and sets an HttpOnly SameSite=Strict session cookie', async () => {
    const agent = new Agent(stack.url);
    const reply = await agent.login('alice', 'alicepw');
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ user: 'alice', director: 'test-dir' });
    expect(String(reply.body['csrfToken'])).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    const cookie = reply.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^tsb_session=[A-Za-z0-9_-]{40,};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).not.toContain('Secure');

    const me = await agent.get('/api/auth/me');
    expect(me.body).toMatchObject({ user: 'alice', director: 'test-dir' });
    const session = stack.director.runtime.sessions();
    expect(session.length).toBe(1);
  });

  it('runs console commands in text and in api 2 JSON on the session', async () => {
    const agent = new Agent(stack.url);
    await agent.login('alice', 'alicepw');
    const text = await agent.post('/api/console', { command: 'whoami' });
    expect(text.status).toBe(200);
    expect(String(text.body['output']).trim()).toBe('alice');
    const json = await agent.post('/api/console', { command: 'list jobs limit=2', json: true });
    expect(json.status).toBe(200);
    const result = json.body['result'] as { jobs: unknown[] };
    expect(result.jobs).toHaveLength(2);
  });

  it('serves /api/jobs as .api 2 list jobs with validated filters', async () => {
    const agent = new Agent(stack.url);
    await agent.login('alice', 'alicepw');
    const all = await agent.get('/api/jobs?limit=5&offset=1');
    expect(all.status).toBe(200);
    const jobs = all.body['jobs'] as Array<Record<string, string>>;
    expect(jobs).toHaveLength(5);
    const client = jobs[0]?.['client'] ?? '';
    const filtered = await agent.get(`/api/jobs?client=${encodeURIComponent(client)}&jobstatus=T`);
    expect((filtered.body['jobs'] as Array<Record<string, string>>).every((j) => j['client'] === client && j['jobstatus'] === 'T')).toBe(true);
    expect((await agent.get('/api/jobs?client=x%22%20yes')).status).toBe(400);
    expect((await agent.get('/api/jobs?limit=1;delete')).status).toBe(400);
    expect((await agent.get('/api/jobs?jobname=x')).status).toBe(400);
    for (const path of ['/api/clients', '/api/pools', '/api/volumes?limit=3']) {
      const reply = await agent.get(path);
      expect(reply.status, path).toBe(200);
    }
  });
});
