/** Errors of a framed connection; `code` is stable for callers and logs. */
export class ConnectionError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

export class ConnectionClosedError extends ConnectionError {
  constructor(detail = 'connection closed by peer') {
    super('ERR_CONNECTION_CLOSED', detail);
  }
}

export class ReadTimeoutError extends ConnectionError {
  constructor(readonly timeoutMs: number, what: string) {
    super('ERR_READ_TIMEOUT', `no ${what} within ${timeoutMs} ms`);
  }
}
