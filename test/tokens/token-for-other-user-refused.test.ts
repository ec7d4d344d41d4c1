import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { announceSkip } from '../helpers/prereqs.ts';
import { prerequisite, startTokenStack, tokenFor, type TokenStack } from './fixture.ts';

describe.skipIf(announceSkip(prerequisite))("alice's login token sent as bob's password", () => {
  let stack: TokenStack;
  beforeAll(async () => {
    stack = await startTokenStack();
  });
  afterAll(() => stack?.close());

  it('is refused as issued for another user, without asking PAM', async () => {
    const token = await tokenFor(stack);
    const pamCalls = stack.pam.calls;
    expect(await stack.refused('bob', token)).toBeInstanceOf(Error);
    expect(stack.pam.calls).toBe(pamCalls);
    const line = await stack.refusal('ERR_LOGIN_TOKEN_WRONG_USER');
    expect(line['message']).toBe('login token for user "bob" refused: issued for another user');
    expect(line['pam_user']).toBe('bob');
  });
});
