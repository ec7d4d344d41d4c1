import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsoleDirector, TSBAREOS, writeBconsoleConf, type ConsoleDirector } from './setup.ts';

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function runConsole(args: readonly string[], stdin: string, env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [TSBAREOS, 'console', ...args], { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe('console from a pipe (bconsole-like, no screen)', () => {
  let ctx: ConsoleDirector;
  beforeAll(async () => {
    ctx = await startConsoleDirector('');
  });
  afterAll(() => ctx?.close());

  it('prints the results of the piped commands and exits 0', async () => {
    const conf = writeBconsoleConf(ctx.dir, [{ name: 'test-dir', port: ctx.director.port }]);
    const run = await runConsole(['-c', conf], 'version\nlist jobs\n', ctx.env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^test-dir Version: /);
    expect(run.stdout).toMatch(/\| jobid \| name\s+\| client/);
    // No screen drawing: no escape sequences at all.
    expect(run.stdout).not.toContain('\x1b');
  });

  it('takes host, port and password file options instead of a config', async () => {
    const passwordFile = join(ctx.dir, 'pw');
    writeFileSync(passwordFile, 'dirsecret\n');
    const run = await runConsole(['--host', '127.0.0.1', '--port', String(ctx.director.port), '--password-file', passwordFile], 'whoami\n', ctx.env);
    expect(run.code).toBe(0);
    // Bareos answers whoami on the default console with root.
    expect(run.stdout.trim()).toBe('root');
  });

  it('exits 1 with the reason in plain words when the password is wrong', async () => {
    const conf = writeBconsoleConf(ctx.dir, [{ name: 'test-dir', port: ctx.director.port, password: 'wrong' }]);
    const run = await runConsole(['-c', conf], 'version\n', ctx.env);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^tsbareos console: TLS failed|^tsbareos console: Login refused/);
  });

  it('exits 1 when several directors are configured and none is chosen, and 0 with -D', async () => {
    const conf = writeBconsoleConf(ctx.dir, [
      { name: 'test-dir', port: ctx.director.port },
      { name: 'other-dir', port: 1 },
    ]);
    const refused = await runConsole(['-c', conf], 'version\n', ctx.env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('choose one with -D NAME');
    const chosen = await runConsole(['-c', conf, '-D', 'test-dir'], 'version\n', ctx.env);
    expect(chosen.code).toBe(0);
    expect(chosen.stdout).toContain('test-dir Version:');
  });

  it('exits 1 when nothing listens at the address', async () => {
    const conf = writeBconsoleConf(ctx.dir, [{ name: 'gone-dir', port: 1 }]);
    const run = await runConsole(['-c', conf], 'version\n', ctx.env);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Connection refused');
  });
});
