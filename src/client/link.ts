/**
 * The client's view of one framed connection: reads with a timeout and a description of what we wait
 * for, writes whole frames, records both, and turns lower-layer errors into ClientErrors.
 */
import type { TLSSocket } from 'node:tls';
import { ConnectionClosedError, ReadTimeoutError } from '../net/errors.ts';
import { FramedConnection } from '../net/framed-connection.ts';
import { WireError } from '../wire/errors.ts';
import type { Frame } from '../wire/frame.ts';
import type { Signal } from '../wire/signals.ts';
import { ClientError, ClosedByDirectorError, ConnectionError, ProtocolError, TimeoutError } from './errors.ts';
import type { FrameRecorder } from './transcript.ts';

export class DirectorLink {
  constructor(
    readonly connection: FramedConnection,
    readonly recorder: FrameRecorder,
  ) {}

  async read(timeoutMs: number, what: string): Promise<Frame> {
    let frame: Frame;
    try {
      frame = await this.connection.readFrame(timeoutMs, what);
    } catch (error) {
      throw toClientError(error, what, timeoutMs);
    }
    this.recorder.record('receive', frame);
    return frame;
  }

  /** One data frame; `redacted` names what the transcript must not show. */
  send(payload: Buffer | string, redacted?: string): void {
    const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
    this.recorder.record('send', { kind: 'data', payload: body }, redacted);
    this.connection.sendMessage(body);
  }

  sendSignal(signal: Signal): void {
    this.recorder.record('send', { kind: 'signal', signal });
    this.connection.sendSignal(signal);
  }

  get secureSocket(): TLSSocket | undefined {
    return this.connection.encrypted ? (this.connection.raw as TLSSocket) : undefined;
  }
}

export function toClientError(error: unknown, what: string, timeoutMs: number): ClientError {
  if (error instanceof ClientError) return error;
  if (error instanceof ReadTimeoutError) {
    return new TimeoutError(`no answer from the director within ${timeoutMs} ms while waiting for ${what}`, { cause: error });
  }
  if (error instanceof ConnectionClosedError) {
    return new ClosedByDirectorError(`the director closed the connection while we waited for ${what}`);
  }
  if (error instanceof WireError) {
    return new ProtocolError(`the director sent a frame we cannot accept while we waited for ${what}: ${error.message}`, { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ConnectionError(`connection error while waiting for ${what}: ${message}`, { cause: error });
}
