/** `.logintoken` after a PAM login: one plain line in api 0, `{"logintoken":{token,expires}}` in api 2. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { announceSkip } from '../helpers/prereqs.ts';
import { prerequisite, startTokenStack, type TokenStack } from './fixture.ts';

const TOKEN = /^tsbt1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{86}$/;

describe.skipIf(announceSkip(prerequisite))('.logintoken after a PAM login', () => {
  let stack: TokenStack;
  beforeAll(async () => {
    stack = await startTokenStack('Login Token Lifetime = 10 min');
  });
  afterAll(() => stack?.close());

  it('returns the token as one line in api 0', async () => {
    const client = await stack.login('alice', 'alicepw');
    try {
      const out = await client.call('.logintoken');
      expect(out.endsWith('\n')).toBe(true);
      expect(out.trim()).toMatch(TOKEN);
    } finally {
      await client.close();
    }
  });

  it('returns token and expiry (Unix seconds) in api 2, capped by Login Token Lifetime', async () => {
    const client = await stack.login('alice', 'alicepw');
    try {
      const now = Math.floor(Date.now() / 1000);
      const short = (await client.callJson('.logintoken ttl=60')) as { logintoken: { token: string; expires: number } };
      expect(short.logintoken.token).toMatch(TOKEN);
      expect(short.logintoken.expires - now).toBeGreaterThanOrEqual(59);
      expect(short.logintoken.expires - now).toBeLessThanOrEqual(61);
      const capped = (await client.callJson('.logintoken ttl=99999')) as { logintoken: { expires: number } };
      expect(capped.logintoken.expires - now).toBeLessThanOrEqual(601);
      expect(capped.logintoken.expires - now).toBeGreaterThanOrEqual(599);
    } finally {
      await client.close();
    }
    expect(stack.director.events().some((e) => e['event'] === 'token.issued' && e['pam_user'] === 'alice')).toBe(true);
    expect(stack.director.logs.join('')).not.toContain('tsbt1.');
  });

  it('is refused to a console that did not log in through PAM', async () => {
    const { connect } = await import('../../src/client/index.ts');
    const client = await connect({ host: '127.0.0.1', port: stack.director.port, name: 'admin', password: 'adminpw' });
    try {
      await expect(client.callJson('.logintoken')).rejects.toThrow(/only a PAM login can get a login token/);
    } finally {
      await client.close();
    }
  });
});
