import { expect, it } from 'vitest';
import { LoginTokenIssuer } from '../../src/auth/token.ts';

it('refuses a login token from the second it expires', async () => {
  const issuer = await LoginTokenIssuer.generate();
  const now = Date.UTC(2030, 0, 1);
  const token = issuer.issue('alice', 60, { now });
  expect(issuer.verify(token, 'alice', now + 59_999)).toMatchObject({ ok: true });
  expect(issuer.verify(token, 'alice', now + 60_000)).toEqual({ ok: false, reason: 'expired' });
  expect(issuer.verify(token, 'alice', now + 86_400_000)).toEqual({ ok: false, reason: 'expired' });
});

it('refuses a token issued implausibly far in the future (a clock or key problem)', async () => {
  const issuer = await LoginTokenIssuer.generate();
  const now = Date.UTC(2030, 0, 1);
  const token = issuer.issue('alice', 60, { now: now + 3_600_000 });
  expect(issuer.verify(token, 'alice', now)).toEqual({ ok: false, reason: 'malformed' });
});

it('uses the injected clock by default', async () => {
  let t = Date.UTC(2030, 0, 1);
  const issuer = await LoginTokenIssuer.generate({ clock: () => t });
  const token = issuer.issue('alice', 10);
  expect(issuer.verify(token, 'alice')).toMatchObject({ ok: true });
  t += 10_000;
  expect(issuer.verify(token, 'alice')).toEqual({ ok: false, reason: 'expired' });
});
