import { describe, expect, it } from 'vitest';
import { LoginTokenIssuer, MAX_TOKEN_LENGTH, MAX_TOKEN_USER_BYTES, TOKEN_PREFIX, looksLikeLoginToken } from '../../src/auth/token.ts';

describe('a login token verifies for the user it was issued to', () => {
  it('returns the user, expiry and nonce', async () => {
    const issuer = await LoginTokenIssuer.generate();
    const now = Date.UTC(2030, 0, 1);
    const token = issuer.issue('alice', 300, { now });
    const result = issuer.verify(token, 'alice', now + 1000);
    expect(result).toMatchObject({ ok: true, user: 'alice' });
    if (!result.ok) throw new Error('unreachable');
    expect(result.expiresAt.getTime()).toBe(now + 300_000);
    expect(result.issuedAt.getTime()).toBe(now);
    expect(result.nonce).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(result.sessionId).toBeUndefined();
    expect(looksLikeLoginToken(token)).toBe(true);
  });

  it('carries an optional session id', async () => {
    const issuer = await LoginTokenIssuer.generate();
    const token = issuer.issue('alice', 60, { sessionId: 'web-42_x' });
    expect(issuer.verify(token, 'alice')).toMatchObject({ ok: true, sessionId: 'web-42_x' });
  });

  it('has the documented shape and fits the 4002 password field even at the longest user name', async () => {
    const issuer = await LoginTokenIssuer.generate();
    const user = 'é'.repeat(MAX_TOKEN_USER_BYTES / 2);
    const token = issuer.issue(user, 43_200, { sessionId: 's'.repeat(64) });
    expect(token.length).toBeLessThanOrEqual(MAX_TOKEN_LENGTH);
    expect(token).toMatch(/^tsbt1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{86}$/);
    expect(token).not.toMatch(/[\x00\x1e ,]/);
    const [prefix, payload] = token.split('.');
    expect(prefix).toBe(TOKEN_PREFIX);
    const fields = Buffer.from(payload ?? '', 'base64url').toString('utf8').split(',');
    expect(fields[0]).toBe(user);
    expect(Number(fields[1]) - Number(fields[2])).toBe(43_200);
    expect(issuer.verify(token, user)).toMatchObject({ ok: true, user });
  });

  it('still verifies after the key is reloaded from its PEM (a director restart)', async () => {
    const first = await LoginTokenIssuer.generate();
    const token = first.issue('bob', 60);
    const second = await LoginTokenIssuer.fromPem(first.toPem());
    expect(second.verify(token, 'bob')).toMatchObject({ ok: true, user: 'bob' });
    const stranger = await LoginTokenIssuer.generate();
    expect(stranger.verify(token, 'bob')).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('refuses to issue for names the format cannot carry', async () => {
    const issuer = await LoginTokenIssuer.generate();
    for (const bad of ['', 'a,b', 'a\x1eb', 'a\0', 'x'.repeat(MAX_TOKEN_USER_BYTES + 1), '\ud800']) {
      expect(() => issuer.issue(bad, 60)).toThrowError(expect.objectContaining({ code: 'ERR_TOKEN_REQUEST' }));
    }
    expect(() => issuer.issue('alice', 0)).toThrow(/lifetime/);
    expect(() => issuer.issue('alice', 13 * 3600)).toThrow(/lifetime/);
    expect(() => issuer.issue('alice', 60, { sessionId: 'has space' })).toThrow(/session id/);
  });
});
