/** A password shaped like a token that does not verify is refused; it never reaches PAM. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { announceSkip } from '../helpers/prereqs.ts';
import { prerequisite, startTokenStack, tokenFor, type TokenStack } from './fixture.ts';

function flipLast(text: string): string {
  const last = text.at(-1) === 'A' ? 'B' : 'A';
  return `${text.slice(0, -1)}${last}`;
}

describe.skipIf(announceSkip(prerequisite))('a tampered login token', () => {
  let stack: TokenStack;
  beforeAll(async () => {
    stack = await startTokenStack();
  });
  afterAll(() => stack?.close());

  it('refuses a changed payload (a longer expiry) as a bad signature', async () => {
    const token = await tokenFor(stack);
    const [prefix, payload, signature] = token.split('.');
    const fields = Buffer.from(payload ?? '', 'base64url').toString('utf8').split(',');
    fields[1] = String(Number(fields[1]) + 86_400);
    const forged = `${prefix}.${Buffer.from(fields.join(','), 'utf8').toString('base64url')}.${signature}`;
    const pamCalls = stack.pam.calls;
    expect(await stack.refused('alice', forged)).toBeInstanceOf(Error);
    expect(await stack.refused('alice', flipLast(token))).toBeInstanceOf(Error);
    expect(await stack.refused('alice', 'tsbt1.not-a-token')).toBeInstanceOf(Error);
    expect(stack.pam.calls).toBe(pamCalls);
    expect((await stack.refusal('ERR_LOGIN_TOKEN_BAD_SIGNATURE'))['message']).toBe('login token for user "alice" refused: bad signature (tampered, or signed with another key)');
    await stack.refusal('ERR_LOGIN_TOKEN_MALFORMED');
  });
});
