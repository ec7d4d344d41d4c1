/**
 * Soak: many logins and commands with random disconnects at every step, against one director
 * process; RSS, open fds and the director's own gauges at the start and at the end.
 *   node bin/run-ts.js bench/soak.ts [--logins N] [--concurrency C]     (default 100,000 / 16)
 */
import { storedPassword } from '../src/auth/password.ts';
import { cramResponse, parseChallengeLine } from '../src/auth/cram-md5.ts';
import { FramedConnection } from '../src/net/framed-connection.ts';
import { buildHello } from '../src/wire/hello.ts';
import { BENCH_PASSWORD, directorConfig } from './configs.ts';
import { command, loginOn, oneLogin, openSocket, round, type LoginTarget } from './login-client.ts';
import { metricValue, openFds, rssKb, spawnDirector } from './processes.ts';

export interface SoakSnapshot {
  readonly rssKb: number;
  readonly fds: number;
  readonly activeConsoles: number | undefined;
  readonly pendingConnections: number | undefined;
}

export interface SoakResult {
  readonly iterations: number;
  readonly completeLogins: number;
  readonly commands: number;
  readonly dropped: number;
  readonly unexpectedErrors: number;
  readonly firstError: string | undefined;
  readonly seconds: number;
  readonly start: SoakSnapshot;
  /** Half-way: if RSS at the end is near this, growth was heap sizing, not a leak per login. */
  readonly half: SoakSnapshot | undefined;
  readonly end: SoakSnapshot;
}

type Step = 'full' | 'psk' | 'after-connect' | 'mid-hello' | 'after-hello' | 'after-response' | 'idle-drop' | 'commands-drop';
const STEPS: readonly Step[] = ['full', 'full', 'full', 'psk', 'after-connect', 'mid-hello', 'after-hello', 'after-response', 'idle-drop', 'commands-drop'];

async function dropAt(target: LoginTarget, step: Step): Promise<number> {
  const socket = await openSocket(target);
  try {
    if (step === 'after-connect') return 0;
    const conn = new FramedConnection(socket);
    const hello = Buffer.from(buildHello({ name: target.name, version: '26.0.0', withVersionSuffix: true }));
    if (step === 'mid-hello') {
      socket.write(hello.subarray(0, Math.floor(Math.random() * hello.length)));
      return 0;
    }
    conn.sendData(hello);
    const challenge = await conn.readFrame(10_000, 'challenge');
    if (step === 'after-hello' || challenge.kind !== 'data') return 0;
    conn.sendData(cramResponse(storedPassword(target.password), parseChallengeLine(challenge.payload).token, false));
    return 0;
  } finally {
    socket.destroy();
  }
}

async function loggedInThenDrop(target: LoginTarget, commands: number): Promise<number> {
  const socket = await openSocket(target);
  try {
    const conn = await loginOn(socket, target);
    for (let i = 0; i < commands; i++) await command(conn, i % 2 === 0 ? 'version' : 'whoami');
    return commands;
  } finally {
    socket.destroy();
  }
}

async function snapshot(pid: number, metrics: () => Promise<string>): Promise<SoakSnapshot> {
  const text = await metrics();
  return { rssKb: rssKb(pid), fds: openFds(pid), activeConsoles: metricValue(text, 'tsbareos_active_consoles'), pendingConnections: metricValue(text, 'tsbareos_pending_connections') };
}

export async function runSoak(opts: { logins: number; concurrency?: number }): Promise<SoakResult> {
  const director = await spawnDirector({ config: directorConfig({ tls: false, extra: 'Login Failure Limit = 0' }) });
  const clear: LoginTarget = { host: '127.0.0.1', port: director.port, transport: 'cleartext', name: '*UserAgent*', password: BENCH_PASSWORD };
  const psk: LoginTarget = { ...clear, transport: 'psk' };
  try {
    for (let i = 0; i < 200; i++) await oneLogin(clear);
    const start = await snapshot(director.pid, director.metrics);
    const counts = { iterations: 0, completeLogins: 0, commands: 0, dropped: 0, unexpectedErrors: 0 };
    let firstError: string | undefined;
    let half: Promise<SoakSnapshot> | undefined;
    const t0 = performance.now();
    const worker = async (): Promise<void> => {
      while (counts.iterations < opts.logins) {
        counts.iterations++;
        if (counts.iterations === Math.floor(opts.logins / 2)) half = snapshot(director.pid, director.metrics);
        const step = STEPS[Math.floor(Math.random() * STEPS.length)] ?? 'full';
        try {
          if (step === 'full' || step === 'psk') {
            await oneLogin(step === 'psk' ? psk : clear);
            counts.completeLogins++;
            counts.commands++;
          } else if (step === 'idle-drop' || step === 'commands-drop') {
            const ran = await loggedInThenDrop(clear, step === 'idle-drop' ? 0 : 1 + Math.floor(Math.random() * 5));
            counts.commands += ran;
            counts.dropped++;
          } else {
            await dropAt(clear, step);
            counts.dropped++;
          }
        } catch (error) {
          counts.unexpectedErrors++;
          firstError ??= `${step}: ${(error as Error).message}`;
        }
      }
    };
    await Promise.all(Array.from({ length: opts.concurrency ?? 16 }, worker));
    const seconds = round((performance.now() - t0) / 1000);
    // Let the handshake timeouts of the half-sent logins run out before the end snapshot.
    await new Promise((r) => setTimeout(r, 3000));
    const end = await snapshot(director.pid, director.metrics);
    return { ...counts, firstError, seconds, start, half: await half, end };
  } finally {
    await director.stop();
  }
}

if (process.argv[1]?.endsWith('bench/soak.ts')) {
  const arg = (name: string, fallback: number): number => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? Number(process.argv[i + 1]) : fallback;
  };
  const result = await runSoak({ logins: arg('--logins', 100_000), concurrency: arg('--concurrency', 16) });
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}
