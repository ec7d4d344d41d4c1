/**
 * The pipe protocol between the director and tsbareos-pam-helper: bytes only, no processes.
 *
 * Every frame, both directions (integers big-endian):
 *   u32 body length (1..MAX_FRAME_BODY) | u8 type | fields...
 * A string field is u16 byte length + UTF-8 bytes, never containing NUL (PAM strings are C strings).
 * The exact layout of each message is in docs/pam.md and mirrored in the helper's C source.
 */
import { PamFieldError, PamFrameTooLargeError, PamProtocolError } from './errors.ts';

export const PROTOCOL_VERSION = 1;
/** Largest frame body either side accepts; a result carries at most 1 + 1 + 4 + 2+512 + 2+1023 bytes. */
export const MAX_FRAME_BODY = 4096;
/** Linux-PAM's PAM_MAX_MSG_SIZE / PAM_MAX_RESP_SIZE. */
export const MAX_TEXT_BYTES = 512;
/** Linux-PAM's PAM_MAX_NUM_MSG: messages per conversation call. */
export const MAX_MESSAGES_PER_CALL = 32;
/** Service, user, rhost, ruser: bounded by the helper's 1024-byte buffers, NUL included. */
export const MAX_FIELD_BYTES = 1023;

export const MessageType = {
  /** parent -> helper: begin the transaction */
  Start: 0x01,
  /** parent -> helper: the answer to the pending prompt */
  Answer: 0x02,
  /** parent -> helper: abandon the pending prompt (the client went away) */
  Cancel: 0x03,
  /** helper -> parent: PAM_PROMPT_ECHO_OFF / PAM_PROMPT_ECHO_ON, waits for Answer */
  Prompt: 0x11,
  /** helper -> parent: PAM_TEXT_INFO, no answer */
  Info: 0x12,
  /** helper -> parent: PAM_ERROR_MSG, no answer */
  Error: 0x13,
  /** helper -> parent: the outcome; the helper exits after it */
  Result: 0x14,
} as const;

/** PAM message styles as Linux-PAM numbers them (security/_pam_types.h). */
export const PromptStyle = { EchoOff: 1, EchoOn: 2 } as const;
export type PromptStyle = (typeof PromptStyle)[keyof typeof PromptStyle];

export const Mode = { Interactive: 1, Direct: 2 } as const;
export type ModeName = 'interactive' | 'direct';

export const StartFlag = { AllowChauthtok: 0x01 } as const;

export type PamStage = 'start' | 'authenticate' | 'acct_mgmt' | 'chauthtok' | 'conversation';
const STAGES: readonly (PamStage | undefined)[] = [
  undefined, 'start', 'authenticate', 'acct_mgmt', 'chauthtok', 'conversation',
];

export interface StartMessage {
  readonly kind: 'start';
  readonly service: string;
  /** Empty: PAM asks for the user name through the conversation. */
  readonly user: string;
  readonly rhost: string;
  readonly ruser: string;
  readonly mode: ModeName;
  readonly allowChauthtok: boolean;
}

export type HelperMessage =
  | { readonly kind: 'prompt'; readonly style: PromptStyle; readonly text: string }
  | { readonly kind: 'info'; readonly text: string }
  | { readonly kind: 'error'; readonly text: string }
  | {
      readonly kind: 'result';
      readonly stage: PamStage;
      readonly code: number;
      readonly text: string;
      readonly user: string;
    };

function frame(body: Buffer): Buffer {
  const out = Buffer.allocUnsafe(4 + body.length);
  out.writeUInt32BE(body.length, 0);
  body.copy(out, 4);
  return out;
}

function field(value: string | Uint8Array, max: number, what: string): Buffer {
  const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : Buffer.from(value);
  if (bytes.length > max) throw new PamFieldError(`${what} is ${bytes.length} bytes, at most ${max} allowed`);
  if (bytes.includes(0)) throw new PamFieldError(`${what} contains a NUL byte`);
  const out = Buffer.allocUnsafe(2 + bytes.length);
  out.writeUInt16BE(bytes.length, 0);
  bytes.copy(out, 2);
  bytes.fill(0);
  return out;
}

export function encodeStart(m: Omit<StartMessage, 'kind'>): Buffer {
  const head = Buffer.from([
    MessageType.Start,
    PROTOCOL_VERSION,
    m.mode === 'interactive' ? Mode.Interactive : Mode.Direct,
    m.allowChauthtok ? StartFlag.AllowChauthtok : 0,
  ]);
  if (m.service === '') throw new PamFieldError('service name is empty');
  return frame(
    Buffer.concat([
      head,
      field(m.service, MAX_FIELD_BYTES, 'service'),
      field(m.user, MAX_FIELD_BYTES, 'user'),
      field(m.rhost, MAX_FIELD_BYTES, 'rhost'),
      field(m.ruser, MAX_FIELD_BYTES, 'ruser'),
    ]),
  );
}

/**
 * The answer frame. The caller zeroes the returned buffer once written; every intermediate
 * copy made here is zeroed before returning.
 */
export function encodeAnswer(answer: string | Uint8Array): Buffer {
  const f = field(answer, MAX_TEXT_BYTES, 'answer');
  const out = Buffer.alloc(5 + f.length);
  out.writeUInt32BE(1 + f.length, 0);
  out[4] = MessageType.Answer;
  f.copy(out, 5);
  f.fill(0);
  return out;
}

export function encodeCancel(): Buffer {
  return frame(Buffer.from([MessageType.Cancel]));
}

/** Helper-side encoders: for tests and fake helpers, the real helper is C. */
export function encodeHelperMessage(m: HelperMessage): Buffer {
  switch (m.kind) {
    case 'prompt':
      return frame(Buffer.concat([Buffer.from([MessageType.Prompt, m.style]), field(m.text, MAX_TEXT_BYTES, 'prompt')]));
    case 'info':
      return frame(Buffer.concat([Buffer.from([MessageType.Info]), field(m.text, MAX_TEXT_BYTES, 'info')]));
    case 'error':
      return frame(Buffer.concat([Buffer.from([MessageType.Error]), field(m.text, MAX_TEXT_BYTES, 'error')]));
    case 'result': {
      const head = Buffer.alloc(6);
      head[0] = MessageType.Result;
      head[1] = STAGES.indexOf(m.stage);
      head.writeInt32BE(m.code, 2);
      return frame(Buffer.concat([head, field(m.text, MAX_TEXT_BYTES, 'text'), field(m.user, MAX_FIELD_BYTES, 'user')]));
    }
  }
}

/** Reads fields out of one complete frame body; every read is bounds-checked. */
class BodyReader {
  private offset = 0;
  constructor(private readonly body: Buffer) {}

  u8(what: string): number {
    if (this.offset + 1 > this.body.length) throw new PamProtocolError(`truncated ${what}`);
    return this.body[this.offset++] as number;
  }

  i32(what: string): number {
    if (this.offset + 4 > this.body.length) throw new PamProtocolError(`truncated ${what}`);
    const v = this.body.readInt32BE(this.offset);
    this.offset += 4;
    return v;
  }

  str(what: string, max: number): string {
    if (this.offset + 2 > this.body.length) throw new PamProtocolError(`truncated ${what} length`);
    const n = this.body.readUInt16BE(this.offset);
    this.offset += 2;
    if (n > max) throw new PamProtocolError(`${what} of ${n} bytes exceeds ${max}`);
    if (this.offset + n > this.body.length) throw new PamProtocolError(`truncated ${what}`);
    const bytes = this.body.subarray(this.offset, this.offset + n);
    if (bytes.includes(0)) throw new PamProtocolError(`${what} contains a NUL byte`);
    this.offset += n;
    return bytes.toString('utf8');
  }

  end(what: string): void {
    if (this.offset !== this.body.length) throw new PamProtocolError(`${this.body.length - this.offset} trailing bytes after ${what}`);
  }
}

function decodeBody(body: Buffer): HelperMessage {
  const r = new BodyReader(body);
  const type = r.u8('message type');
  switch (type) {
    case MessageType.Prompt: {
      const style = r.u8('prompt style');
      if (style !== PromptStyle.EchoOff && style !== PromptStyle.EchoOn) {
        throw new PamProtocolError(`unknown prompt style ${style}`);
      }
      const text = r.str('prompt text', MAX_TEXT_BYTES);
      r.end('prompt');
      return { kind: 'prompt', style, text };
    }
    case MessageType.Info:
    case MessageType.Error: {
      const text = r.str('message text', MAX_TEXT_BYTES);
      r.end('message');
      return { kind: type === MessageType.Info ? 'info' : 'error', text };
    }
    case MessageType.Result: {
      const stageNumber = r.u8('result stage');
      const stage = STAGES[stageNumber];
      if (stage === undefined) throw new PamProtocolError(`unknown result stage ${stageNumber}`);
      const code = r.i32('result code');
      const text = r.str('result text', MAX_TEXT_BYTES);
      const user = r.str('result user', MAX_FIELD_BYTES);
      r.end('result');
      return { kind: 'result', stage, code, text, user };
    }
    default:
      throw new PamProtocolError(`unknown helper message type 0x${type.toString(16).padStart(2, '0')}`);
  }
}

type DecoderState = 'header' | 'body' | 'failed';

/**
 * Incremental decoder for helper -> parent frames. Survives any chunk split, checks the length
 * before buffering a body, and after the first error refuses everything (one fatal path).
 */
export class HelperMessageDecoder {
  private state: DecoderState = 'header';
  private buffer: Buffer = Buffer.alloc(0);
  private bodyLength = 0;

  /** Returns every message completed by this chunk; throws a PamProtocolError or PamFrameTooLargeError. */
  push(chunk: Buffer): HelperMessage[] {
    if (this.state === 'failed') throw new PamProtocolError('decoder already failed');
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const out: HelperMessage[] = [];
    try {
      for (;;) {
        if (this.state === 'header') {
          if (this.buffer.length < 4) break;
          const length = this.buffer.readUInt32BE(0);
          if (length === 0) throw new PamProtocolError('empty frame');
          if (length > MAX_FRAME_BODY) throw new PamFrameTooLargeError(length, MAX_FRAME_BODY);
          this.bodyLength = length;
          this.buffer = this.buffer.subarray(4);
          this.state = 'body';
        }
        if (this.buffer.length < this.bodyLength) break;
        const body = this.buffer.subarray(0, this.bodyLength);
        this.buffer = this.buffer.subarray(this.bodyLength);
        this.state = 'header';
        out.push(decodeBody(body));
      }
    } catch (err) {
      this.state = 'failed';
      this.buffer = Buffer.alloc(0);
      throw err;
    }
    return out;
  }

  /** Bytes of an unfinished frame: non-zero at EOF means the helper died mid-message. */
  get pendingBytes(): number {
    return this.state === 'failed' ? 0 : this.buffer.length + (this.state === 'body' ? 4 : 0);
  }
}
