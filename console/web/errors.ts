/**
 * Every failure the gateway reports is a WebError: a stable `code` the page and scripts switch on, the
 * HTTP status it travels with, and a message a person can act on. The body is always
 * `{"error":{"code":...,"message":...}}`.
 */
import {
  AuthenticationError,
  ClientClosedError,
  ClientError,
  ConnectionError,
  DirectorCommandError,
  PamError,
  TimeoutError,
  TlsError,
} from '../../src/client/index.ts';

export const ErrorCode = {
  BadRequest: 'BAD_REQUEST',
  MissingUsername: 'MISSING_USERNAME',
  MissingPassword: 'MISSING_PASSWORD',
  AuthenticationFailed: 'AUTHENTICATION_FAILED',
  AccountExpired: 'ACCOUNT_EXPIRED',
  PasswordChangeRequired: 'PASSWORD_CHANGE_REQUIRED',
  PamNotAvailable: 'PAM_NOT_AVAILABLE',
  DirectorUnavailable: 'DIRECTOR_UNAVAILABLE',
  Unauthenticated: 'UNAUTHENTICATED',
  CsrfRejected: 'CSRF_REJECTED',
  OriginRejected: 'ORIGIN_REJECTED',
  Forbidden: 'FORBIDDEN',
  CommandFailed: 'COMMAND_FAILED',
  NotFound: 'NOT_FOUND',
  MethodNotAllowed: 'METHOD_NOT_ALLOWED',
  PayloadTooLarge: 'PAYLOAD_TOO_LARGE',
  RateLimited: 'RATE_LIMITED',
  Busy: 'BUSY',
  Internal: 'INTERNAL',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

const STATUS: Readonly<Record<ErrorCode, number>> = {
  BAD_REQUEST: 400,
  MISSING_USERNAME: 400,
  MISSING_PASSWORD: 400,
  AUTHENTICATION_FAILED: 401,
  ACCOUNT_EXPIRED: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  PAM_NOT_AVAILABLE: 503,
  DIRECTOR_UNAVAILABLE: 503,
  UNAUTHENTICATED: 401,
  CSRF_REJECTED: 403,
  ORIGIN_REJECTED: 403,
  FORBIDDEN: 403,
  COMMAND_FAILED: 422,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  BUSY: 429,
  INTERNAL: 500,
};

export interface ErrorBody {
  readonly error: { readonly code: ErrorCode; readonly message: string; readonly details?: unknown };
}

export class WebError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    /** Seconds until a retry can succeed (Retry-After), for RATE_LIMITED. */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'WebError';
    this.status = STATUS[code];
  }

  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.details !== undefined ? { details: this.details } : {}) } };
  }
}

/** The director's answer to a command the user's profile denies (and to an unknown one: Bareos does not tell them apart). */
const INVALID_COMMAND = /^(\S+): is an invalid command\.\s*$/;

export function deniedCommand(text: string): string | undefined {
  return INVALID_COMMAND.exec(text.trim())?.[1];
}

/**
 * A failed login or connection, in the gateway's words. PAM failures reach us only as EOF where `1000`
 * was expected (reference §6.5): the director logs the reason, the protocol does not carry it.
 */
export function loginFailure(error: unknown): WebError {
  if (error instanceof WebError) return error;
  // A WebError thrown by our own PAM prompt handler comes back wrapped by the client library.
  if (error instanceof Error && error.cause instanceof WebError) return error.cause;
  if (error instanceof PamError) {
    if (/cleartext/.test(error.message)) return new WebError(ErrorCode.PamNotAvailable, 'the gateway refuses to send PAM credentials without TLS to the director (check TLS Enable in the gateway config)');
    return new WebError(ErrorCode.AuthenticationFailed, 'login failed: wrong user name or password, or the account is not allowed on this director');
  }
  if (error instanceof AuthenticationError || error instanceof TlsError) {
    return new WebError(ErrorCode.DirectorUnavailable, `the gateway could not log in to the director as its console: ${error.message}`);
  }
  if (error instanceof TimeoutError || error instanceof ConnectionError || error instanceof ClientError) {
    return new WebError(ErrorCode.DirectorUnavailable, `the director is not reachable: ${error.message}`);
  }
  return new WebError(ErrorCode.Internal, 'unexpected failure during the login');
}

/** A failed command on an open session. */
export function commandFailure(error: unknown): WebError {
  if (error instanceof WebError) return error;
  if (error instanceof DirectorCommandError) {
    const denied = (error.messages.error ?? []).map(deniedCommand).find((c) => c !== undefined);
    if (denied !== undefined) return forbidden(denied);
    return new WebError(ErrorCode.CommandFailed, error.message, { messages: error.messages });
  }
  if (error instanceof ClientClosedError || error instanceof ConnectionError || error instanceof TimeoutError) {
    return new WebError(ErrorCode.DirectorUnavailable, `the connection to the director was lost (${error.message})`);
  }
  if (error instanceof ClientError) return new WebError(ErrorCode.DirectorUnavailable, error.message);
  return new WebError(ErrorCode.Internal, 'unexpected failure while running the command');
}

export function forbidden(command: string): WebError {
  return new WebError(ErrorCode.Forbidden, `"${command}" is not allowed for this user (or is not a director command)`);
}
