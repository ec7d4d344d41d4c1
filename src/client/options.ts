/** What `connect()` accepts. Everything optional has the default bconsole would use. */
import type { TlsPolicy } from '../auth/cram-md5.ts';
import type { TranscriptSink } from './transcript.ts';

/** `psk`: TLS-PSK first (Bareos >= 18.2 default); `cert`: certificate TLS first; `off`: cleartext Hello. */
export type TlsMode = 'psk' | 'cert' | 'off';

/**
 * `modern`: `Hello <name> calling version 26.0.0 Version="26.0.0"` (current bconsole);
 * `versioned`: without the `Version="..."` suffix (bconsole 18.2 to 25);
 * `old`: `Hello <name> calling` (bconsole before 18.2, Bacula): the director then answers with the
 * single-line `1000 OK: ...` and never asks for PAM.
 */
export type HelloStyle = 'modern' | 'versioned' | 'old';

export interface CertificateOptions {
  /** PEM contents; or give the *File variant with a path. */
  readonly ca?: string | Buffer;
  readonly cert?: string | Buffer;
  readonly key?: string | Buffer;
  readonly caFile?: string;
  readonly certFile?: string;
  readonly keyFile?: string;
  /** Accept only a director certificate whose CN is in this list (bconsole's `TLS Allowed CN`). */
  readonly allowedCN?: readonly string[];
  /** Check the director certificate against this host name (default: only the chain is checked). */
  readonly servername?: string;
  /** Verify the director's chain (default true). */
  readonly verifyPeer?: boolean;
}

export interface PamPrompt {
  /** True for PAM_PROMPT_ECHO_ON (a user name), false for ECHO_OFF (a password). */
  readonly echo: boolean;
  readonly text: string;
}

export type PamOptions =
  /** Direct mode (`4002`): the director runs PAM with these and sends no prompts. */
  | { readonly user: string; readonly password: string }
  /** Interactive mode (`4001`): each prompt the director relays is answered by this callback. */
  | { readonly prompt: (prompt: PamPrompt) => Promise<string> | string };

export interface ConnectOptions {
  readonly host: string;
  /** Default 9101. */
  readonly port?: number;
  /** Console name; default `*UserAgent*`, the default console that uses the Director password. */
  readonly name?: string;
  /** Cleartext password, or `[md5]<32 hex>` as stored in a config file. */
  readonly password: string;
  /** Default `psk`. */
  readonly tls?: TlsMode;
  /** For `tls: 'cert'`, and for TLS started after CRAM-MD5 on the cleartext (legacy) path. */
  readonly certificate?: CertificateOptions;
  /**
   * Policy announced as `ssl=` in our challenge on the cleartext path (0 None, 1 Enabled, 2 Required;
   * default None). With Enabled/Required TLS may start after CRAM-MD5 (reference §2.6).
   */
  readonly legacyTlsPolicy?: TlsPolicy;
  /** Default `modern`. */
  readonly hello?: HelloStyle;
  /** Version announced in the Hello; default the Bareos release we follow. */
  readonly clientVersion?: string;
  readonly pam?: PamOptions;
  /** Send PAM credentials over a cleartext connection (bconsole `-o`); default false. */
  readonly allowPamWithoutTls?: boolean;
  /** TCP connect, TLS handshake and every read during login; default 30 000 ms. */
  readonly timeoutMs?: number;
  /** Longest silence between two frames of a command's output; default 300 000 ms; 0 = none. */
  readonly commandTimeoutMs?: number;
  /** Receives every login frame, secrets replaced by a note. */
  readonly loginTranscript?: TranscriptSink;
}

export const DEFAULT_PORT = 9101;
export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_COMMAND_TIMEOUT_MS = 300_000;
