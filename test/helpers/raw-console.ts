/**
 * A console written out step by step from the wire library, for tests that need to misbehave at a
 * precise point (reject the director's answer, stop after N bytes, send garbage) or look at frames.
 */
import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { AUTH_OK, createChallenge, parseChallengeLine, cramResponse, qualifiedName, verifyCramResponse, TlsPolicy } from '../../src/auth/cram-md5.ts';
import { storedPassword } from '../../src/auth/password.ts';
import { FramedConnection } from '../../src/net/framed-connection.ts';
import { clientPskOptions } from '../../src/tls/options.ts';
import { encodeData, type Frame } from '../../src/wire/frame.ts';
import { buildHello } from '../../src/wire/hello.ts';

export interface RawLoginOptions {
  readonly port: number;
  readonly name?: string;
  readonly password: string;
  readonly tls?: boolean;
  /** Default: a modern Hello with version 26.0.0. */
  readonly hello?: string;
  /** What we answer to the director's response to our challenge (default: the honest verdict). */
  readonly verdict?: string;
  /** Close the socket once this many bytes were written (a connection dropped mid-login). */
  readonly byteBudget?: number;
}

export interface RawSession {
  readonly conn: FramedConnection;
  /** Frames the director sent after our final verdict (1000/1002 or the old-style line). */
  readonly result: Buffer[];
}

export async function openSocket(port: number, tls: boolean, name: string, password: string): Promise<Socket> {
  if (tls) {
    const socket = tlsConnect({ host: '127.0.0.1', port, ...clientPskOptions(name, password) });
    await new Promise<void>((resolve, reject) => {
      socket.once('secureConnect', resolve);
      socket.once('error', reject);
    });
    return socket;
  }
  const socket = netConnect({ host: '127.0.0.1', port, noDelay: true });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  return socket;
}

export class BudgetExhausted extends Error {}

export async function rawLogin(options: RawLoginOptions): Promise<RawSession> {
  const name = options.name ?? '*UserAgent*';
  const socket = await openSocket(options.port, options.tls ?? false, name, options.password);
  const conn = new FramedConnection(socket, { unknownSignals: 'deliver' });
  let budget = options.byteBudget ?? Number.POSITIVE_INFINITY;
  const send = (payload: Buffer | string): void => {
    const bytes = encodeData(payload);
    if (bytes.length > budget) {
      socket.write(bytes.subarray(0, budget));
      socket.destroy();
      throw new BudgetExhausted(`stopped after the byte budget`);
    }
    budget -= bytes.length;
    conn.write(bytes);
  };
  const key = storedPassword(options.password);
  const data = async (what: string): Promise<Buffer> => {
    const frame: Frame = await conn.readFrame(5000, what);
    if (frame.kind !== 'data') throw new Error(`expected ${what}, got signal ${frame.signal}`);
    return frame.payload;
  };
  send(options.hello ?? buildHello({ name, version: '26.0.0', withVersionSuffix: true }));
  const challenge = parseChallengeLine(await data('director challenge'));
  send(cramResponse(key, challenge.token, challenge.compatible));
  const verdict = (await data('director verdict')).toString('latin1');
  if (verdict !== AUTH_OK) throw new Error(`director said: ${verdict.trim()}`);
  const ours = createChallenge(qualifiedName('R_CONSOLE', name), TlsPolicy.None);
  send(ours.line);
  const answer = await data('director answer');
  const honest = verifyCramResponse(key, ours.token, answer) ? AUTH_OK : '1999 Authorization failed.\n';
  send(options.verdict ?? honest);
  const result: Buffer[] = [await data('login result')];
  if (result[0]?.toString('latin1').startsWith('1000\x1e')) result.push(await data('1002 banner'));
  return { conn, result };
}

/** Send one command and collect frames until `stop` says so (default: BNET_EOD or MAIN_PROMPT). */
export async function collect(conn: FramedConnection, command: string | undefined, stop: (f: Frame) => boolean = (f) => f.kind === 'signal' && (f.signal === -1 || f.signal === -18)): Promise<Frame[]> {
  if (command !== undefined) conn.sendData(command);
  const frames: Frame[] = [];
  for (;;) {
    const frame = await conn.readFrame(5000, 'command output');
    frames.push(frame);
    if (stop(frame)) return frames;
  }
}

/** Frames as a compact readable list: signals by number, data as text. */
export function describe(frames: readonly Frame[]): Array<number | string> {
  return frames.map((f) => (f.kind === 'signal' ? f.signal : f.payload.toString('utf8')));
}

/** Wait for the peer to close; resolves with everything received meanwhile. */
export function readUntilClose(socket: Socket, timeoutMs = 5000): Promise<{ bytes: Buffer; closed: boolean }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => finish(false), timeoutMs);
    const finish = (closed: boolean): void => {
      clearTimeout(timer);
      resolve({ bytes: Buffer.concat(chunks), closed });
    };
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.once('close', () => finish(true));
    socket.once('error', () => undefined);
  });
}
