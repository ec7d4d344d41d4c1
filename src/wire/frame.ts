/**
 * Frame layout (reference §1.1): a signed 32-bit big-endian header N, then N payload bytes when N > 0.
 * N == 0 is an empty data frame, N < 0 a signal with no payload.
 */
import { FrameTooLargeError, UnknownSignalError } from './errors.ts';
import { isKnownSignal, type Signal } from './signals.ts';

export const HEADER_LENGTH = 4;
/** Largest payload a receiver accepts; Bareos treats anything bigger as fatal (§1.2). */
export const MAX_FRAME_LENGTH = 1_000_000;
/** A sender cuts longer messages into frames of this size (1,000,000 minus the header). */
export const MAX_SEND_CHUNK = MAX_FRAME_LENGTH - HEADER_LENGTH;

export type Frame =
  | { readonly kind: 'data'; readonly payload: Buffer }
  | { readonly kind: 'signal'; readonly signal: Signal };

/** One data frame: header and payload in one buffer, so it goes out in one write (§1.1). */
export function encodeData(payload: Buffer | string): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
  const out = Buffer.allocUnsafe(HEADER_LENGTH + body.length);
  out.writeInt32BE(body.length, 0);
  body.copy(out, HEADER_LENGTH);
  return out;
}

/** A message of any length as consecutive data frames of at most MAX_SEND_CHUNK bytes. */
export function encodeMessage(payload: Buffer | string): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
  if (body.length <= MAX_SEND_CHUNK) return encodeData(body);
  const parts: Buffer[] = [];
  for (let at = 0; at < body.length; at += MAX_SEND_CHUNK) {
    parts.push(encodeData(body.subarray(at, Math.min(at + MAX_SEND_CHUNK, body.length))));
  }
  return Buffer.concat(parts);
}

export function encodeSignal(signal: Signal): Buffer {
  const out = Buffer.allocUnsafe(HEADER_LENGTH);
  out.writeInt32BE(signal, 0);
  return out;
}

export interface DecoderOptions {
  /** Payload limit; defaults to MAX_FRAME_LENGTH. */
  readonly maxFrameLength?: number;
  /**
   * What to do with a negative header that is no known signal: 'error' (default) raises
   * UnknownSignalError; 'deliver' passes the raw value on, as Bareos clients do.
   */
  readonly unknownSignals?: 'error' | 'deliver';
}

/**
 * Streaming decoder: feed it chunks of any size (down to single bytes) and it returns the complete
 * frames they finish. Keeps one growing buffer and never concatenates per frame.
 * After it has thrown, the stream is out of step: the caller must drop the connection.
 */
export class FrameDecoder {
  private buffer: Buffer = Buffer.alloc(0);
  private start = 0;
  private end = 0;
  private maxFrameLength: number;
  private readonly deliverUnknown: boolean;

  constructor(options: DecoderOptions = {}) {
    this.maxFrameLength = options.maxFrameLength ?? MAX_FRAME_LENGTH;
    this.deliverUnknown = options.unknownSignals === 'deliver';
  }

  /** Change the payload limit, e.g. small before login and Bareos' 1,000,000 after. */
  setMaxFrameLength(limit: number): void {
    this.maxFrameLength = limit;
  }

  /** Bytes received but not yet part of a complete frame. */
  get pendingBytes(): number {
    return this.end - this.start;
  }

  /**
   * Hand back the raw bytes not yet decoded and forget them. Used when the byte stream changes owner,
   * e.g. the TLS handshake that follows CRAM-MD5 on the legacy path may already be in our buffer.
   */
  takePending(): Buffer {
    const rest = Buffer.from(this.buffer.subarray(this.start, this.end));
    this.start = 0;
    this.end = 0;
    return rest;
  }

  push(chunk: Buffer): Frame[] {
    this.append(chunk);
    const frames: Frame[] = [];
    for (;;) {
      const frame = this.next();
      if (frame === undefined) break;
      frames.push(frame);
    }
    this.compact();
    return frames;
  }

  private next(): Frame | undefined {
    const available = this.end - this.start;
    if (available < HEADER_LENGTH) return undefined;
    const length = this.buffer.readInt32BE(this.start);
    if (length < 0) {
      if (!isKnownSignal(length) && !this.deliverUnknown) throw new UnknownSignalError(length);
      this.start += HEADER_LENGTH;
      return { kind: 'signal', signal: length as Signal };
    }
    // Bound before waiting for (and buffering) the payload.
    if (length > this.maxFrameLength) throw new FrameTooLargeError(length, this.maxFrameLength);
    if (available < HEADER_LENGTH + length) return undefined;
    const from = this.start + HEADER_LENGTH;
    // Copy out: the internal buffer is reused, callers may keep payloads.
    const payload = Buffer.from(this.buffer.subarray(from, from + length));
    this.start = from + length;
    return { kind: 'data', payload };
  }

  private append(chunk: Buffer): void {
    const needed = this.end + chunk.length;
    if (needed > this.buffer.length) {
      const live = this.end - this.start;
      if (live + chunk.length <= this.buffer.length) {
        this.buffer.copy(this.buffer, 0, this.start, this.end);
      } else {
        const grown = Buffer.allocUnsafe(Math.max(live + chunk.length, this.buffer.length * 2, 256));
        this.buffer.copy(grown, 0, this.start, this.end);
        this.buffer = grown;
      }
      this.start = 0;
      this.end = live;
    }
    chunk.copy(this.buffer, this.end);
    this.end += chunk.length;
  }

  private compact(): void {
    if (this.start === this.end) {
      this.start = 0;
      this.end = 0;
      // Do not pin a large buffer after a big frame went through.
      if (this.buffer.length > 64 * 1024) this.buffer = Buffer.alloc(0);
    }
  }
}

/** Text of a data payload as Bareos reads it: a C string, cut at the first NUL. */
export function payloadText(payload: Buffer): string {
  const nul = payload.indexOf(0);
  return (nul === -1 ? payload : payload.subarray(0, nul)).toString('utf8');
}
