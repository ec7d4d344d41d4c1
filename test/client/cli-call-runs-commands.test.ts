import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMiniDirector, type MiniDirector } from '../helpers/mini-director.ts';
import { runCli } from './run-cli.ts';

describe('tsbareos call', () => {
  let director: MiniDirector;
  let dir: string;
  let passwordFile: string;
  beforeAll(async () => {
    director = await startMiniDirector({ consoles: { admin: { password: 'adminpw' }, webui: { password: 'webpw', pam: true } }, pamUsers: { user1: 'user1pw' } });
    dir = mkdtempSync(join(tmpdir(), 'tsbareos-cli-'));
    passwordFile = join(dir, 'password');
    writeFileSync(passwordFile, `${director.password}\n`);
  });
  afterAll(async () => {
    await director.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const base = (): string[] => ['call', '--host', director.host, '--port', String(director.port), '--password-file', passwordFile];

  it('runs -c commands and prints their output', async () => {
    const run = await runCli([...base(), '-c', 'version', '-c', 'lines 2']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toBe('mini-dir Version: 26.0.0 (23 November 2026) x86_64-pc-linux-gnu\nline 0\nline 1\n');
  });

  it('reads commands from stdin when there is no -c', async () => {
    const run = await runCli(base(), 'lines 1\n\nversion\n');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('line 0\nmini-dir Version: 26.0.0 (23 November 2026) x86_64-pc-linux-gnu\n');
  });

  it('prints api 2 results with --json and fails with exit 1 on an error envelope', async () => {
    const ok = await runCli([...base(), '--json', '-c', 'version']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toEqual({ version: { name: 'mini-dir', version: '26.0.0' } });
    const bad = await runCli([...base(), '--json', '-c', 'fail']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('tsbareos call: the director reported "fail" as failed: ON or OFF keyword missing.\n');
  });

  it('exits 1 with a plain message on a wrong password', async () => {
    const wrong = join(dir, 'wrong');
    writeFileSync(wrong, 'nope\n');
    const run = await runCli(['call', '--host', director.host, '--port', String(director.port), '--name', 'admin', '--password-file', wrong, '-c', 'version']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^tsbareos call: TLS-PSK handshake failed: the director does not know console 'admin' or the password differs/);
  });

  it('logs in with PAM direct and interactive', async () => {
    const web = join(dir, 'web');
    const pamPw = join(dir, 'pam');
    writeFileSync(web, 'webpw\n');
    writeFileSync(pamPw, 'user1pw\n');
    const common = ['call', '--host', director.host, '--port', String(director.port), '--name', 'webui', '--password-file', web];
    const direct = await runCli([...common, '--pam-user', 'user1', '--pam-password-file', pamPw, '-c', 'version']);
    expect(direct).toMatchObject({ code: 0, stderr: '' });
    const interactive = await runCli([...common, '--pam-interactive', '-c', 'version'], 'user1\nuser1pw\n');
    expect(interactive.code).toBe(0);
    expect(interactive.stderr).toBe('login:Password: ');
  });

  it('takes everything from a bconsole.conf with -f', async () => {
    const conf = join(dir, 'bconsole.conf');
    writeFileSync(conf, `Director {\n  Name = mini-dir\n  Address = ${director.host}\n  DirPort = ${director.port}\n  Password = "unused"\n}\nConsole {\n  Name = admin\n  Password = "adminpw"\n  Director = mini-dir\n}\n`);
    const run = await runCli(['call', '-f', conf, '-c', 'version']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain('mini-dir Version');
  });
});
