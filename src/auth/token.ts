/**
 * Signed login tokens: our extension beyond Bareos (issue 8). After a PAM login the director may hand
 * the console a short-lived token; in PAM direct mode (`4002` RS user RS password, reference §6.2) the
 * director accepts that token in place of the password for the same user until it expires, so a web
 * client can reconnect without keeping the password.
 *
 * Wire form (ASCII, at most 511 bytes, never contains RS 0x1E, NUL, space or comma):
 *
 *   tsbt1.<payload>.<signature>
 *
 *   payload   = base64url, no padding, of the UTF-8 text  user "," exp "," iat "," nonce [ "," session ]
 *               user     1-128 UTF-8 bytes, no "," and no control characters
 *               exp, iat expiry and issue time, decimal Unix seconds (no sign, no leading zeros)
 *               nonce    22 base64url characters (16 random bytes): names this token for revocation
 *               session  optional, 1-64 characters of [A-Za-z0-9_-]
 *   signature = base64url, no padding, of the ECDSA P-256 / SHA-256 signature in IEEE P1363 form
 *               (r || s, 64 bytes) over the ASCII bytes "tsbt1." + payload, i.e. everything before the
 *               last ".". Signing the encoded text, not re-serialised fields, leaves nothing to
 *               canonicalise: the verifier checks exactly the bytes it received.
 *
 * ECDSA signatures are malleable ((r, s) and (r, n-s) both verify), so two different strings can carry
 * one payload; that is why revocation is keyed by the signed nonce and never by the token string.
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  sign,
  timingSafeEqual,
  verify,
  type KeyObject,
} from 'node:crypto';
import { channel } from 'node:diagnostics_channel';
import { link, lstat, mkdir, open, readFile, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AuthError } from './errors.ts';

export const TOKEN_PREFIX = 'tsbt1';
/** The 4002 password field has no hard limit, but consoles keep it in fixed buffers; stay well inside 512. */
export const MAX_TOKEN_LENGTH = 511;
export const MAX_TOKEN_USER_BYTES = 128;
export const MAX_SESSION_ID_LENGTH = 64;
export const DEFAULT_MAX_TTL_SECONDS = 12 * 3600;
export const DEFAULT_MAX_REVOCATIONS = 100_000;
/** How far in the future an `iat` may be: the issuer's clock may run ahead of a restarted verifier's. */
export const DEFAULT_CLOCK_SKEW_SECONDS = 60;

const SIGNATURE_BYTES = 64;
const NONCE_BYTES = 16;
const B64URL_RE = /^[A-Za-z0-9_-]+$/;
const NONCE_RE = /^[A-Za-z0-9_-]{22}$/;
const SESSION_RE = /^[A-Za-z0-9_-]{1,64}$/;
const EPOCH_RE = /^(0|[1-9][0-9]{0,11})$/;
// eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
const CONTROL_RE = /[\u0000-\u001f\u007f]/;

/** Published on `tsbareos:auth:token` so the daemon can log it; the library itself never logs. */
export const tokenDiagnostics = channel('tsbareos:auth:token');
export interface TokenDiagnosticEvent {
  readonly event: 'revocations-overflow';
  /** Every token issued at or before this Unix second is now refused. */
  readonly cutoff: number;
}

export type TokenRefusal = 'malformed' | 'bad_signature' | 'expired' | 'wrong_user' | 'revoked';

export type TokenVerification =
  | {
      readonly ok: true;
      readonly user: string;
      readonly issuedAt: Date;
      readonly expiresAt: Date;
      readonly nonce: string;
      readonly sessionId?: string;
    }
  | { readonly ok: false; readonly reason: TokenRefusal };

/** Refusals to issue, or a key that cannot be used; verification never throws. */
export class LoginTokenError extends AuthError {}

export class InvalidTokenRequestError extends LoginTokenError {
  constructor(detail: string) {
    super('ERR_TOKEN_REQUEST', detail);
  }
}

export class TokenKeyError extends LoginTokenError {
  constructor(code: 'ERR_TOKEN_KEY_INVALID' | 'ERR_TOKEN_KEY_PERMISSIONS', detail: string) {
    super(code, detail);
  }
}

export interface LoginTokenIssuerOptions {
  /** Longest lifetime `issue` grants and `verify` accepts (exp - iat). */
  readonly maxTtlSeconds?: number;
  /** Bound on remembered revocations (nonces plus per-user logouts). */
  readonly maxRevocations?: number;
  readonly clockSkewSeconds?: number;
  /** Milliseconds since the epoch; tests inject one. */
  readonly clock?: () => number;
}

export interface IssueOptions {
  /** Binds the token to a session of the caller's choosing (e.g. the web gateway's session). */
  readonly sessionId?: string;
  readonly now?: number;
}

interface Payload {
  readonly user: string;
  readonly exp: number;
  readonly iat: number;
  readonly nonce: string;
  readonly sessionId: string | undefined;
}

/** A cheap shape test for the director: a 4002 password starting like this is tried as a token first. */
export function looksLikeLoginToken(value: string): boolean {
  return value.startsWith(`${TOKEN_PREFIX}.`);
}

function userProblem(user: string): string | undefined {
  if (user.length === 0) return 'the user name is empty';
  if (Buffer.byteLength(user, 'utf8') > MAX_TOKEN_USER_BYTES) return `the user name is longer than ${MAX_TOKEN_USER_BYTES} bytes`;
  if (user.includes(',')) return 'the user name contains a comma';
  if (CONTROL_RE.test(user)) return 'the user name contains a control character';
  // A lone surrogate would not survive the UTF-8 round trip, so the verifier would see another name.
  if (Buffer.from(user, 'utf8').toString('utf8') !== user) return 'the user name is not well-formed Unicode';
  return undefined;
}

/** Strict base64url: only the alphabet, no padding, and re-encoding gives the same text. */
function decodeB64url(text: string): Buffer | undefined {
  if (!B64URL_RE.test(text) || text.length % 4 === 1) return undefined;
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : undefined;
}

function parsePayload(bytes: Buffer): Payload | undefined {
  const text = bytes.toString('utf8');
  // Invalid UTF-8 decodes to U+FFFD; the round trip catches it.
  if (!Buffer.from(text, 'utf8').equals(bytes)) return undefined;
  const fields = text.split(',');
  if (fields.length !== 4 && fields.length !== 5) return undefined;
  const [user, exp, iat, nonce, sessionId] = fields;
  if (user === undefined || exp === undefined || iat === undefined || nonce === undefined) return undefined;
  if (userProblem(user) !== undefined || !EPOCH_RE.test(exp) || !EPOCH_RE.test(iat) || !NONCE_RE.test(nonce)) return undefined;
  if (sessionId !== undefined && !SESSION_RE.test(sessionId)) return undefined;
  return { user, exp: Number(exp), iat: Number(iat), nonce, sessionId };
}

function sameUser(a: string, b: string): boolean {
  // Hashing first gives equal-length inputs, so the comparison time does not depend on the names.
  return timingSafeEqual(createHash('sha256').update(a, 'utf8').digest(), createHash('sha256').update(b, 'utf8').digest());
}

function p256PrivateKey(pem: string | Buffer): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch (err) {
    throw new TokenKeyError('ERR_TOKEN_KEY_INVALID', `not a readable private key: ${(err as Error).message}`);
  }
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new TokenKeyError('ERR_TOKEN_KEY_INVALID', `login tokens need an EC P-256 key, not ${key.asymmetricKeyType ?? 'unknown'} ${key.asymmetricKeyDetails?.namedCurve ?? ''}`.trim());
  }
  return key;
}

/**
 * Issues and verifies login tokens with one ECDSA P-256 key. `issue` and `verify` are synchronous and
 * cheap (one sign / one verify), so the director can call them inline in the PAM step.
 */
export class LoginTokenIssuer {
  readonly #privateKey: KeyObject;
  readonly #publicKey: KeyObject;
  readonly #maxTtl: number;
  readonly #maxRevocations: number;
  readonly #skew: number;
  readonly #clock: () => number;
  /** nonce -> exp (Unix seconds): forgotten once the token would have expired anyway. */
  readonly #revokedNonces = new Map<string, number>();
  /** user -> Unix second of the logout: tokens for the user issued at or before it are refused. */
  readonly #userCutoffs = new Map<string, number>();
  /** Raised only when the revocation store overflows: everything issued so far is refused. */
  #globalCutoff = -1;

  private constructor(privateKey: KeyObject, options: LoginTokenIssuerOptions) {
    this.#privateKey = privateKey;
    this.#publicKey = createPublicKey(privateKey);
    this.#maxTtl = options.maxTtlSeconds ?? DEFAULT_MAX_TTL_SECONDS;
    this.#maxRevocations = options.maxRevocations ?? DEFAULT_MAX_REVOCATIONS;
    this.#skew = options.clockSkewSeconds ?? DEFAULT_CLOCK_SKEW_SECONDS;
    this.#clock = options.clock ?? Date.now;
    if (!Number.isInteger(this.#maxTtl) || this.#maxTtl < 1) throw new InvalidTokenRequestError('maxTtlSeconds must be a positive whole number');
    if (!Number.isInteger(this.#maxRevocations) || this.#maxRevocations < 1) throw new InvalidTokenRequestError('maxRevocations must be a positive whole number');
  }

  /** A fresh key (held in memory only; see `loadOrCreateTokenKey` to persist one). */
  static async generate(options: LoginTokenIssuerOptions = {}): Promise<LoginTokenIssuer> {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    return new LoginTokenIssuer(privateKey, options);
  }

  /** From a PEM private key (PKCS#8 or SEC1) holding an EC P-256 key. */
  static async fromPem(pem: string | Buffer, options: LoginTokenIssuerOptions = {}): Promise<LoginTokenIssuer> {
    return new LoginTokenIssuer(p256PrivateKey(pem), options);
  }

  /** Loads the key at `path`, creating it (0600) on first use: tokens then survive a director restart. */
  static async fromFile(path: string, options: LoginTokenIssuerOptions = {}): Promise<LoginTokenIssuer> {
    return LoginTokenIssuer.fromPem(await loadOrCreateTokenKey(path), options);
  }

  /** The private key as PKCS#8 PEM. */
  toPem(): string {
    return this.#privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  }

  issue(user: string, ttlSeconds: number, options: IssueOptions = {}): string {
    const problem = userProblem(user);
    if (problem !== undefined) throw new InvalidTokenRequestError(`cannot issue a login token: ${problem}`);
    if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1 || ttlSeconds > this.#maxTtl) {
      throw new InvalidTokenRequestError(`token lifetime must be a whole number of seconds from 1 to ${this.#maxTtl}, not ${ttlSeconds}`);
    }
    if (options.sessionId !== undefined && !SESSION_RE.test(options.sessionId)) {
      throw new InvalidTokenRequestError(`a session id must be 1-${MAX_SESSION_ID_LENGTH} characters of A-Z a-z 0-9 _ -`);
    }
    const nowSec = Math.floor((options.now ?? this.#clock()) / 1000);
    // A token issued in the same second as a logout would otherwise fall under that logout's cutoff
    // (`iat <= cutoff`); start it one second later instead. The verifier's skew allowance covers it.
    const iat = Math.max(nowSec, (this.#userCutoffs.get(user) ?? -1) + 1, this.#globalCutoff + 1);
    const fields = [user, String(iat + ttlSeconds), String(iat), randomBytes(NONCE_BYTES).toString('base64url')];
    if (options.sessionId !== undefined) fields.push(options.sessionId);
    const signingInput = `${TOKEN_PREFIX}.${Buffer.from(fields.join(','), 'utf8').toString('base64url')}`;
    const signature = sign('sha256', Buffer.from(signingInput, 'ascii'), { key: this.#privateKey, dsaEncoding: 'ieee-p1363' });
    return `${signingInput}.${signature.toString('base64url')}`;
  }

  /** Never throws: anything that is not a valid, live token for `expectedUser` is `{ ok: false }`. */
  verify(token: unknown, expectedUser: string, now: number = this.#clock()): TokenVerification {
    const checked = this.#checkSignature(token);
    if (!checked.ok) return checked;
    const { payload } = checked;
    const nowSec = Math.floor(now / 1000);
    if (payload.exp <= payload.iat || payload.exp - payload.iat > this.#maxTtl || payload.iat > nowSec + this.#skew) {
      return { ok: false, reason: 'malformed' };
    }
    if (typeof expectedUser !== 'string' || !sameUser(payload.user, expectedUser)) return { ok: false, reason: 'wrong_user' };
    if (now >= payload.exp * 1000) return { ok: false, reason: 'expired' };
    if (this.#isRevoked(payload)) return { ok: false, reason: 'revoked' };
    return {
      ok: true,
      user: payload.user,
      issuedAt: new Date(payload.iat * 1000),
      expiresAt: new Date(payload.exp * 1000),
      nonce: payload.nonce,
      ...(payload.sessionId !== undefined ? { sessionId: payload.sessionId } : {}),
    };
  }

  /**
   * Refuses one token from now on: pass the token (its signature is checked, so strangers cannot fill
   * the store) or the `nonce` a successful `verify` returned. Returns false when there was nothing
   * to remember (not ours, malformed, or already expired).
   */
  revoke(tokenOrNonce: string, now: number = this.#clock()): boolean {
    const nowSec = Math.floor(now / 1000);
    let nonce: string;
    let exp: number;
    if (looksLikeLoginToken(tokenOrNonce)) {
      const checked = this.#checkSignature(tokenOrNonce);
      if (!checked.ok) return false;
      ({ nonce, exp } = checked.payload);
    } else if (NONCE_RE.test(tokenOrNonce)) {
      // Without the token we do not know its expiry; the longest lifetime we accept bounds it.
      nonce = tokenOrNonce;
      exp = nowSec + this.#maxTtl + this.#skew;
    } else {
      return false;
    }
    if (exp <= nowSec) return false;
    this.#makeRoom(nowSec);
    this.#revokedNonces.set(nonce, Math.max(exp, this.#revokedNonces.get(nonce) ?? 0));
    return true;
  }

  /** Logout: every token for `user` issued up to now is refused; tokens issued later are not. */
  revokeUser(user: string, now: number = this.#clock()): void {
    const nowSec = Math.floor(now / 1000);
    this.#makeRoom(nowSec);
    this.#userCutoffs.set(user, Math.max(nowSec, this.#userCutoffs.get(user) ?? -1));
  }

  /** Remembered revocations (for tests and metrics). */
  get revocationCount(): number {
    return this.#revokedNonces.size + this.#userCutoffs.size;
  }

  #checkSignature(token: unknown): { ok: true; payload: Payload } | { ok: false; reason: 'malformed' | 'bad_signature' } {
    if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return { ok: false, reason: 'malformed' };
    const parts = token.split('.');
    if (parts.length !== 3 || parts[0] !== TOKEN_PREFIX) return { ok: false, reason: 'malformed' };
    const payloadBytes = decodeB64url(parts[1] ?? '');
    const signature = decodeB64url(parts[2] ?? '');
    if (!payloadBytes || !signature || signature.length !== SIGNATURE_BYTES) return { ok: false, reason: 'malformed' };
    const signingInput = Buffer.from(`${TOKEN_PREFIX}.${parts[1] ?? ''}`, 'ascii');
    let valid: boolean;
    try {
      valid = verify('sha256', signingInput, { key: this.#publicKey, dsaEncoding: 'ieee-p1363' }, signature);
    } catch {
      valid = false;
    }
    if (!valid) return { ok: false, reason: 'bad_signature' };
    // A payload we signed always parses; failing here means the key signed something else.
    const payload = parsePayload(payloadBytes);
    return payload ? { ok: true, payload } : { ok: false, reason: 'malformed' };
  }

  #isRevoked(p: Payload): boolean {
    if (p.iat <= this.#globalCutoff) return true;
    if (this.#revokedNonces.has(p.nonce)) return true;
    const cutoff = this.#userCutoffs.get(p.user);
    return cutoff !== undefined && p.iat <= cutoff;
  }

  /**
   * Keeps the store bounded. Expired entries go first; if it is still full, fail closed: refuse every
   * token issued so far (one global cutoff) rather than forget a single revocation.
   */
  #makeRoom(nowSec: number): void {
    if (this.revocationCount < this.#maxRevocations) return;
    for (const [nonce, exp] of this.#revokedNonces) if (exp <= nowSec) this.#revokedNonces.delete(nonce);
    // A logout older than the longest lifetime (plus skew) can no longer match a live token.
    for (const [user, cutoff] of this.#userCutoffs) if (cutoff + this.#maxTtl + this.#skew < nowSec) this.#userCutoffs.delete(user);
    if (this.revocationCount < this.#maxRevocations) return;
    this.#globalCutoff = Math.max(this.#globalCutoff, nowSec);
    this.#revokedNonces.clear();
    this.#userCutoffs.clear();
    if (tokenDiagnostics.hasSubscribers) {
      const event: TokenDiagnosticEvent = { event: 'revocations-overflow', cutoff: this.#globalCutoff };
      tokenDiagnostics.publish(event);
    }
  }
}

/**
 * Returns the PEM private key at `path`, creating a new EC P-256 key there (mode 0600, directory 0700)
 * when the file does not exist. Like ssh with its host keys, an existing file that group or others
 * may read is refused: anyone who reads it can mint logins for every user.
 */
export async function loadOrCreateTokenKey(path: string): Promise<string> {
  try {
    const info = await lstat(path);
    if (!info.isFile()) throw new TokenKeyError('ERR_TOKEN_KEY_INVALID', `${path} is not a regular file`);
    if ((info.mode & 0o077) !== 0) {
      throw new TokenKeyError('ERR_TOKEN_KEY_PERMISSIONS', `${path} is accessible by group or others (mode ${(info.mode & 0o777).toString(8)}); run chmod 600 ${path}`);
    }
    const pem = await readFile(path, 'utf8');
    p256PrivateKey(pem);
    return pem;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  // Written in full under a temporary name, then hard-linked into place: link() fails if the name
  // exists, so two first runs racing never overwrite each other nor read a half-written key.
  const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await open(tmp, 'wx', 0o600);
  try {
    await handle.writeFile(pem, 'utf8');
    await handle.chmod(0o600);
  } finally {
    await handle.close();
  }
  try {
    await link(tmp, path);
  } catch (err) {
    // Another process won: use its key, so both sign with the same one.
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return loadOrCreateTokenKey(path);
    throw err;
  } finally {
    await unlink(tmp);
  }
  return pem;
}
