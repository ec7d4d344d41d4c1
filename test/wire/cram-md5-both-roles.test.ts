import { describe, expect, it } from 'vitest';
import {
  AUTH_OK, ChallengeRejectedError, TlsPolicy, answerChallenge, createChallenge, negotiateLegacyTls, parseChallengeLine, qualifiedName,
  storedPassword, verifyCramResponse,
} from '../../src/auth/index.ts';

const director = qualifiedName('R_DIRECTOR', 'bareos-dir');
const console_ = qualifiedName('R_CONSOLE', 'admin');

/** One direction: the challenger's line, answered by the responder, checked by the challenger. */
function exchange(challengerKey: string, responderKey: string, challengerName: string, responderName: string): boolean {
  const challenge = createChallenge(challengerName, TlsPolicy.Required);
  const response = answerChallenge(responderKey, parseChallengeLine(challenge.line), responderName);
  return verifyCramResponse(challengerKey, challenge.token, response);
}

describe('CRAM-MD5 in both roles', () => {
  const key = storedPassword('secret');

  it('a director and a console with the same password accept each other', () => {
    expect(exchange(key, key, director, console_)).toBe(true);
    expect(exchange(key, key, console_, director)).toBe(true);
  });

  it('a wrong password fails on both sides', () => {
    const wrong = storedPassword('wrong');
    expect(exchange(key, wrong, director, console_)).toBe(false);
    expect(exchange(wrong, key, console_, director)).toBe(false);
  });

  it('builds challenges from the CSPRNG in the documented shape', () => {
    const a = createChallenge(console_, TlsPolicy.None, 1718000000);
    const b = createChallenge(console_, TlsPolicy.None, 1718000000);
    expect(a.line).toMatch(/^auth cram-md5 <\d{1,10}\.1718000000@R_CONSOLE::admin> ssl=0\n$/);
    expect(a.token).not.toBe(b.token);
  });

  it('refuses to answer its own challenge reflected back', () => {
    const ours = createChallenge(console_, TlsPolicy.Required);
    expect(() => answerChallenge(key, parseChallengeLine(ours.line), console_)).toThrow(ChallengeRejectedError);
  });

  it('answers cram-md5c in standard base64 and cram-md5 in the Bareos variant', () => {
    const token = '<1804289383.1700000000@R_DIRECTOR::bareos-dir>';
    expect(answerChallenge(key, parseChallengeLine(`auth cram-md5c ${token} ssl=2\n`), console_).toString('latin1')).toBe('i0AJdBkD46ZytGADkomCkQ\0');
    expect(answerChallenge(key, parseChallengeLine(`auth cram-md5 ${token} ssl=2\n`), console_).toString('latin1')).toBe('i0AJdBkD46ZytGADk4+CkB\0');
    expect(parseChallengeLine(`auth cram-md5 ${token}\n`).policy).toBeUndefined();
  });

  it('rejects malformed and oversized challenges', () => {
    expect(() => parseChallengeLine('auth cram-md5 <abc@x> ssl=0\n')).toThrow(ChallengeRejectedError);
    expect(() => parseChallengeLine(`auth cram-md5 <1.2@${'x'.repeat(300)}> ssl=0\n`)).toThrow(ChallengeRejectedError);
    expect(AUTH_OK).toBe('1000 OK auth\n');
  });

  it('decides legacy TLS by the table of §2.6', () => {
    expect(negotiateLegacyTls(TlsPolicy.None, 0)).toBe('none');
    expect(negotiateLegacyTls(TlsPolicy.None, 2)).toBe('deny');
    expect(negotiateLegacyTls(TlsPolicy.Required, 0)).toBe('deny');
    expect(negotiateLegacyTls(TlsPolicy.Enabled, 0)).toBe('tls');
    expect(negotiateLegacyTls(TlsPolicy.None, undefined)).toBe('tls');
  });
});
