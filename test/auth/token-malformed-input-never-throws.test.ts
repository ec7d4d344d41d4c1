import { expect, it } from 'vitest';
import fc from 'fast-check';
import { LoginTokenIssuer } from '../../src/auth/token.ts';

it('answers { ok: false } for any string, never throwing', async () => {
  const issuer = await LoginTokenIssuer.generate();
  const valid = issuer.issue('alice', 60);
  const [, payload, signature] = valid.split('.') as [string, string, string];
  const tokenish = fc
    .tuple(fc.constantFrom('tsbt1', 'tsbt2', '', 'TSBT1'), fc.string(), fc.string(), fc.constantFrom('', '.', '.x'))
    .map(([p, a, b, tail]) => `${p}.${a}.${b}${tail}`);
  const spliced = fc.tuple(fc.nat(payload.length), fc.string({ maxLength: 3 })).map(([i, s]) => `tsbt1.${payload.slice(0, i)}${s}${payload.slice(i)}.${signature}`);
  fc.assert(
    fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), tokenish, spliced, fc.string({ minLength: 400, maxLength: 2000 })), fc.string(), (token, user) => {
      if (token === valid) return;
      const result = issuer.verify(token, user);
      expect(result.ok).toBe(false);
    }),
    { numRuns: 2000 },
  );
});

it('answers { ok: false } for values that are not strings at all', async () => {
  const issuer = await LoginTokenIssuer.generate();
  for (const v of [undefined, null, 42, {}, [], Buffer.from('tsbt1.a.b')]) {
    expect(issuer.verify(v, 'alice')).toEqual({ ok: false, reason: 'malformed' });
  }
  expect(issuer.verify('tsbt1.' + 'A'.repeat(600), 'alice')).toEqual({ ok: false, reason: 'malformed' });
});

it('refuses a well-signed payload that does not have the token shape', async () => {
  // Signed by the right key but not by `issue` (e.g. a future format): malformed, not accepted.
  const { generateKeyPairSync, sign } = await import('node:crypto');
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const issuer = await LoginTokenIssuer.fromPem(privateKey.export({ type: 'pkcs8', format: 'pem' }));
  const input = `tsbt1.${Buffer.from('alice,notanumber,1,AAAAAAAAAAAAAAAAAAAAAA').toString('base64url')}`;
  const sig = sign('sha256', Buffer.from(input), { key: privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64url');
  expect(issuer.verify(`${input}.${sig}`, 'alice')).toEqual({ ok: false, reason: 'malformed' });
});
