/**
 * The one raw client every login-rate figure uses, whatever the server: built on src/wire and
 * src/auth, one write per frame (encodeData builds header + payload in one buffer) and TCP_NODELAY,
 * so no server is slowed by delayed ACKs the way python-bareos' split writes are.
 *
 *   connect [TLS-PSK] -> Hello -> CRAM-MD5 both ways -> [PAM 4002] -> 1000 (+1002) -> version -> quit
 */
import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { AUTH_OK, TlsPolicy, createChallenge, cramResponse, parseChallengeLine, qualifiedName, verifyCramResponse } from '../src/auth/cram-md5.ts';
import { storedPassword } from '../src/auth/password.ts';
import { FramedConnection } from '../src/net/framed-connection.ts';
import { clientPskOptions } from '../src/tls/options.ts';
import { payloadText, type Frame } from '../src/wire/frame.ts';
import { buildHello } from '../src/wire/hello.ts';
import { MessageId, RECORD_SEPARATOR, decodeResponse, encodeResponse } from '../src/wire/response.ts';
import { Signal } from '../src/wire/signals.ts';

export type Transport = 'cleartext' | 'psk' | 'bare-tls';

export interface LoginTarget {
  readonly host: string;
  readonly port: number;
  readonly transport: Transport;
  readonly name: string;
  readonly password: string;
  /** PAM direct mode (4002) for consoles that answer 1001. */
  readonly pam?: { readonly user: string; readonly password: string };
}

const READ_TIMEOUT_MS = 15_000;

export function openSocket(target: LoginTarget): Promise<Socket> {
  return new Promise((resolve, reject) => {
    if (target.transport === 'cleartext') {
      const socket = netConnect({ host: target.host, port: target.port, noDelay: true });
      socket.once('connect', () => resolve(socket));
      socket.once('error', reject);
      return;
    }
    const socket = tlsConnect({ host: target.host, port: target.port, ...clientPskOptions(target.name, target.password) });
    socket.setNoDelay(true);
    socket.once('secureConnect', () => resolve(socket));
    socket.once('error', reject);
  });
}

async function data(conn: FramedConnection, what: string): Promise<Buffer> {
  const frame: Frame = await conn.readFrame(READ_TIMEOUT_MS, what);
  if (frame.kind !== 'data') throw new Error(`expected ${what}, got signal ${frame.signal}`);
  return frame.payload;
}

/** Hello and CRAM-MD5 both ways, then the login result (and PAM direct if asked for). */
export async function loginOn(socket: Socket, target: LoginTarget): Promise<FramedConnection> {
  const conn = new FramedConnection(socket);
  const key = storedPassword(target.password);
  conn.sendData(buildHello({ name: target.name, version: '26.0.0', withVersionSuffix: true }));
  const challenge = parseChallengeLine(await data(conn, 'challenge'));
  conn.sendData(cramResponse(key, challenge.token, challenge.compatible));
  const verdict = payloadText(await data(conn, 'verdict'));
  if (`${verdict}` !== AUTH_OK) throw new Error(`director refused our response: ${verdict.trim()}`);
  const ours = createChallenge(qualifiedName('R_CONSOLE', target.name), TlsPolicy.None);
  conn.sendData(ours.line);
  if (!verifyCramResponse(key, ours.token, await data(conn, 'answer'))) throw new Error('director answered our challenge wrongly');
  conn.sendData(AUTH_OK);
  await loginResult(conn, target, false);
  return conn;
}

async function loginResult(conn: FramedConnection, target: LoginTarget, afterPam: boolean): Promise<void> {
  const result = await data(conn, 'login result');
  if (!result.includes(RECORD_SEPARATOR)) {
    // Bacula / old dialect: one `1000 OK: ...` line.
    if (!payloadText(result).startsWith('1000')) throw new Error(`login refused: ${payloadText(result).trim()}`);
    return;
  }
  const message = decodeResponse(result);
  if (message.id === MessageId.PamRequired && !afterPam && target.pam) {
    conn.sendData(encodeResponse(MessageId.PamUserCredentials, [target.pam.user, target.pam.password]));
    return loginResult(conn, target, true);
  }
  if (message.id !== MessageId.Ok) throw new Error(`login refused: message ${message.id}`);
  await data(conn, '1002 banner');
}

/** Run one api 0 command and wait for its BNET_EOD. */
export async function command(conn: FramedConnection, line: string): Promise<void> {
  conn.sendData(line);
  for (;;) {
    const frame = await conn.readFrame(READ_TIMEOUT_MS, line);
    if (frame.kind === 'signal' && frame.signal === Signal.EndOfData) return;
  }
}

function closed(socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    if (socket.destroyed) return resolve();
    socket.once('close', () => resolve());
    socket.once('error', () => undefined);
  });
}

/** One complete login as the figures count it; for 'bare-tls' only the handshake and a close. */
export async function oneLogin(target: LoginTarget): Promise<void> {
  const socket = await openSocket(target);
  if (target.transport === 'bare-tls') {
    const done = closed(socket);
    socket.end();
    return done;
  }
  try {
    const conn = await loginOn(socket, target);
    await command(conn, 'version');
    const done = closed(socket);
    conn.sendData('quit');
    await done;
  } finally {
    socket.destroy();
  }
}

export interface Latencies {
  readonly count: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

export function latencies(samples: readonly number[]): Latencies {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
  return { count: sorted.length, p50Ms: at(0.5), p99Ms: at(0.99), maxMs: round(sorted[sorted.length - 1] ?? 0) };
}

export function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

export interface RateResult extends Latencies {
  readonly concurrency: number;
  readonly perSecond: number;
  readonly errors: number;
  readonly firstError: string | undefined;
}

/** `concurrency` loops of back-to-back logins for `durationMs`; logins per second overall. */
export async function loginRate(target: LoginTarget, concurrency: number, durationMs: number): Promise<RateResult> {
  const samples: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const deadline = started + durationMs;
  const loop = async (): Promise<void> => {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      try {
        await oneLogin(target);
        samples.push(performance.now() - t0);
      } catch (error) {
        errors++;
        firstError ??= (error as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  const seconds = (performance.now() - started) / 1000;
  return { concurrency, perSecond: round(samples.length / seconds, 1), errors, firstError, ...latencies(samples) };
}

/** A logged-in console kept open to time one command again and again (the "active console"). */
export async function timeCommandLoop(conn: FramedConnection, line: string, until: () => boolean, pauseMs = 5): Promise<Latencies> {
  const samples: number[] = [];
  while (!until()) {
    const t0 = performance.now();
    await command(conn, line);
    samples.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, pauseMs));
  }
  return latencies(samples);
}
