import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { announceSkip } from '../helpers/prereqs.ts';
import { prerequisite, startTokenStack, tokenFor, type TokenStack } from './fixture.ts';

describe.skipIf(announceSkip(prerequisite))('an expired login token', () => {
  let stack: TokenStack;
  beforeAll(async () => {
    stack = await startTokenStack();
  });
  afterAll(() => stack?.close());

  it('is refused once its lifetime has passed, without asking PAM', async () => {
    const token = await tokenFor(stack, 1);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const pamCalls = stack.pam.calls;
    expect(await stack.refused('alice', token)).toBeInstanceOf(Error);
    expect(stack.pam.calls).toBe(pamCalls);
    const line = await stack.refusal('ERR_LOGIN_TOKEN_EXPIRED');
    expect(line['message']).toBe('login token for user "alice" refused: expired');
  });
});
