/**
 * The `tsbareos director` command as an operator runs it: `-t` checks, `--defaults` first run,
 * SIGHUP reloads, SIGTERM drains and exits.
 */
import { execFile, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { waitFor } from '../helpers/director.ts';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'tsbareos.js');
const work = mkdtempSync(join(tmpdir(), 'tsb-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

describe('tsbareos director', () => {
  it('-t reports a good config and exits 0', async () => {
    const good = join(work, 'good.conf');
    writeFileSync(good, 'Director { Name = d; Password = "p" }\nConsole { Name = c; Password = "q"; Use Pam Authentication = yes }\n');
    const { code, stdout } = await run(['director', '-t', '-c', good]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/configuration OK: director d, .*1 Director, 1 Console/);
    expect(stdout).toMatch(/PAM/);
  });

  it('-t warns about a config file every user can read', async () => {
    const open = join(work, 'world-readable.conf');
    writeFileSync(open, 'Director { Name = d; Password = "p" }\n', { mode: 0o644 });
    chmodSync(open, 0o644);
    const { code, stdout } = await run(['director', '-t', '-c', open]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/world-readable\.conf is readable by every user \(mode 0644\)/);
    chmodSync(open, 0o640);
    expect((await run(['director', '-t', '-c', open])).stdout).not.toContain('readable by every user');
  });

  it('-t names file, line and column of an error and exits 1', async () => {
    const bad = join(work, 'bad.conf');
    writeFileSync(bad, 'Director {\n  Name = d\n  Password = "p"\n  Maximum Console Connections = lots\n}\n');
    const { code, stdout, stderr } = await run(['director', '-t', '-c', bad]);
    expect(code).toBe(1);
    expect(stdout + stderr).toMatch(/bad\.conf:4:\d+:/);
  });

  it('--defaults creates a private config on first run, serves it, reloads on SIGHUP and exits on SIGTERM', async () => {
    const dataDir = join(work, 'data');
    const port = await freePort();
    const child = spawn(process.execPath, [BIN, 'director', '--defaults', '--data-dir', dataDir, '--port', String(port), '--log-format', 'json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let log = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (log += c.toString()));
    try {
      await waitFor(() => log.includes('listener.ready'), 20_000, 'the director to listen');
      // A core dump would hold the passwords: the director sets its own core size limit to 0.
      const limits = readFileSync(`/proc/${child.pid}/limits`, 'utf8').split('\n').find((l) => l.startsWith('Max core file size'));
      expect(limits?.split(/\s{2,}/).slice(1, 3)).toEqual(['0', '0']);
      expect(out).toContain('First run: created');
      for (const file of ['director.password', 'admin.password', 'bconsole.conf', 'bareos-dir.d/director/bareos-dir.conf']) {
        expect(statSync(join(dataDir, file)).mode & 0o777).toBe(0o600);
      }
      const call = await run(['call', '-f', join(dataDir, 'bconsole.conf'), '-c', 'whoami', '-c', 'list jobs limit=2']);
      expect(call.stderr).toBe('');
      expect(call.stdout).toContain('admin\n');
      expect(call.stdout).toMatch(/\| jobid \|/);
      child.kill('SIGHUP');
      await waitFor(() => log.includes('config.reloaded'), 10_000, 'the reload');
      child.kill('SIGTERM');
      const code = await new Promise<number | null>((r) => child.once('exit', r));
      expect(code).toBe(0);
      expect(log).toContain('director.stopping');
      // Passwords are printed once on first run (stdout), never logged.
      expect(log).not.toContain(readFileSync(join(dataDir, 'director.password'), 'utf8').trim());
    } finally {
      child.kill('SIGKILL');
    }
  });
});
