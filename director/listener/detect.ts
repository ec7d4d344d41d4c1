/**
 * Tell an immediate TLS ClientHello from a cleartext Hello frame by the first bytes (reference §2.2):
 * a TLS record starts 0x16 0x03; a Hello frame is a 4-byte length then `Hello `. Unlike Bareos we
 * wait for enough bytes instead of failing on a short first read.
 */
import type { Socket } from 'node:net';

export type Transport = 'tls' | 'cleartext';

export class TransportDetectionError extends Error {
  readonly code: string;
  constructor(code: 'ERR_GARBAGE' | 'ERR_CLOSED' | 'ERR_TIMEOUT', message: string) {
    super(message);
    this.name = 'TransportDetectionError';
    this.code = code;
  }
}

const TLS_HANDSHAKE_RECORD = 0x16;
const HELLO = Buffer.from('Hello ', 'ascii');
const NEEDED = 4 + HELLO.length;

/** Reads the first bytes, decides, and puts them back on the socket for whoever reads next. */
export function detectTransport(socket: Socket, timeoutMs: number): Promise<Transport> {
  return new Promise((resolve, reject) => {
    let head: Buffer = Buffer.alloc(0);
    const finish = (result: Transport | TransportDetectionError): void => {
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('end', onEnd);
      socket.off('close', onEnd);
      socket.off('error', onEnd);
      socket.pause();
      if (head.length > 0) socket.unshift(head);
      if (result instanceof TransportDetectionError) reject(result);
      else resolve(result);
    };
    const onData = (chunk: Buffer): void => {
      head = head.length === 0 ? chunk : Buffer.concat([head, chunk]);
      const verdict = decide(head);
      if (verdict) finish(verdict);
    };
    const onEnd = (): void => finish(new TransportDetectionError('ERR_CLOSED', `connection closed after ${head.length} bytes, before a Hello`));
    const timer = setTimeout(() => finish(new TransportDetectionError('ERR_TIMEOUT', `no Hello or TLS ClientHello within ${timeoutMs} ms`)), timeoutMs);
    socket.on('data', onData);
    socket.once('end', onEnd);
    socket.once('close', onEnd);
    socket.once('error', onEnd);
    socket.resume();
  });
}

function decide(head: Buffer): Transport | TransportDetectionError | undefined {
  if (head[0] === TLS_HANDSHAKE_RECORD) return 'tls';
  // A Hello frame's length is at most 153: the first three header bytes must be zero.
  if (head[0] !== 0 || (head.length > 1 && head[1] !== 0) || (head.length > 2 && head[2] !== 0)) {
    return garbage(head);
  }
  const known = Math.min(head.length, NEEDED);
  if (known > 4 && !head.subarray(4, known).equals(HELLO.subarray(0, known - 4))) return garbage(head);
  return head.length >= NEEDED ? 'cleartext' : undefined;
}

function garbage(head: Buffer): TransportDetectionError {
  const sample = head.subarray(0, 16).toString('hex');
  return new TransportDetectionError('ERR_GARBAGE', `first bytes are neither a TLS ClientHello nor a Hello frame (${sample})`);
}
