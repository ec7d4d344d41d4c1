/**
 * A real Bacula 9.6 director (Debian's bacula-director + bacula-director-sqlite3) for tests and
 * benchmarks: config from test/fixtures/bacula/, a fresh SQLite catalog in a temp dir, listening on
 * 127.0.0.1 only, started in the foreground and stopped with SIGTERM. No service is involved.
 *
 *   const prereq = baculaPrerequisite();
 *   describe.skipIf(announceSkip(prereq))('...', () => { const dir = await startBaculaDirector(); ... });
 */
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BACULA_DIR, requireFiles, type Prerequisite } from './prereqs.ts';

/** Debian's SQLite schema script; its here-document is the schema the director version-checks. */
export const BACULA_SQLITE_TABLES = '/usr/share/bacula-director/make_sqlite3_tables';
export const BACULA_QUERY_FILE = '/etc/bacula/scripts/query.sql';
const TEMPLATE = fileURLToPath(new URL('../fixtures/bacula/bacula-dir.conf.template', import.meta.url));

export function baculaPrerequisite(): Prerequisite {
  return requireFiles('Bacula director (bacula-director, bacula-director-sqlite3)', [BACULA_DIR, BACULA_SQLITE_TABLES, BACULA_QUERY_FILE]);
}

export interface BaculaDirectorOptions {
  readonly directorName?: string;
  readonly directorPassword?: string;
  readonly consoleName?: string;
  readonly consolePassword?: string;
  /** How long to wait for the port to accept connections; default 15 s. */
  readonly startTimeoutMs?: number;
}

export interface BaculaDirector {
  readonly host: string;
  readonly port: number;
  readonly directorName: string;
  readonly directorPassword: string;
  readonly consoleName: string;
  readonly consolePassword: string;
  readonly workDir: string;
  /** Path of the director config in use. */
  readonly configFile: string;
  /** Everything the daemon wrote to stdout/stderr so far (for failure messages). */
  output(): string;
  stop(): Promise<void>;
}

export async function startBaculaDirector(options: BaculaDirectorOptions = {}): Promise<BaculaDirector> {
  const workDir = mkdtempSync(join(tmpdir(), 'tsbareos-bacula-'));
  const settings = {
    directorName: options.directorName ?? 'tsbareos-bacula-dir',
    directorPassword: options.directorPassword ?? 'bacula-director-secret',
    consoleName: options.consoleName ?? 'operator',
    consolePassword: options.consolePassword ?? 'bacula-console-secret',
  };
  createCatalog(join(workDir, 'bacula.db'));
  let lastError: unknown;
  // The free port is found by binding port 0 and closing it: another process may take it meanwhile.
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const configFile = join(workDir, 'bacula-dir.conf');
    writeFileSync(configFile, renderConfig({ ...settings, port, workDir }));
    const child = spawn(BACULA_DIR, ['-f', '-c', configFile], { cwd: workDir, stdio: ['ignore', 'pipe', 'pipe'] });
    const output: string[] = [];
    child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    try {
      await waitForPort(child, port, options.startTimeoutMs ?? 15_000, () => output.join(''));
      return {
        host: '127.0.0.1',
        port,
        ...settings,
        workDir,
        configFile,
        output: () => output.join(''),
        stop: async () => {
          await stopChild(child);
          rmSync(workDir, { recursive: true, force: true });
        },
      };
    } catch (error) {
      lastError = error;
      await stopChild(child);
    }
  }
  rmSync(workDir, { recursive: true, force: true });
  throw lastError instanceof Error ? lastError : new Error(String(lastError));
}

interface RenderSettings {
  readonly directorName: string;
  readonly directorPassword: string;
  readonly consoleName: string;
  readonly consolePassword: string;
  readonly port: number;
  readonly workDir: string;
}

export function renderConfig(settings: RenderSettings): string {
  const values: Record<string, string> = {
    DIRECTOR_NAME: settings.directorName,
    DIRECTOR_PASSWORD: settings.directorPassword,
    CONSOLE_NAME: settings.consoleName,
    CONSOLE_PASSWORD: settings.consolePassword,
    PORT: String(settings.port),
    WORKDIR: settings.workDir,
  };
  return readFileSync(TEMPLATE, 'utf8').replace(/@([A-Z_]+)@/g, (whole, key: string) => values[key] ?? whole);
}

/** Runs the schema from Debian's script through better-sqlite3, so no sqlite3 binary is needed. */
export function createCatalog(file: string): void {
  const script = readFileSync(BACULA_SQLITE_TABLES, 'utf8');
  const sql = /<<END-OF-DATA\n([\s\S]*?)\nEND-OF-DATA/.exec(script)?.[1];
  if (sql === undefined) throw new Error(`no schema here-document found in ${BACULA_SQLITE_TABLES}`);
  const db = new Database(file);
  try {
    db.exec(sql);
  } finally {
    db.close();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(child: ChildProcess, port: number, timeoutMs: number, output: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`bacula-dir exited with code ${child.exitCode}:\n${output()}`);
    if (await accepts(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`bacula-dir did not listen on 127.0.0.1:${port} within ${timeoutMs} ms:\n${output()}`);
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
