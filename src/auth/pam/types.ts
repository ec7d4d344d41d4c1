/** Public types of the PAM driver; see docs/pam.md for the semantics of each field. */
import type { PamStage } from './protocol.ts';

export type { PamStage } from './protocol.ts';

/**
 * One step of an interactive login as the console should see it.
 * - prompt: show `text` and read one line (echo off for passwords). Info/error texts PAM sent
 *   before the prompt are already folded into `text`, joined with "\n", because bconsole only
 *   knows styles 0, 1 and 2.
 * - notice: texts with no prompt after them (flushed when PAM ends, e.g. "account locked"). The
 *   director sends them as style 2 and reads and discards the one reply bconsole sends back.
 */
export type PamRound =
  | { readonly kind: 'prompt'; readonly echo: boolean; readonly text: string }
  | { readonly kind: 'notice'; readonly text: string };

/**
 * Asks the client one round. Resolve with the answer (a Uint8Array is copied, never kept), or
 * `undefined` when the client went away: the transaction is then cancelled. `signal` aborts when the
 * transaction ends without this answer (timeout, helper death), so the caller can stop waiting.
 * The reply to a notice round is ignored, except that `undefined` still means the client is gone.
 */
export type PamConversation = (round: PamRound, signal: AbortSignal) => Promise<string | Uint8Array | undefined>;

export interface InteractivePamRequest {
  readonly mode: 'interactive';
  /** The client's address, set as PAM_RHOST (pam_access, pam_faillock and logs use it). */
  readonly rhost: string;
  /** Set as PAM_RUSER when given. */
  readonly ruser?: string;
  readonly conversation: PamConversation;
  /** Aborting it cancels the login (e.g. the socket closed while PAM was thinking). */
  readonly signal?: AbortSignal;
}

export interface DirectPamRequest {
  readonly mode: 'direct';
  readonly user: string;
  /** Copied into a Buffer that is zeroed after it is written to the helper; never logged. */
  readonly password: string | Uint8Array;
  readonly rhost: string;
  /** PAM_RUSER; defaults to `user`, as the Bareos director does. */
  readonly ruser?: string;
  readonly signal?: AbortSignal;
}

export type PamRequest = InteractivePamRequest | DirectPamRequest;

export type PamFailureReason =
  | 'auth_failed'
  | 'account_denied'
  | 'account_expired'
  | 'password_change_required'
  | 'password_change_failed'
  | 'extra_prompt'
  | 'conversation_error'
  | 'timeout'
  | 'helper_crashed'
  | 'helper_missing'
  | 'service_unavailable'
  | 'cancelled'
  | 'busy';

/** Where a failure happened: a PAM stage, or 'helper' for the process/pipe around it. */
export type PamFailureStage = PamStage | 'helper';

export type PamBackend = 'helper' | 'fallback';

export type PamResult =
  | {
      readonly ok: true;
      /** PAM_USER after the transaction: a module may have changed (e.g. canonicalised) it. */
      readonly user: string;
      readonly backend: PamBackend;
    }
  | {
      readonly ok: false;
      readonly reason: PamFailureReason;
      readonly stage: PamFailureStage;
      readonly pamCode?: number;
      /** e.g. 'PAM_AUTH_ERR'. */
      readonly pamCodeName?: string;
      /** For logs: pam_strerror text, module texts, or what went wrong with the helper. Never a secret. */
      readonly message: string;
      /** PAM_USER as far as PAM got (empty when it never learnt one). */
      readonly user?: string;
      /** Stable code of the AuthError behind a helper/protocol failure, e.g. 'PAM_PROTOCOL'. */
      readonly errorCode?: string;
      readonly backend?: PamBackend;
    };

export type PamFailure = Extract<PamResult, { ok: false }>;

export interface PamAuthenticatorOptions {
  /** Default: build/tsbareos-pam-helper in the package root (built by `npm ci`'s prepare step). */
  readonly helperPath?: string;
  /** PAM service name: the file in /etc/pam.d; Bareos uses 'bareos'. */
  readonly service: string;
  /**
   * Extra environment for the helper process only (e.g. LD_PRELOAD, PAM_WRAPPER,
   * PAM_WRAPPER_SERVICE_DIR in tests). The director's own environment is not passed on, apart from
   * PATH, HOME, TZ and locale variables.
   */
  readonly env?: Readonly<Record<string, string>>;
  /** Whole-login limit, client think time included; the helper is SIGKILLed when it passes. */
  readonly timeoutMs: number;
  /** Transactions running at once; more are refused at once with reason 'busy'. */
  readonly maxConcurrent: number;
  /** Interactive mode: run pam_chauthtok when the account says the password expired. Default true. */
  readonly allowPasswordChange?: boolean;
  /** After a cancel, how long the helper may take to unwind its modules before SIGKILL. Default 1000. */
  readonly cancelGraceMs?: number;
  /** The helper's stderr (module chatter, pam_wrapper debug): dropped by default. */
  readonly helperStderr?: 'ignore' | 'inherit';
  /** Use node-linux-pam for direct mode when the helper is not built. Default true. */
  readonly fallback?: boolean;
}
