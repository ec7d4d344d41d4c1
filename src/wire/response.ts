/**
 * Response messages (reference §5): `<decimal id>` RS `<field>` [RS `<field>` ...], one data frame,
 * no newline, no NUL. Used after CRAM-MD5 for the login result, PAM requests and PAM credentials.
 */
import { MalformedMessageError } from './errors.ts';

export const RECORD_SEPARATOR = 0x1e;
export const RS = '\x1e';

export enum MessageId {
  /** Login complete; carries the version text. */
  Ok = 1000,
  /** This console must pass PAM next. */
  PamRequired = 1001,
  /** Banner text; always follows a successful 1000. */
  InfoMessage = 1002,
  /** Console asks for the interactive PAM conversation. */
  PamInteractive = 4001,
  /** Console sends user name and password in one message. */
  PamUserCredentials = 4002,
}

export interface ResponseMessage {
  readonly id: number;
  readonly fields: readonly string[];
}

export function encodeResponse(id: number, fields: readonly string[] = ['']): Buffer {
  return Buffer.from(`${id}${RS}${fields.join(RS)}`, 'utf8');
}

/**
 * Parse as Bareos does: stop at the first NUL, split at every RS (empty inner fields kept, a trailing
 * RS adds no empty last field), id = leading decimal digits of the first part. An old-style line such
 * as `1000 OK: ...` therefore parses as id 1000 with one field.
 */
export function decodeResponse(payload: Buffer): ResponseMessage {
  const nul = payload.indexOf(0);
  const text = (nul === -1 ? payload : payload.subarray(0, nul)).toString('utf8');
  const parts = text.split(RS);
  if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  const head = parts[0] ?? '';
  const digits = /^\d+/.exec(head);
  if (!digits) throw new MalformedMessageError('response message', 'first field is not a number');
  const id = Number.parseInt(digits[0], 10);
  if (parts.length === 1) {
    // No RS at all: an old-style text line; the rest of it is the single field.
    return { id, fields: [head.slice(digits[0].length).replace(/^ /, '')] };
  }
  return { id, fields: parts.slice(1) };
}
