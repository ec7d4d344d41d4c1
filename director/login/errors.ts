/**
 * Why a login was refused. `reply` says what the peer gets, following the protocol (reference §2.7,
 * §4.7, §6.5): a BNET_TERMINATE signal, the CRAM failure line, or nothing (plain close).
 */
export type RefusalReply =
  | 'terminate' // BNET_TERMINATE: before the session (bad Hello, TLS required, ...)
  | 'auth-failed' // `1999 Authorization failed.`: CRAM-MD5 failed, console from 18.2 on
  | 'auth-failed-old' // the same line, then `1999 You are not authorized.` for an older console
  | 'not-authorized' // only `1999 You are not authorized.`: an older console refused after CRAM-MD5
  | 'close'; // nothing: the protocol's answer is EOF (PAM failures, TLS failures)

export class LoginRefusedError extends Error {
  readonly code: string;
  constructor(
    code: string,
    message: string,
    readonly reply: RefusalReply,
    /** Slow the peer down before closing (failed credentials), without blocking anyone else. */
    readonly delay: boolean = false,
  ) {
    super(message);
    this.name = 'LoginRefusedError';
    this.code = code;
  }
}
