import { expect, it } from 'vitest';
import { LoginTokenIssuer } from '../../src/auth/token.ts';

it('refuses a login token presented for another user', async () => {
  const issuer = await LoginTokenIssuer.generate();
  const token = issuer.issue('alice', 60);
  expect(issuer.verify(token, 'bob')).toEqual({ ok: false, reason: 'wrong_user' });
  // User names are compared exactly, as Bareos matches User resources case-sensitively.
  expect(issuer.verify(token, 'Alice')).toEqual({ ok: false, reason: 'wrong_user' });
  expect(issuer.verify(token, 'alice ')).toEqual({ ok: false, reason: 'wrong_user' });
  expect(issuer.verify(token, '')).toEqual({ ok: false, reason: 'wrong_user' });
});
