import { AuthError } from '../errors.ts';

/** The helper pipe carried bytes that are not a valid message: the helper is not ours or is broken. */
export class PamProtocolError extends AuthError {
  constructor(message: string) {
    super('PAM_PROTOCOL', message);
  }
}

/** A frame announced a length beyond the protocol bound; refused before allocating anything. */
export class PamFrameTooLargeError extends AuthError {
  readonly length: number;
  constructor(length: number, max: number) {
    super('PAM_FRAME_TOO_LARGE', `helper frame of ${length} bytes exceeds ${max}`);
    this.length = length;
  }
}

/** A value we are asked to send exceeds Linux-PAM's limits or contains a NUL. */
export class PamFieldError extends AuthError {
  constructor(message: string) {
    super('PAM_FIELD', message);
  }
}
