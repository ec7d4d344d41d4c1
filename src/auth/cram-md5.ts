/**
 * CRAM-MD5 as the Bareos console protocol uses it (reference §4). Pure functions: no sockets.
 *
 *   challenge line: `auth cram-md5 <RANDOM.UNIXTIME@QUALIFIED-NAME> ssl=<policy>\n`
 *   response:       22 base64 chars of HMAC-MD5(stored password, token) + NUL
 *   verdict:        `1000 OK auth\n` or `1999 Authorization failed.\n`
 */
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { bashSpaces } from '../wire/hello.ts';
import { bareosBase64, compatibleBase64 } from './base64.ts';
import { ChallengeRejectedError } from './errors.ts';

export const AUTH_OK = '1000 OK auth\n';
export const AUTH_FAILED = '1999 Authorization failed.\n';
/** Bound on a challenge line before any parsing (Bareos has none; §9). */
export const MAX_CHALLENGE_LENGTH = 256;

/** TLS policy sent as `ssl=` (reference §2.3). */
export enum TlsPolicy {
  None = 0,
  Enabled = 1,
  Required = 2,
}

export interface Challenge {
  /** The exact token hashed, angle brackets included. */
  readonly token: string;
  /** The frame payload to send. */
  readonly line: string;
}

/** `R_DIRECTOR::bareos-dir`, `R_CONSOLE::admin`: the name a side puts in its own challenges. */
export function qualifiedName(type: 'R_DIRECTOR' | 'R_CONSOLE', name: string): string {
  return `${type}::${bashSpaces(name)}`;
}

/** A fresh challenge from the CSPRNG (Bareos reseeds random() from the clock; we do not). */
export function createChallenge(ownQualifiedName: string, policy: TlsPolicy, nowSeconds = Math.floor(Date.now() / 1000)): Challenge {
  const random = randomInt(0, 0x1_0000_0000);
  const token = `<${random}.${nowSeconds}@${ownQualifiedName}>`;
  return { token, line: `auth cram-md5 ${token} ssl=${policy}\n` };
}

export function cramMac(key: string, token: string): Buffer {
  return createHmac('md5', Buffer.from(key, 'utf8')).update(Buffer.from(token, 'utf8')).digest();
}

/** The response payload: base64 of the MAC plus the trailing NUL bconsole sends. */
export function cramResponse(key: string, token: string, compatible: boolean): Buffer {
  const mac = cramMac(key, token);
  const text = compatible ? compatibleBase64(mac) : bareosBase64(mac);
  return Buffer.concat([Buffer.from(text, 'ascii'), Buffer.from([0])]);
}

/**
 * Check a response to our challenge. Accepts both encodings, with or without the trailing NUL (the
 * payload is read as a C string), comparing in constant time.
 */
export function verifyCramResponse(key: string, token: string, payload: Buffer): boolean {
  const nul = payload.indexOf(0);
  const got = nul === -1 ? payload : payload.subarray(0, nul);
  const mac = cramMac(key, token);
  let ok = false;
  for (const expected of [bareosBase64(mac), compatibleBase64(mac)]) {
    const want = Buffer.from(expected, 'ascii');
    // Evaluate both candidates whatever the first gave, so timing does not tell which matched.
    if (want.length === got.length && timingSafeEqual(want, got)) ok = true;
  }
  return ok;
}

export interface ParsedChallenge {
  readonly token: string;
  /** Undefined when the line had no `ssl=` (old peers); the legacy TLS table treats it as "TLS". */
  readonly policy: number | undefined;
  /** True for `cram-md5c`: the peer wants standard base64 back. */
  readonly compatible: boolean;
  /** The qualified name inside the token (after `@`). */
  readonly peerName: string;
}

const CHALLENGE_LINE = /^auth (cram-md5c?) (\S+)(?: ssl=(\d+))?(?:\s.*)?$/s;
const TOKEN_SHAPE = /^<\d*\.\d*@([^>]+)>$/;

/** Parse and validate a peer's challenge line before anything is computed from it. */
export function parseChallengeLine(payload: Buffer | string): ParsedChallenge {
  const raw = typeof payload === 'string' ? payload : payload.toString('latin1');
  if (raw.length > MAX_CHALLENGE_LENGTH) throw new ChallengeRejectedError('ERR_CHALLENGE_TOO_LONG', `challenge of ${raw.length} bytes exceeds ${MAX_CHALLENGE_LENGTH}`);
  const text = raw.replace(/\0.*$/s, '').replace(/\r?\n$/, '');
  const match = CHALLENGE_LINE.exec(text);
  if (!match) throw new ChallengeRejectedError('ERR_CHALLENGE_FORMAT', 'not an "auth cram-md5 <token> ssl=N" line');
  const token = match[2] ?? '';
  const shape = TOKEN_SHAPE.exec(token);
  if (!shape) throw new ChallengeRejectedError('ERR_CHALLENGE_FORMAT', 'challenge token is not <digits.digits@name>');
  return {
    token,
    policy: match[3] === undefined ? undefined : Number(match[3]),
    compatible: match[1] === 'cram-md5c',
    peerName: shape[1] ?? '',
  };
}

/**
 * Answer a peer's challenge. Refuses to answer a challenge carrying our own qualified name: that is
 * our challenge reflected back at us to get it signed (reference §4.2).
 */
export function answerChallenge(key: string, challenge: ParsedChallenge, ownQualifiedName: string): Buffer {
  if (challenge.peerName === ownQualifiedName && !challenge.peerName.includes('R_STORAGE')) {
    throw new ChallengeRejectedError('ERR_CHALLENGE_REFLECTED', 'peer sent our own challenge name back (reflection attack)');
  }
  return cramResponse(key, challenge.token, challenge.compatible);
}

/** Post-CRAM TLS decision on the legacy cleartext path (reference §2.6). */
export function negotiateLegacyTls(local: TlsPolicy, remote: number | undefined): 'none' | 'tls' | 'deny' {
  if (local === TlsPolicy.Enabled) return 'tls';
  const known = remote === 0 || remote === 1 || remote === 2;
  if (!known) return 'tls';
  if (local === TlsPolicy.None) return remote === TlsPolicy.Required ? 'deny' : 'none';
  return remote === TlsPolicy.None ? 'deny' : 'tls';
}

/** Is this verdict frame exactly the success verdict? */
export function isAuthOk(payload: Buffer): boolean {
  return payload.toString('latin1') === AUTH_OK;
}
