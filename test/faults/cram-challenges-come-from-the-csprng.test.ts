/**
 * The director's CRAM-MD5 challenges are not guessable: the random part comes from the CSPRNG
 * (Bareos reseeds random() from the clock, a seed space under 2^24), so challenges made in the same
 * second differ and spread over the whole 32-bit range.
 */
import { describe, expect, it } from 'vitest';
import { TlsPolicy, createChallenge } from '../../src/auth/cram-md5.ts';

describe('CRAM-MD5 challenge randomness', () => {
  it('10,000 challenges in the same second are all different and use the 32-bit range', () => {
    const randoms = Array.from({ length: 10_000 }, () => {
      const { token } = createChallenge('R_DIRECTOR::test-dir', TlsPolicy.None, 1_700_000_000);
      return Number(/^<(\d+)\./.exec(token)?.[1]);
    });
    expect(new Set(randoms).size).toBeGreaterThan(9_990);
    expect(Math.max(...randoms)).toBeGreaterThan(2 ** 31);
    expect(randoms.filter((r) => r >= 2 ** 24).length).toBeGreaterThan(9_900);
  });
});
