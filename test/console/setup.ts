/**
 * Shared by the console tests (not a test file): a real director with a seeded SQLite catalog, a
 * bconsole.conf pointing at it, and a tmux driver for the end-to-end tests.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openCatalog } from '../../src/catalog/index.ts';
import { DIRECTOR_PASSWORD, directorResource, startTestDirector, type TestDirector, type TestDirectorOptions } from '../helpers/director.ts';
import { STRICT, fileExists, type Prerequisite } from '../helpers/prereqs.ts';

export const TSBAREOS = fileURLToPath(new URL('../../bin/tsbareos.js', import.meta.url));
export const TMUX = '/usr/bin/tmux';

export interface ConsoleDirector {
  readonly director: TestDirector;
  /** Temp dir for bconsole.conf, history (XDG_DATA_HOME) and the catalog. */
  readonly dir: string;
  readonly env: { readonly XDG_DATA_HOME: string; readonly HOME: string };
  close(): Promise<void>;
}

/** A director whose catalog holds `jobs` generated jobs; `extra` goes after its Director resource. */
export async function startConsoleDirector(extra: string, options: TestDirectorOptions & { directorExtra?: string; jobs?: number } = {}): Promise<ConsoleDirector> {
  const dir = mkdtempSync(join(tmpdir(), 'tsb-console-'));
  const dbName = join(dir, 'catalog.db');
  const catalog = await openCatalog({ driver: 'sqlite3', dbName, dataDir: dir });
  try {
    await catalog.init();
    await catalog.seed({ jobs: options.jobs ?? 12, clients: 3, seed: 7 });
  } finally {
    await catalog.close();
  }
  const director = await startTestDirector(
    `${directorResource(options.directorExtra ?? '')}
Catalog { Name = MyCatalog; DB Driver = sqlite3; DB Name = "${dbName}" }
Client { Name = web-01-fd; Address = 127.0.0.1; Password = x }
Client { Name = db-01-fd; Address = 127.0.0.1; Password = x }
${extra}`,
    options,
  );
  return {
    director,
    dir,
    env: { XDG_DATA_HOME: join(dir, 'xdg'), HOME: dir },
    async close() {
      await director.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface BconsoleDirectorEntry {
  readonly name: string;
  readonly port: number;
  readonly password?: string;
}

/** bconsole.conf with the given Director resources and optionally one Console. */
export function writeBconsoleConf(dir: string, directors: readonly BconsoleDirectorEntry[], console?: { name: string; password: string }): string {
  const file = join(dir, `bconsole-${Math.random().toString(36).slice(2)}.conf`);
  const text = directors
    .map((d) => `Director {\n  Name = ${d.name}\n  Address = 127.0.0.1\n  DirPort = ${d.port}\n  Password = "${d.password ?? DIRECTOR_PASSWORD}"\n}\n`)
    .join('\n');
  writeFileSync(file, console ? `${text}\nConsole {\n  Name = ${console.name}\n  Password = "${console.password}"\n}\n` : text);
  return file;
}

export function tmuxPrerequisite(): Prerequisite {
  if (fileExists(TMUX)) return { available: true, reason: '' };
  const reason = `tmux not installed (missing ${TMUX}); run .ci/run or install it`;
  if (STRICT) throw new Error(`prerequisite missing under TSBAREOS_CI=1: ${reason}`);
  return { available: false, reason };
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** One tmux server per test (its own socket), running `tsbareos console` in a 120x40 window. */
export class TmuxConsole {
  private readonly socket = `tsb-console-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

  constructor(args: readonly string[], env: Record<string, string>, size = { cols: 120, rows: 40 }) {
    const assignments = Object.entries({ ...env, LANG: 'C.UTF-8' }).map(([k, v]) => `${k}=${shellQuote(v)}`);
    const command = ['env', ...assignments, shellQuote(process.execPath), shellQuote(TSBAREOS), 'console', ...args.map(shellQuote)].join(' ');
    this.tmux('new-session', '-d', '-x', String(size.cols), '-y', String(size.rows), command);
    // Keep the pane after the program exits, so a crash stays visible in the capture.
    this.tmux('set-option', '-g', 'remain-on-exit', 'on');
    this.socketPath = this.tmux('display-message', '-p', '#{socket_path}').trim();
  }

  private readonly socketPath: string;

  private tmux(...args: string[]): string {
    return execFileSync(TMUX, ['-L', this.socket, '-f', '/dev/null', ...args], { encoding: 'utf8' });
  }

  capture(): string {
    return this.tmux('capture-pane', '-p');
  }

  /** send-keys: key names (`Enter`, `Tab`, `C-c`, `F1`) as tmux knows them. */
  keys(...keys: string[]): void {
    this.tmux('send-keys', ...keys);
  }

  /** Literal text, no key-name lookup. */
  type(text: string): void {
    this.tmux('send-keys', '-l', text);
  }

  resize(cols: number, rows: number): void {
    this.tmux('resize-window', '-x', String(cols), '-y', String(rows));
  }

  /** Polls capture-pane until `expected` shows; the last screen is in the error when it does not. */
  async waitFor(expected: string | RegExp, timeoutMs = 20_000): Promise<string> {
    const end = Date.now() + timeoutMs;
    let screen = '';
    while (Date.now() < end) {
      screen = this.capture();
      if (typeof expected === 'string' ? screen.includes(expected) : expected.test(screen)) return screen;
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    throw new Error(`timed out waiting for ${String(expected)} on screen:\n${screen}`);
  }

  /** Polls until the console process has ended (tmux 3.3 does not always report the status). */
  async waitForExit(timeoutMs = 20_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
      if (this.tmux('display-message', '-p', '#{pane_dead}').trim() === '1') return;
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    throw new Error(`the console did not exit; screen:\n${this.capture()}`);
  }

  /** Ends the server and removes its socket file (tmux leaves it behind when killed). */
  kill(): void {
    spawnSync(TMUX, ['-L', this.socket, 'kill-server'], { stdio: 'ignore' });
    if (this.socketPath.includes(this.socket)) rmSync(this.socketPath, { force: true });
  }
}

/**
 * With TSBAREOS_CONSOLE_SCREENSHOTS=DIR, tests save named captures there (docs/console.md shows them).
 */
export function saveScreen(name: string, screen: string): void {
  const dir = process.env['TSBAREOS_CONSOLE_SCREENSHOTS'];
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.txt`), screen.replace(/\s+$/, '\n'));
}
