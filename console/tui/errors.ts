/**
 * Errors of the terminal console itself (the client library has its own ClientError family).
 * `code` is stable for scripts; `message` is one line an operator can act on.
 */
export class ConsoleError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** Bad or missing command-line options or config: nothing was tried on the network. */
export class ConsoleUsageError extends ConsoleError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('ERR_CONSOLE_USAGE', message, options);
  }
}

/** A login was attempted while another one runs, or an answer came when no prompt was open. */
export class LoginStateError extends ConsoleError {
  constructor(message: string) {
    super('ERR_CONSOLE_LOGIN_STATE', message);
  }
}

/** The history file could not be read or written (the console keeps working without it). */
export class HistoryFileError extends ConsoleError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('ERR_CONSOLE_HISTORY', message, options);
  }
}
