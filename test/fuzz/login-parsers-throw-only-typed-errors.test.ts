/**
 * The parsers a peer reaches before it is authenticated (Hello, challenge line, response message,
 * PSK identity, CRAM response check) take any bytes: they return a value or throw their own typed
 * error, never a TypeError or RangeError that would mean an unchecked assumption.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseChallengeLine, verifyCramResponse } from '../../src/auth/cram-md5.ts';
import { AuthError } from '../../src/auth/errors.ts';
import { parsePskIdentity } from '../../src/auth/psk.ts';
import { WireError } from '../../src/wire/errors.ts';
import { parseHello } from '../../src/wire/hello.ts';
import { decodeResponse } from '../../src/wire/response.ts';

/** Bytes biased towards the shapes the parsers look for, so they get past their first checks. */
const loginish = fc.oneof(
  fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
  fc.tuple(fc.constantFrom('Hello ', 'auth cram-md5 <', 'auth cram-md5c <', '1000\x1e', '4002\x1e', 'R_CONSOLE\x1e'), fc.string({ maxLength: 200 }), fc.constantFrom('', '\n', '\0', ' ssl=2\n', '>', '@', ' calling version ')).map(([a, b, c]) => Buffer.from(a + b + c, 'utf8')),
);

function typedOnly(fn: () => unknown, allowed: new (...args: never[]) => Error): void {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(allowed);
  }
}

describe('pre-authentication parsers under random input', () => {
  it('parseHello throws only WireError', () => {
    fc.assert(fc.property(loginish, (b) => typedOnly(() => parseHello(b), WireError)), { numRuns: 3000 });
  });
  it('parseChallengeLine throws only AuthError', () => {
    fc.assert(fc.property(loginish, (b) => typedOnly(() => parseChallengeLine(b), AuthError)), { numRuns: 3000 });
  });
  it('decodeResponse throws only WireError', () => {
    fc.assert(fc.property(loginish, (b) => typedOnly(() => decodeResponse(b), WireError)), { numRuns: 3000 });
  });
  it('parsePskIdentity and verifyCramResponse never throw', () => {
    fc.assert(
      fc.property(loginish, fc.string({ maxLength: 64 }), (b, token) => {
        parsePskIdentity(b.toString('latin1'));
        expect(verifyCramResponse('0123456789abcdef0123456789abcdef', token, b)).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });
});
