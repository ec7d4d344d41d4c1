/**
 * The daemon's runtime view of its configuration: what the listener, the login and the sessions
 * need, already resolved (defaults applied, files read, the default console added). Built from a
 * parsed config by `director/settings-from-config.ts`; tests may build one directly.
 */
import { TlsPolicy } from '../src/auth/cram-md5.ts';
import type { ServerTlsSettings } from '../src/tls/options.ts';
import type { AclView } from './commands/types.ts';
import type { DirectorLoginTokens } from './login/tokens.ts';

export const DEFAULT_CONSOLE = '*UserAgent*';

export interface ConsoleAccount {
  readonly name: string;
  /** Config value, cleartext or `[md5]...`; the key is `storedPassword(password)`. */
  readonly password: string;
  readonly isDefault: boolean;
  readonly tlsPolicy: TlsPolicy;
  readonly usePam: boolean;
  /** Ours: allow PAM over an unencrypted connection (Bareos' PHP webui without certificates). */
  readonly allowCleartextPam: boolean;
  /** Certificate settings for TLS started after CRAM-MD5 on the legacy path. */
  readonly legacyTls: ServerTlsSettings | undefined;
  /** ACLs of the console itself (named consoles without PAM). */
  readonly acl: AclView;
  /** Ours: take the login identity from the verified client certificate (e.g. 'CN'). */
  readonly certificateIdentity: string | undefined;
}

export interface PamSettings {
  readonly service: string;
  readonly helperPath: string | undefined;
  readonly timeoutMs: number;
  readonly maxConcurrent: number;
  /** Extra environment for the PAM helper only (pam_wrapper in tests). */
  readonly env: Readonly<Record<string, string>>;
}

export interface ListenAddress {
  readonly host: string;
  readonly port: number;
}

export interface DirectorSettings {
  readonly name: string;
  readonly addresses: readonly ListenAddress[];
  readonly maxConsoleConnections: number;
  /** Policy of the default console and of TLS-first handshakes. */
  readonly tlsPolicy: TlsPolicy;
  /** Certificate part of the Director resource (TLS-first connections). */
  readonly tls: ServerTlsSettings;
  readonly tlsAllowedCN: readonly string[];
  readonly handshakeTimeoutMs: number;
  readonly maxPendingConnections: number;
  readonly authFailureDelayMs: number;
  readonly refuseVersionlessHello: boolean;
  readonly loginFailureLimit: number;
  readonly loginFailureWindowMs: number;
  readonly pam: PamSettings;
  /** Named consoles and the default console `*UserAgent*` (Director password). */
  readonly consoles: ReadonlyMap<string, ConsoleAccount>;
  /** PAM users: User resource name -> its ACLs. */
  readonly users: ReadonlyMap<string, AclView>;
  /** Ours (issue 8): longest `.logintoken` lifetime in seconds; 0 = tokens off. */
  readonly loginTokenLifetimeSeconds: number;
  /** Ours (issue 8): the token issuer, attached by startDirector (async key load); absent = tokens off. */
  readonly loginTokens?: DirectorLoginTokens;
}

export const ALLOW_ALL: AclView = {
  allows: () => true,
  hasRestrictions: () => false,
};

export function tlsPolicyOf(enable: boolean, require: boolean): TlsPolicy {
  if (!enable) return TlsPolicy.None;
  return require ? TlsPolicy.Required : TlsPolicy.Enabled;
}
