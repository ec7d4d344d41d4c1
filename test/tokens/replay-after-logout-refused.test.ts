/** Logging out revokes: `quit` the session's own tokens, `.logout` every token of the user. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { announceSkip } from '../helpers/prereqs.ts';
import { prerequisite, startTokenStack, tokenFor, type TokenStack } from './fixture.ts';

describe.skipIf(announceSkip(prerequisite))('replaying a login token after logout', () => {
  let stack: TokenStack;
  beforeAll(async () => {
    stack = await startTokenStack();
  });
  afterAll(() => stack?.close());

  it('is refused after the session that obtained it quits', async () => {
    const client = await stack.login('alice', 'alicepw');
    const token = (await client.call('.logintoken')).trim();
    await client.call('quit');
    await client.close();
    expect(await stack.refused('alice', token)).toBeInstanceOf(Error);
    expect((await stack.refusal('ERR_LOGIN_TOKEN_REVOKED'))['message']).toBe('login token for user "alice" refused: revoked (its session logged out)');
  });

  it('is refused after a session that logged in with it quits', async () => {
    const token = await tokenFor(stack);
    const reconnected = await stack.login('alice', token);
    await reconnected.call('quit');
    await reconnected.close();
    expect(await stack.refused('alice', token)).toBeInstanceOf(Error);
  });

  it('.logout revokes every token alice had, and a new PAM login gets a working one', async () => {
    const first = await tokenFor(stack);
    const second = await tokenFor(stack);
    const client = await stack.login('alice', 'alicepw');
    const result = await client.callDetailed('.logout');
    expect(result.end).toBe('closed');
    await client.close();
    expect(await stack.refused('alice', first)).toBeInstanceOf(Error);
    expect(await stack.refused('alice', second)).toBeInstanceOf(Error);
    const fresh = await tokenFor(stack);
    const again = await stack.login('alice', fresh);
    await again.close();
  });
});
