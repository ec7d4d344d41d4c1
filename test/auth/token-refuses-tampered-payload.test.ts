import { expect, it } from 'vitest';
import { LoginTokenIssuer } from '../../src/auth/token.ts';

it('refuses a login token whose payload was changed', async () => {
  const issuer = await LoginTokenIssuer.generate();
  const token = issuer.issue('alice', 60);
  const [prefix, payload, signature] = token.split('.') as [string, string, string];
  const fields = Buffer.from(payload, 'base64url').toString('utf8').split(',');

  // Same signature, payload naming another user.
  const asBob = ['bob', ...fields.slice(1)].join(',');
  const forged = `${prefix}.${Buffer.from(asBob).toString('base64url')}.${signature}`;
  expect(issuer.verify(forged, 'bob')).toEqual({ ok: false, reason: 'bad_signature' });

  // Same signature, a later expiry.
  const later = [fields[0], String(Number(fields[1]) + 3600), ...fields.slice(2)].join(',');
  expect(issuer.verify(`${prefix}.${Buffer.from(later).toString('base64url')}.${signature}`, 'alice')).toEqual({ ok: false, reason: 'bad_signature' });

  // Every single-character change of the payload part.
  for (let i = 0; i < payload.length; i++) {
    const c = payload[i] === 'A' ? 'B' : 'A';
    const changed = `${prefix}.${payload.slice(0, i)}${c}${payload.slice(i + 1)}.${signature}`;
    expect(issuer.verify(changed, 'alice').ok).toBe(false);
  }
});
