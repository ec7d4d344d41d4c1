import { expect, it } from 'vitest';
import { LoginTokenIssuer } from '../../src/auth/token.ts';

const T0 = Date.UTC(2030, 0, 1);

it('refuses every earlier token of a user after logout, but not tokens issued later', async () => {
  const issuer = await LoginTokenIssuer.generate();
  const a1 = issuer.issue('alice', 600, { now: T0 });
  const a2 = issuer.issue('alice', 600, { now: T0 + 5_000 });
  const b = issuer.issue('bob', 600, { now: T0 });
  issuer.revokeUser('alice', T0 + 5_000);
  expect(issuer.verify(a1, 'alice', T0 + 6_000)).toEqual({ ok: false, reason: 'revoked' });
  // Issued in the same second as the logout: refused too (the cutoff is inclusive).
  expect(issuer.verify(a2, 'alice', T0 + 6_000)).toEqual({ ok: false, reason: 'revoked' });
  expect(issuer.verify(b, 'bob', T0 + 6_000)).toMatchObject({ ok: true });
  // Logging in again in that same second gives a token that works.
  const again = issuer.issue('alice', 600, { now: T0 + 5_500 });
  expect(issuer.verify(again, 'alice', T0 + 6_000)).toMatchObject({ ok: true });
});

it('refuses one revoked token, by token or by nonce, and only that one', async () => {
  const issuer = await LoginTokenIssuer.generate();
  const t1 = issuer.issue('alice', 600, { now: T0 });
  const t2 = issuer.issue('alice', 600, { now: T0 });
  const t3 = issuer.issue('alice', 600, { now: T0 });
  expect(issuer.revoke(t1, T0)).toBe(true);
  const v3 = issuer.verify(t3, 'alice', T0);
  if (!v3.ok) throw new Error('t3 should verify');
  expect(issuer.revoke(v3.nonce, T0)).toBe(true);
  expect(issuer.verify(t1, 'alice', T0 + 1000)).toEqual({ ok: false, reason: 'revoked' });
  expect(issuer.verify(t2, 'alice', T0 + 1000)).toMatchObject({ ok: true });
  expect(issuer.verify(t3, 'alice', T0 + 1000)).toEqual({ ok: false, reason: 'revoked' });
  // Not ours or not a token: nothing stored.
  const other = await LoginTokenIssuer.generate();
  expect(issuer.revoke(other.issue('alice', 60, { now: T0 }), T0)).toBe(false);
  expect(issuer.revoke('not a token', T0)).toBe(false);
});

it('survives a re-signed variant of a revoked token (ECDSA malleability): revocation is by nonce', async () => {
  const issuer = await LoginTokenIssuer.generate();
  const token = issuer.issue('alice', 600, { now: T0 });
  issuer.revoke(token, T0);
  const [prefix, payload, signature] = token.split('.') as [string, string, string];
  // (r, n - s) is the other valid signature of the same payload.
  const n = BigInt('0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551');
  const sig = Buffer.from(signature, 'base64url');
  const s = BigInt(`0x${sig.subarray(32).toString('hex')}`);
  const twin = Buffer.concat([sig.subarray(0, 32), Buffer.from((n - s).toString(16).padStart(64, '0'), 'hex')]);
  const variant = `${prefix}.${payload}.${twin.toString('base64url')}`;
  expect(variant).not.toBe(token);
  expect(issuer.verify(variant, 'alice', T0 + 1000)).toEqual({ ok: false, reason: 'revoked' });
});

it('keeps the revocation store bounded and fails closed when it overflows', async () => {
  const issuer = await LoginTokenIssuer.generate({ maxRevocations: 3 });
  const live = issuer.issue('carol', 600, { now: T0 });
  const tokens = Array.from({ length: 3 }, () => issuer.issue('alice', 600, { now: T0 }));
  for (const t of tokens) issuer.revoke(t, T0);
  expect(issuer.revocationCount).toBe(3);
  // Expired entries are dropped first...
  const later = T0 + 601_000;
  issuer.revoke(issuer.issue('alice', 600, { now: later }), later);
  expect(issuer.revocationCount).toBe(1);
  // ...and when nothing can be dropped, every token issued so far is refused instead.
  const now = later + 1000;
  const live2 = issuer.issue('dave', 600, { now });
  issuer.revokeUser('x', now);
  issuer.revokeUser('y', now);
  expect(issuer.revocationCount).toBeLessThanOrEqual(3);
  issuer.revokeUser('z', now);
  expect(issuer.revocationCount).toBeLessThanOrEqual(3);
  expect(issuer.verify(live2, 'dave', now)).toEqual({ ok: false, reason: 'revoked' });
  expect(issuer.verify(live, 'carol', T0)).toEqual({ ok: false, reason: 'revoked' });
  const fresh = issuer.issue('dave', 600, { now });
  expect(issuer.verify(fresh, 'dave', now)).toMatchObject({ ok: true });
});
