/**
 * The servers under test, each in its own process so the bench client's CPU is never in their event
 * loop: our director through its CLI, the bare TLS-PSK server, Debian's Bacula director. Plus what
 * the bench reads from outside: RSS and open fds from /proc, the Prometheus endpoint.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCatalog } from '../test/helpers/bacula-director.ts';

export const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

export interface Spawned {
  readonly pid: number;
  readonly port: number;
  readonly dir: string;
  stop(): Promise<void>;
}

export interface SpawnedDirector extends Spawned {
  readonly metricsPort: number;
  readonly logFile: string;
  metrics(): Promise<string>;
}

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

/** A shell that raises the soft fd limit to the hard one, then execs (same pid, for /proc). */
function spawnWithFdLimit(argv: readonly string[], cwd: string, logFile: string): ChildProcess {
  const quoted = argv.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const log = openSync(logFile, 'a');
  const child = spawn('bash', ['-c', `ulimit -n "$(ulimit -Hn)"; exec ${quoted}`], { cwd, stdio: ['ignore', log, log] });
  closeSync(log);
  return child;
}

export interface DirectorSpawnOptions {
  readonly config: string;
  readonly pamEnv?: Readonly<Record<string, string>>;
}

/** `node bin/tsbareos.js director -c CONFIG --port P --log-format json --metrics 127.0.0.1:M`. */
export async function spawnDirector(options: DirectorSpawnOptions): Promise<SpawnedDirector> {
  const dir = mkdtempSync(join(tmpdir(), 'tsb-bench-dir-'));
  const configPath = join(dir, 'bareos-dir.conf');
  writeFileSync(configPath, options.config, { mode: 0o600 });
  const [port, metricsPort] = [await freePort(), await freePort()];
  const logFile = join(dir, 'director.log');
  const pamArgs = Object.entries(options.pamEnv ?? {}).flatMap(([k, v]) => ['--pam-env', `${k}=${v}`]);
  const argv = [process.execPath, ...(process.env['TSBAREOS_BENCH_DIRECTOR_NODE_ARGS']?.split(' ').filter(Boolean) ?? []), join(ROOT, 'bin/tsbareos.js'), 'director', '-c', configPath, '--port', String(port), '--address', '127.0.0.1', '--log-format', 'json', '--metrics', `127.0.0.1:${metricsPort}`, '--data-dir', dir, ...pamArgs];
  const child = spawnWithFdLimit(argv, dir, logFile);
  const metrics = (): Promise<string> => httpText(metricsPort, '/metrics');
  await waitUntil(child, () => metrics().then(() => true, () => false), 20_000, () => readFileSync(logFile, 'utf8'));
  return { pid: child.pid ?? 0, port, metricsPort, dir, logFile, metrics, stop: () => stopChild(child, dir) };
}

/** bench/bare-tls-server.ts: the same node TLS-PSK settings, nothing after the handshake. */
export async function spawnBareTls(name: string, password: string): Promise<Spawned> {
  const dir = mkdtempSync(join(tmpdir(), 'tsb-bench-tls-'));
  const port = await freePort();
  const argv = [process.execPath, join(ROOT, 'bin/run-ts.js'), join(ROOT, 'bench/bare-tls-server.ts'), String(port), name, password];
  const child = spawnWithFdLimit(argv, dir, join(dir, 'server.log'));
  await waitUntil(child, () => accepts(port), 20_000, () => readFileSync(join(dir, 'server.log'), 'utf8'));
  return { pid: child.pid ?? 0, port, dir, stop: () => stopChild(child, dir) };
}

export interface SpawnedBacula extends Spawned {
  readonly password: string;
}

/** Debian's bacula-dir with bench/bacula-dir.conf.template and a fresh SQLite catalog. */
export async function spawnBacula(binary: string): Promise<SpawnedBacula> {
  const dir = mkdtempSync(join(tmpdir(), 'tsb-bench-bacula-'));
  const port = await freePort();
  const password = 'bench-bacula-secret';
  createCatalog(join(dir, 'bacula.db'));
  const values: Record<string, string> = { PORT: String(port), WORKDIR: dir, PASSWORD: password };
  const template = readFileSync(join(ROOT, 'bench/bacula-dir.conf.template'), 'utf8');
  const configFile = join(dir, 'bacula-dir.conf');
  writeFileSync(configFile, template.replace(/@([A-Z_]+)@/g, (whole, key: string) => values[key] ?? whole));
  const child = spawnWithFdLimit([binary, '-f', '-c', configFile], dir, join(dir, 'bacula.out'));
  await waitUntil(child, () => accepts(port), 20_000, () => readFileSync(join(dir, 'bacula.out'), 'utf8'));
  return { pid: child.pid ?? 0, port, dir, password, stop: () => stopChild(child, dir) };
}

/** Resident set size of a process in KiB (VmRSS of /proc/PID/status). */
export function rssKb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0);
}

export function openFds(pid: number): number {
  return readdirSync(`/proc/${pid}/fd`).length;
}

/** One value from Prometheus text, e.g. `tsbareos_event_loop_delay_seconds{quantile="0.99"}`. */
export function metricValue(text: string, name: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.slice(name.length + 1));
}

export function httpText(port: number, path: string): Promise<string> {
  return new Promise((done, fail) => {
    get({ host: '127.0.0.1', port, path }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(Buffer.concat(chunks).toString('utf8')));
    }).on('error', fail);
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });
}

async function waitUntil(child: ChildProcess, ready: () => Promise<boolean>, timeoutMs: number, output: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode}:\n${output()}`);
    if (await ready()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`server not ready within ${timeoutMs} ms:\n${output()}`);
}

function stopChild(child: ChildProcess, dir: string): Promise<void> {
  const cleanup = (): void => rmSync(dir, { recursive: true, force: true });
  if (child.exitCode !== null || child.signalCode !== null) {
    cleanup();
    return Promise.resolve();
  }
  return new Promise((done) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      cleanup();
      done();
    });
    child.kill('SIGTERM');
  });
}

export interface Holder {
  report(): Promise<{ open: number; failed: number; firstError?: string }>;
  stop(): Promise<void>;
}

/** bench/console-holder.ts in its own process (own fd limit, own CPU for 10,000 sockets). */
export function spawnHolder(mode: 'login' | 'silent', port: number, count: number, password: string): Holder {
  const argv = [process.execPath, join(ROOT, 'bin/run-ts.js'), join(ROOT, 'bench/console-holder.ts'), mode, String(port), String(count), password];
  const quoted = argv.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const child = spawn('bash', ['-c', `ulimit -n "$(ulimit -Hn)"; exec ${quoted}`], { stdio: ['pipe', 'pipe', 'inherit'] });
  let buffered = '';
  const waiting: Array<(line: string) => void> = [];
  child.stdout?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    let nl: number;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      waiting.shift()?.(line);
    }
  });
  return {
    report: () =>
      new Promise((done) => {
        waiting.push((line) => done(JSON.parse(line) as { open: number; failed: number; firstError?: string }));
        child.stdin?.write('report\n');
      }),
    stop: () =>
      new Promise((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.stdin?.end();
      }),
  };
}
