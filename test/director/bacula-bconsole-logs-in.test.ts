/**
 * A real peer: Debian's Bacula 9.6 bconsole speaks the cleartext Hello + CRAM-MD5 dialect (no
 * version in its Hello, so it gets the pre-18.2 behaviour) and must log in and run commands.
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BCONSOLE, announceSkip, requireFiles } from '../helpers/prereqs.ts';
import { DIRECTOR_PASSWORD, directorResource, startTestDirector, waitFor, type TestDirector } from '../helpers/director.ts';

const prereq = requireFiles('bacula-console (bconsole 9.6)', [BCONSOLE]);

function bconsole(confPath: string, input: string): Promise<{ stdout: string; code: number }> {
  return new Promise((resolve) => {
    const child = execFile(BCONSOLE, ['-n', '-c', confPath], { timeout: 20_000 }, (error, stdout) => {
      resolve({ stdout, code: error ? ((error as { code?: number }).code ?? 1) : 0 });
    });
    child.stdin?.end(input);
  });
}

describe.skipIf(announceSkip(prereq))('Bacula 9.6 bconsole against our director', () => {
  let director: TestDirector;
  let conf: string;
  beforeAll(async () => {
    director = await startTestDirector(`${directorResource('TLS Enable = no')}
Console { Name = operator; Password = "operatorpw"; TLS Enable = no; Profile = ops }
Profile { Name = ops; Command ACL = version, whoami, .help; Job ACL = *all* }
`);
    conf = join(director.dir, 'bconsole.conf');
    writeFileSync(conf, `Director {\n  Name = test-dir\n  DIRport = ${director.port}\n  address = 127.0.0.1\n  Password = "${DIRECTOR_PASSWORD}"\n}\n`);
  });
  afterAll(() => director.close());

  it('logs in as the default console and runs version and status director', async () => {
    const { stdout, code } = await bconsole(conf, 'version\nstatus director\nquit\n');
    expect(code).toBe(0);
    expect(stdout).toContain('1000 OK: test-dir Version: 26.0.0');
    expect(stdout).toMatch(/test-dir Version: 26\.0\.0 \(.*\) .*tsbareos/);
    expect(stdout).toContain('Daemon started');
    expect(stdout).toContain('Console connected at');
    await waitFor(() => director.events().some((e) => e['event'] === 'login.ok' && e['console'] === '*UserAgent*'), 5000, 'login log');
  });

  it('logs in as a named console with its ACL applied', async () => {
    const named = join(director.dir, 'bconsole-named.conf');
    writeFileSync(
      named,
      `Director {\n  Name = test-dir\n  DIRport = ${director.port}\n  address = 127.0.0.1\n  Password = "unused"\n}\nConsole {\n  Name = operator\n  Password = "operatorpw"\n}\n`,
    );
    const { stdout } = await bconsole(named, 'whoami\nstatus director\nquit\n');
    expect(stdout).toContain('operator');
    expect(stdout).toContain('status: is an invalid command.');
  });

  it('is refused with a wrong password', async () => {
    const wrong = join(director.dir, 'bconsole-wrong.conf');
    writeFileSync(wrong, `Director {\n  Name = test-dir\n  DIRport = ${director.port}\n  address = 127.0.0.1\n  Password = "wrong"\n}\n`);
    const { stdout } = await bconsole(wrong, 'version\nquit\n');
    expect(stdout).not.toContain('1000 OK');
    await waitFor(() => director.events().some((e) => e['result'] === 'ERR_BAD_PASSWORD'), 5000, 'refusal log');
  });
});
