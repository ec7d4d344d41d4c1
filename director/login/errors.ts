/**
 * Why a login was refused. `reply` says what the peer gets, following the protocol (reference §2.7,
 * §4.7, §6.5): a BNET_TERMINATE signal, the CRAM failure line, or nothing (plain close).
 */
export type RefusalReply = 'terminate' | 'auth-failed' | 'not-authorized' | 'close';

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
