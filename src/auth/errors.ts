/** Errors of the authentication layer; `code` is stable for callers and logs. */
export class AuthError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}

/** The peer's challenge line cannot be answered (bad shape, too long, or our own name reflected). */
export class ChallengeRejectedError extends AuthError {}
