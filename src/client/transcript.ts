/**
 * Frame records for debugging a login or a session, never carrying secrets: CRAM-MD5 responses, PAM
 * credentials and PAM answers are replaced by a note saying what was hidden.
 *
 * Two ways to get them: the `loginTranscript` connect option (login frames only, per connection), and
 * the diagnostics channel `tsbareos:client:frame` (every frame of every connection, only built when
 * somebody subscribes), so the library itself never logs.
 */
import { channel } from 'node:diagnostics_channel';
import type { Frame } from '../wire/frame.ts';
import { signalName } from '../wire/signals.ts';

export const FRAME_CHANNEL_NAME = 'tsbareos:client:frame';
const frameChannel = channel(FRAME_CHANNEL_NAME);

export type TranscriptPhase = 'login' | 'session';

export interface TranscriptEntry {
  readonly direction: 'send' | 'receive';
  readonly phase: TranscriptPhase;
  readonly kind: 'data' | 'signal';
  /** Payload bytes for data frames, the raw negative header for signals. */
  readonly length: number;
  /** Payload with control bytes escaped (`\x1e`, `\n`, `\0`); absent when redacted. */
  readonly text?: string;
  /** Bareos' name of the signal, e.g. `BNET_EOD`. */
  readonly signal?: string;
  /** What was hidden, e.g. `CRAM-MD5 response`. */
  readonly redacted?: string;
}

/** Published on FRAME_CHANNEL_NAME. */
export interface FrameChannelMessage {
  readonly connectionId: number;
  readonly entry: TranscriptEntry;
}

export type TranscriptSink = (entry: TranscriptEntry) => void;

/** Longest text kept per entry: command output can be a megabyte per frame. */
const MAX_TEXT = 512;

export function printable(payload: Buffer): string {
  const text = payload.subarray(0, MAX_TEXT).toString('utf8');
  // eslint-disable-next-line no-control-regex
  const escaped = text.replace(/[\x00-\x1f\x7f]/g, (c) => (c === '\n' ? '\\n' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`));
  return payload.length > MAX_TEXT ? `${escaped}...` : escaped;
}

export function describeFrame(direction: 'send' | 'receive', phase: TranscriptPhase, frame: Frame, redacted?: string): TranscriptEntry {
  if (frame.kind === 'signal') return { direction, phase, kind: 'signal', length: frame.signal, signal: signalName(frame.signal) };
  if (redacted !== undefined) return { direction, phase, kind: 'data', length: frame.payload.length, redacted };
  return { direction, phase, kind: 'data', length: frame.payload.length, text: printable(frame.payload) };
}

let nextConnectionId = 1;

/** Per-connection recorder: feeds the login transcript while logging in and the channel always. */
export class FrameRecorder {
  readonly connectionId = nextConnectionId++;
  phase: TranscriptPhase = 'login';

  constructor(private readonly loginSink: TranscriptSink | undefined) {}

  record(direction: 'send' | 'receive', frame: Frame, redacted?: string): void {
    const wantLogin = this.phase === 'login' && this.loginSink !== undefined;
    if (!wantLogin && !frameChannel.hasSubscribers) return;
    const entry = describeFrame(direction, this.phase, frame, redacted);
    if (wantLogin) this.loginSink?.(entry);
    if (frameChannel.hasSubscribers) frameChannel.publish({ connectionId: this.connectionId, entry } satisfies FrameChannelMessage);
  }
}

/** One line per entry, for `tsbareos call --transcript` and test failure output. */
export function describeTranscriptEntry(entry: TranscriptEntry): string {
  const arrow = entry.direction === 'send' ? 'C->D' : 'D->C';
  if (entry.kind === 'signal') return `${arrow} [${entry.length}] ${entry.signal ?? ''}`;
  const body = entry.redacted !== undefined ? `<${entry.redacted} hidden>` : `"${entry.text ?? ''}"`;
  return `${arrow} [${entry.length}] ${body}`;
}
