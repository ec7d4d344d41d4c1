import { expect, it } from 'vitest';
import { LoginTokenIssuer } from '../../src/auth/token.ts';

it('refuses a login token whose signature was changed', async () => {
  const issuer = await LoginTokenIssuer.generate();
  const token = issuer.issue('alice', 60);
  const [prefix, payload, signature] = token.split('.') as [string, string, string];
  const sig = Buffer.from(signature, 'base64url');
  for (let i = 0; i < sig.length; i++) {
    const flipped = Buffer.from(sig);
    flipped[i] = (flipped[i] ?? 0) ^ 0x01;
    expect(issuer.verify(`${prefix}.${payload}.${flipped.toString('base64url')}`, 'alice')).toEqual({ ok: false, reason: 'bad_signature' });
  }
  // A signature from another key over the same payload.
  const other = await LoginTokenIssuer.generate();
  const otherSig = other.issue('alice', 60).split('.')[2];
  expect(issuer.verify(`${prefix}.${payload}.${otherSig}`, 'alice')).toEqual({ ok: false, reason: 'bad_signature' });
  // Truncated or padded signatures are not even signatures.
  expect(issuer.verify(`${prefix}.${payload}.${signature.slice(0, -2)}`, 'alice')).toEqual({ ok: false, reason: 'malformed' });
  expect(issuer.verify(`${token}AA`, 'alice')).toEqual({ ok: false, reason: 'malformed' });
  expect(issuer.verify(`${token}=`, 'alice')).toEqual({ ok: false, reason: 'malformed' });
});
