/**
 * Signed login tokens in the director, our extension beyond Bareos (issue 8; format and library in
 * src/auth/token.ts, walk-through in docs/tls.md §3).
 *
 *  - issue:  `.logintoken` in a session whose user logged in through PAM;
 *  - accept: in PAM direct mode (4002) a password shaped like a token is verified here and never
 *            reaches PAM, so a stolen token cannot be tried against the user's real password;
 *  - revoke: `quit`/`exit`/`.quit` revoke the tokens this session obtained and the one it logged in
 *            with; `.logout` revokes every token of the user issued so far. A dropped connection
 *            revokes nothing: reconnecting after a drop is what tokens are for.
 *
 * Which session did what is keyed by the session's connection object: the login only knows the
 * connection, and the session keeps the very same object.
 */
import { join } from 'node:path';
import { LoginTokenIssuer, DEFAULT_MAX_TTL_SECONDS, type LoginTokenIssuerOptions, type TokenVerification } from '../../src/auth/token.ts';
import type { Logger } from '../log.ts';
import type { LoadedConfig } from '../runtime.ts';
import type { DirectorSettings } from '../settings.ts';

/** The signing key, PKCS#8 PEM, mode 0600, in the director's data directory. */
export const TOKEN_KEY_FILE = 'login-token.key';
/** `Login Token Lifetime` may not exceed what the verifier accepts (exp - iat). */
export const MAX_LOGIN_TOKEN_LIFETIME_SECONDS = DEFAULT_MAX_TTL_SECONDS;

/** How the session's user proved who they are. Only a PAM login may ask for a token. */
export type TokenLoginOrigin = { readonly kind: 'pam' } | { readonly kind: 'token'; readonly nonce: string };

interface SessionTokens {
  origin: TokenLoginOrigin | undefined;
  /** Tokens handed out to this session, revoked when it quits. */
  readonly issued: string[];
}

export interface IssuedLoginToken {
  readonly token: string;
  readonly expiresAt: Date;
}

/** Why `.logintoken` said no; the text is for the console. */
export class LoginTokenRefusedError extends Error {
  constructor(
    readonly code: 'ERR_TOKEN_NOT_PAM' | 'ERR_TOKEN_DISABLED' | 'ERR_TOKEN_BAD_TTL',
    message: string,
  ) {
    super(message);
    this.name = 'LoginTokenRefusedError';
  }
}

export class DirectorLoginTokens {
  private readonly sessions = new WeakMap<object, SessionTokens>();

  constructor(
    readonly issuer: LoginTokenIssuer,
    readonly keyPath: string,
    private readonly logger: Logger,
  ) {}

  /** Loads (or on first run creates, mode 0600) the key in `dataDir`. */
  static async open(dataDir: string, logger: Logger, options: LoginTokenIssuerOptions = {}): Promise<DirectorLoginTokens> {
    const keyPath = join(dataDir, TOKEN_KEY_FILE);
    const issuer = await LoginTokenIssuer.fromFile(keyPath, { maxTtlSeconds: MAX_LOGIN_TOKEN_LIFETIME_SECONDS, ...options });
    return new DirectorLoginTokens(issuer, keyPath, logger);
  }

  verify(token: string, user: string): TokenVerification {
    return this.issuer.verify(token, user);
  }

  /** Called by the login once the user is known: how this connection's user authenticated. */
  noteLogin(connection: object, origin: TokenLoginOrigin): void {
    this.entry(connection).origin = origin;
  }

  issueFor(connection: object, user: string | undefined, ttlSeconds: number, lifetimeCap: number): IssuedLoginToken {
    if (lifetimeCap <= 0) throw new LoginTokenRefusedError('ERR_TOKEN_DISABLED', 'login tokens are switched off on this director (Login Token Lifetime = 0)');
    const entry = this.sessions.get(connection);
    if (user === undefined || entry?.origin?.kind !== 'pam') {
      // A token session minting fresh tokens would stretch a stolen token forever.
      const how = entry?.origin?.kind === 'token' ? 'logged in with a login token' : 'did not log in through PAM';
      throw new LoginTokenRefusedError('ERR_TOKEN_NOT_PAM', `this session ${how}; only a PAM login can get a login token`);
    }
    if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1) throw new LoginTokenRefusedError('ERR_TOKEN_BAD_TTL', 'ttl must be a whole number of seconds, at least 1');
    const ttl = Math.min(ttlSeconds, lifetimeCap, MAX_LOGIN_TOKEN_LIFETIME_SECONDS);
    const token = this.issuer.issue(user, ttl);
    entry.issued.push(token);
    const verified = this.issuer.verify(token, user);
    const expiresAt = verified.ok ? verified.expiresAt : new Date(Date.now() + ttl * 1000);
    this.logger.log('info', 'token.issued', `login token issued for user "${user}"`, { pam_user: user, ttl_s: ttl, expires: expiresAt.toISOString() });
    return { token, expiresAt };
  }

  /**
   * `quit` (scope 'session'): revoke what this session obtained and the token it logged in with.
   * `.logout` (scope 'user'): additionally every token of the user issued up to now.
   */
  logout(connection: object, user: string | undefined, scope: 'session' | 'user'): void {
    const entry = this.sessions.get(connection);
    if (user !== undefined && scope === 'user') {
      this.issuer.revokeUser(user);
      this.logger.log('info', 'token.revoked', `all login tokens of user "${user}" revoked (.logout)`, { pam_user: user });
      return;
    }
    if (!entry) return;
    let count = 0;
    for (const token of entry.issued.splice(0)) if (this.issuer.revoke(token)) count++;
    if (entry.origin?.kind === 'token' && this.issuer.revoke(entry.origin.nonce)) count++;
    if (count > 0) this.logger.log('info', 'token.revoked', `${count} login token(s) of this session revoked at quit`, { pam_user: user });
  }

  private entry(connection: object): SessionTokens {
    let entry = this.sessions.get(connection);
    if (!entry) {
      entry = { origin: undefined, issued: [] };
      this.sessions.set(connection, entry);
    }
    return entry;
  }
}

/** The issuer when tokens are on (`Login Token Lifetime` > 0 and a key could be loaded). */
export function activeLoginTokens(settings: DirectorSettings): DirectorLoginTokens | undefined {
  return settings.loginTokenLifetimeSeconds > 0 ? settings.loginTokens : undefined;
}

/** The same issuer across reloads: revocations live in it. */
export function withLoginTokens(loaded: LoadedConfig, tokens: DirectorLoginTokens | undefined): LoadedConfig {
  if (!tokens) return loaded;
  return { ...loaded, settings: { ...loaded.settings, loginTokens: tokens } };
}
