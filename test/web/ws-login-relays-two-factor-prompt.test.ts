import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, errorCode, skipWithoutPam, startWebStack, type WebStack } from './stack.ts';
import { wsLogin } from './ws.ts';

describe.skipIf(skipWithoutPam)('WebSocket login with password then OTP (tsb-2fa stack)', () => {
  let stack: WebStack;
  beforeAll(async () => {
    stack = await startWebStack({ service: 'tsb-2fa' });
  });
  afterAll(() => stack?.close());

  it('answers login and password itself, relays only the OTP prompt, and the one-time code yields a session', async () => {
    const run = await wsLogin(stack.url, { username: 'alice', password: 'alicepw' }, () => stack.fixture.hotp(0));
    expect(run.prompts).toEqual([{ echo: false, text: "Authentication succeeded\nOne-time password (OATH) for `alice': " }]);
    expect(run.final).toMatchObject({ type: 'success', user: 'alice', director: 'test-dir' });
    const code = run.final.type === 'success' ? run.final.code : '';

    const agent = new Agent(stack.url);
    const complete = await agent.request('POST', '/api/auth/complete', { code });
    expect(complete.status).toBe(200);
    expect(complete.body).toMatchObject({ user: 'alice' });
    agent.csrfToken = String(complete.body['csrfToken']);
    expect(String((await agent.post('/api/console', { command: 'whoami' })).body['output']).trim()).toBe('alice');

    const again = await new Agent(stack.url).request('POST', '/api/auth/complete', { code });
    expect(errorCode(again)).toBe('AUTHENTICATION_FAILED');
  });

  it('a wrong OTP ends with AUTHENTICATION_FAILED', async () => {
    const run = await wsLogin(stack.url, { username: 'alice', password: 'alicepw' }, () => '000000');
    expect(run.final).toMatchObject({ type: 'error', error: { code: 'AUTHENTICATION_FAILED' } });
  });

  it('never gives the password to the OTP prompt (carol: password = her own first HOTP code)', async () => {
    const prompts: string[] = [];
    const run = await wsLogin(stack.url, { username: 'carol', password: stack.fixture.carol.password }, (p) => {
      prompts.push(p.text);
      return '999999';
    });
    expect(prompts).toHaveLength(1);
    expect(prompts[0]).toContain('One-time password');
    expect(run.final.type).toBe('error');
  });

  it('the direct JSON login cannot pass a two-factor stack', async () => {
    expect(errorCode(await new Agent(stack.url).login('alice', 'alicepw'))).toBe('AUTHENTICATION_FAILED');
  });
});
