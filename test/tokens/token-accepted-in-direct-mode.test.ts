/** A login token in the 4002 password field logs its user in, without PAM, until it expires. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { announceSkip } from '../helpers/prereqs.ts';
import { waitFor } from '../helpers/director.ts';
import { prerequisite, startTokenStack, tokenFor, type TokenStack } from './fixture.ts';

describe.skipIf(announceSkip(prerequisite))('a login token in PAM direct mode', () => {
  let stack: TokenStack;
  beforeAll(async () => {
    stack = await startTokenStack();
  });
  afterAll(() => stack?.close());

  it('logs alice in after her connection dropped, and PAM is not asked', async () => {
    const token = await tokenFor(stack);
    const pamCalls = stack.pam.calls;
    for (let i = 0; i < 2; i++) {
      const client = await stack.login('alice', token);
      expect(client.banner).toContain('You are logged in as: alice');
      expect((await client.call('whoami')).trim()).toBe('alice');
      await client.close(); // a drop, not a logout: the token stays good
    }
    expect(stack.pam.calls).toBe(pamCalls);
    await waitFor(() => stack.director.events().some((e) => e['event'] === 'login.ok' && e['mode'] === 'pam-token' && e['pam_user'] === 'alice'), 5000, 'login.ok');
  });

  it('does not hand a token session a fresh token (a stolen token cannot be stretched)', async () => {
    const client = await stack.login('alice', await tokenFor(stack));
    try {
      await expect(client.callJson('.logintoken')).rejects.toThrow(/logged in with a login token/);
    } finally {
      await client.close();
    }
  });
});
