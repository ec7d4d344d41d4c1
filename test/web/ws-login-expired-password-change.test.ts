import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, errorCode, skipWithoutPam, startWebStack, type WebStack } from './stack.ts';
import { wsLogin } from './ws.ts';

describe.skipIf(skipWithoutPam)('an expired password (tsb-expired: the account step says PAM_NEW_AUTHTOK_REQD)', () => {
  let stack: WebStack;
  beforeAll(async () => {
    stack = await startWebStack({ service: 'tsb-expired' });
  });
  afterAll(() => stack?.close());

  it('direct login: AUTHENTICATION_FAILED, since the protocol carries no reason', async () => {
    expect(errorCode(await new Agent(stack.url).login('alice', 'alicepw'))).toBe('AUTHENTICATION_FAILED');
  });

  it('WebSocket login: a failed change is PASSWORD_CHANGE_REQUIRED', async () => {
    const run = await wsLogin(stack.url, { username: 'alice', password: 'alicepw' }, () => 'not-the-old-one');
    expect(run.prompts[0]?.text).toMatch(/Old password: $/);
    expect(run.final).toMatchObject({ type: 'error', error: { code: 'PASSWORD_CHANGE_REQUIRED' } });
  });

  it('WebSocket login: the user changes the password through the relayed prompts and is logged in', async () => {
    const answers: Record<string, string> = { old: 'alicepw', new: 'Fresh-pw-2026', retype: 'Fresh-pw-2026' };
    const run = await wsLogin(stack.url, { username: 'alice', password: 'alicepw' }, (p) => {
      const asked = p.text.trim().split('\n').pop() ?? '';
      if (/old/i.test(asked)) return answers['old'] ?? '';
      if (/retype|again|confirm/i.test(asked)) return answers['retype'] ?? '';
      return answers['new'] ?? '';
    });
    expect(run.final).toMatchObject({ type: 'success', user: 'alice' });
    expect(stack.fixture.read(stack.fixture.passdb['tsb-expired'])).toContain('alice:Fresh-pw-2026:');
  });
});
