/**
 * Errors raised by the wire codec. One base class so callers can `instanceof WireError`
 * and switch on the stable `code`.
 */
export class WireError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}

/** A frame header announced more than the receiver's limit (Bareos: 1,000,000 bytes). */
export class FrameTooLargeError extends WireError {
  constructor(readonly length: number, readonly limit: number) {
    super('ERR_FRAME_TOO_LARGE', `frame of ${length} bytes exceeds the limit of ${limit} bytes`);
  }
}

/** A negative header value that names no signal the protocol defines. */
export class UnknownSignalError extends WireError {
  constructor(readonly value: number) {
    super('ERR_UNKNOWN_SIGNAL', `unknown signal ${value} in frame header`);
  }
}

/** A Hello line, response message or challenge that does not have the protocol's shape. */
export class MalformedMessageError extends WireError {
  constructor(what: string, detail: string) {
    super('ERR_MALFORMED_MESSAGE', `malformed ${what}: ${detail}`);
  }
}
