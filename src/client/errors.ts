/**
 * Everything the client throws is a ClientError: `instanceof` per kind, and a stable `code` for
 * scripts and logs. Messages say what went wrong in words an operator can act on.
 */
export class ClientError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** The director refused our credentials, or we refused the director's (CRAM-MD5, 1999 lines, [-4]). */
export class AuthenticationError extends ClientError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('ERR_AUTHENTICATION', message, options);
  }
}

/** The PAM step after `1001` failed, or PAM is needed and no credentials/prompt handler were given. */
export class PamError extends ClientError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('ERR_PAM', message, options);
  }
}

/** A TLS handshake failed (wrong PSK, untrusted certificate, policy mismatch on the legacy path). */
export class TlsError extends ClientError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('ERR_TLS', message, options);
  }
}

/** The director sent something the protocol does not allow at this point. */
export class ProtocolError extends ClientError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('ERR_PROTOCOL', message, options);
  }
}

/** No frame (or no connection) within the configured time. */
export class TimeoutError extends ClientError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('ERR_TIMEOUT', message, options);
  }
}

/** TCP connect failed, or the connection ended while we were waiting for something else. */
export class ConnectionError extends ClientError {
  constructor(message: string, options?: { cause?: unknown }, code = 'ERR_CONNECTION') {
    super(code, message, options);
  }
}

/** The director closed the connection (EOF) while we waited for a frame. */
export class ClosedByDirectorError extends ConnectionError {
  constructor(message: string) {
    super(message, undefined, 'ERR_CLOSED_BY_DIRECTOR');
  }
}

/** Messages from an api 2 error envelope: `error.data.messages`. */
export interface DirectorMessages {
  readonly error?: readonly string[];
  readonly warning?: readonly string[];
  readonly info?: readonly string[];
}

/** An api 2 command came back with a JSON-RPC `error` object. */
export class DirectorCommandError extends ClientError {
  constructor(
    readonly command: string,
    readonly directorMessage: string,
    readonly messages: DirectorMessages,
    readonly result: unknown,
  ) {
    const detail = (messages.error ?? []).map((m) => m.trim()).filter((m) => m !== '').join('; ');
    super('ERR_COMMAND_FAILED', `the director reported "${command}" as ${directorMessage}${detail ? `: ${detail}` : ''}`);
  }
}

/** The client was used after close(), or a call was made while the connection is unusable. */
export class ClientClosedError extends ClientError {
  constructor(message = 'the connection to the director is closed') {
    super('ERR_CLIENT_CLOSED', message);
  }
}
