/**
 * A socket (plain or TLS) seen as a stream of frames: `readFrame()` pulls the next frame with a
 * timeout, `send*()` writes whole frames. The decoder errors (oversized frame, unknown signal) surface
 * from `readFrame()` as the codec's typed errors; after one, the connection is unusable.
 */
import type { Socket } from 'node:net';
import { TLSSocket, connect as tlsConnect, type ConnectionOptions, type TlsOptions } from 'node:tls';
import { FrameDecoder, encodeData, encodeMessage, encodeSignal, type DecoderOptions, type Frame } from '../wire/frame.ts';
import type { Signal } from '../wire/signals.ts';
import { ConnectionClosedError, ReadTimeoutError } from './errors.ts';

interface Waiter {
  resolve(frame: Frame): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout | undefined;
  what: string;
}

/** Frames buffered before we stop reading the socket (the peer then feels TCP backpressure). */
const HIGH_WATER_FRAMES = 256;

export class FramedConnection {
  private socket: Socket;
  private decoder: FrameDecoder;
  private readonly queue: Frame[] = [];
  private waiter: Waiter | undefined;
  /** Why the connection is unusable: an error, or (cheaply, no stack captured) how it closed. */
  private failure: Error | 'closed-by-peer' | 'closed-locally' | undefined;
  private readonly onData = (chunk: Buffer): void => this.receive(chunk);
  private readonly onEnd = (): void => this.fail('closed-by-peer');
  private readonly onError = (error: Error): void => this.fail(error);

  constructor(socket: Socket, private readonly decoderOptions: DecoderOptions = {}) {
    this.socket = socket;
    this.decoder = new FrameDecoder(decoderOptions);
    this.attach();
  }

  get raw(): Socket {
    return this.socket;
  }

  get closed(): boolean {
    return this.failure !== undefined;
  }

  get encrypted(): boolean {
    return this.socket instanceof TLSSocket;
  }

  setMaxFrameLength(limit: number): void {
    this.decoder.setMaxFrameLength(limit);
  }

  /** Next frame, or a rejection: closed, timed out, or a codec error. */
  readFrame(timeoutMs: number, what = 'frame'): Promise<Frame> {
    const next = this.queue.shift();
    if (next !== undefined) {
      if (this.queue.length < HIGH_WATER_FRAMES && this.socket.isPaused()) this.socket.resume();
      return Promise.resolve(next);
    }
    if (this.failure) return Promise.reject(this.failureError());
    if (this.waiter) return Promise.reject(new Error('readFrame called while another read is pending'));
    return new Promise<Frame>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, timer: undefined, what };
      if (timeoutMs > 0 && Number.isFinite(timeoutMs)) {
        waiter.timer = setTimeout(() => {
          this.waiter = undefined;
          reject(new ReadTimeoutError(timeoutMs, what));
        }, timeoutMs);
      }
      this.waiter = waiter;
    });
  }

  sendData(payload: Buffer | string): void {
    this.write(encodeData(payload));
  }

  /** A message of any length, split into frames the receiver accepts. */
  sendMessage(payload: Buffer | string): void {
    this.write(encodeMessage(payload));
  }

  sendSignal(signal: Signal): void {
    this.write(encodeSignal(signal));
  }

  write(bytes: Buffer): boolean {
    if (this.socket.destroyed || !this.socket.writable) return false;
    return this.socket.write(bytes);
  }

  /** Hold writes until `uncork()`, so several frames leave in one write (nests like socket.cork). */
  cork(): void {
    this.socket.cork();
  }

  uncork(): void {
    this.socket.uncork();
  }

  /** Resolves once the socket's write buffer has drained (or the socket is gone). */
  drained(): Promise<void> {
    if (!this.socket.writableNeedDrain || this.socket.destroyed) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        this.socket.off('drain', done);
        this.socket.off('close', done);
        resolve();
      };
      this.socket.once('drain', done);
      this.socket.once('close', done);
    });
  }

  /**
   * Start TLS on this connection (the legacy path: after CRAM-MD5). Bytes the peer already sent
   * (its ClientHello may be in our buffer) are handed to the TLS layer.
   */
  async startTls(options: (TlsOptions & { isServer: true }) | (ConnectionOptions & { isServer: false }), timeoutMs: number): Promise<TLSSocket> {
    const pending = this.decoder.takePending();
    this.detach();
    if (pending.length > 0) this.socket.unshift(pending);
    const plain = this.socket;
    // A server socket is wrapped directly; a client needs tls.connect to start its handshake.
    const secure = options.isServer ? new TLSSocket(plain, options) : tlsConnect({ ...options, socket: plain });
    await waitForSecure(secure, options.isServer, timeoutMs);
    this.socket = secure;
    this.decoder = new FrameDecoder(this.decoderOptions);
    this.attach();
    return secure;
  }

  /** Close after pending writes, optionally sending a last signal. */
  end(signal?: Signal): void {
    if (signal !== undefined) this.sendSignal(signal);
    this.socket.end();
    this.fail('closed-locally');
  }

  destroy(): void {
    this.socket.destroy();
    this.fail('closed-locally');
  }

  private attach(): void {
    this.socket.on('data', this.onData);
    this.socket.on('end', this.onEnd);
    this.socket.on('close', this.onEnd);
    this.socket.on('error', this.onError);
    this.socket.resume();
  }

  private detach(): void {
    this.socket.pause();
    this.socket.off('data', this.onData);
    this.socket.off('end', this.onEnd);
    this.socket.off('close', this.onEnd);
    this.socket.off('error', this.onError);
  }

  private receive(chunk: Buffer): void {
    let frames: Frame[];
    try {
      frames = this.decoder.push(chunk);
    } catch (error) {
      this.fail(error as Error);
      this.detach();
      return;
    }
    for (const frame of frames) this.deliver(frame);
    if (this.queue.length >= HIGH_WATER_FRAMES) this.socket.pause();
  }

  private deliver(frame: Frame): void {
    const waiter = this.waiter;
    if (waiter) {
      this.waiter = undefined;
      if (waiter.timer) clearTimeout(waiter.timer);
      waiter.resolve(frame);
    } else {
      this.queue.push(frame);
    }
  }

  /**
   * Every connection ends, most with nobody waiting: building an Error (and its stack) only when a
   * reader asks saves that work on every close.
   */
  private fail(reason: Error | 'closed-by-peer' | 'closed-locally'): void {
    if (this.failure) return;
    this.failure = reason;
    const waiter = this.waiter;
    this.waiter = undefined;
    if (waiter) {
      if (waiter.timer) clearTimeout(waiter.timer);
      waiter.reject(this.failureError());
    }
  }

  private failureError(): Error {
    const failure = this.failure;
    if (failure === 'closed-by-peer') return new ConnectionClosedError();
    if (failure === 'closed-locally') return new ConnectionClosedError('connection closed locally');
    return failure ?? new ConnectionClosedError();
  }

}

function waitForSecure(secure: TLSSocket, isServer: boolean, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      secure.destroy();
      reject(new ReadTimeoutError(timeoutMs, 'TLS handshake'));
    }, timeoutMs);
    const onSecure = (): void => {
      cleanup();
      resolve();
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(error);
    };
    const onClose = (): void => {
      cleanup();
      reject(new ConnectionClosedError('connection closed during the TLS handshake'));
    };
    const event = isServer ? 'secure' : 'secureConnect';
    function cleanup(): void {
      clearTimeout(timer);
      secure.off(event, onSecure);
      secure.off('error', onError);
      secure.off('close', onClose);
    }
    secure.once(event, onSecure);
    secure.once('error', onError);
    secure.once('close', onClose);
  });
}
