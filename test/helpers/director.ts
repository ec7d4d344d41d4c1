/**
 * Start a real director for a test: config text written to a temp dir, listening on 127.0.0.1:0,
 * logging into memory so tests can assert on log lines.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryLogger } from '../../director/log.ts';
import type { PamService } from '../../director/login/pam.ts';
import { startDirector, type RunningDirector } from '../../director/start.ts';

export interface TestDirector extends RunningDirector {
  readonly dir: string;
  readonly configPath: string;
  readonly logs: string[];
  /** Log lines parsed as JSON objects. */
  events(): Array<Record<string, unknown>>;
  close(): Promise<void>;
}

export const DIRECTOR_PASSWORD = 'dirsecret';

/** A Director resource with test-friendly timings; `extra` is appended inside it. */
export function directorResource(extra = ''): string {
  return `Director {
  Name = test-dir
  Password = "${DIRECTOR_PASSWORD}"
  DirPort = 9101
  Auth Failure Delay = 0
  Handshake Timeout = 5
  ${extra}
}
`;
}

export interface TestDirectorOptions {
  readonly pam?: PamService;
  readonly pamEnv?: Record<string, string>;
}

export async function startTestDirector(configText: string, options: TestDirectorOptions = {}): Promise<TestDirector> {
  const dir = mkdtempSync(join(tmpdir(), 'tsb-dir-'));
  const configPath = join(dir, 'bareos-dir.conf');
  writeFileSync(configPath, configText);
  const logger = memoryLogger();
  const running = await startDirector({
    configPath,
    host: '127.0.0.1',
    port: 0,
    logger,
    pam: options.pam,
    dataDir: dir,
    settings: { pamEnv: options.pamEnv ?? {} },
  });
  return {
    ...running,
    dir,
    configPath,
    logs: logger.lines,
    events: () => logger.lines.map((l) => JSON.parse(l) as Record<string, unknown>),
    async close() {
      await running.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Wait until `predicate` holds, polling; throws after `timeoutMs`. */
export async function waitFor(predicate: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
