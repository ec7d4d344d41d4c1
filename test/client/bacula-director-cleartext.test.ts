import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthenticationError, connect } from '../../src/client/index.ts';
import { baculaPrerequisite, startBaculaDirector, type BaculaDirector } from '../helpers/bacula-director.ts';
import { announceSkip } from '../helpers/prereqs.ts';
import { runCli } from './run-cli.ts';

// Debian's Bacula 9.6 director speaks the cleartext dialect: no TLS first, `1000 OK: 103 <name> ...`.
const prereq = baculaPrerequisite();

describe.skipIf(announceSkip(prereq))('against a real Bacula 9.6 director (cleartext)', () => {
  let bacula: BaculaDirector;
  let dir: string;
  beforeAll(async () => {
    bacula = await startBaculaDirector();
    dir = mkdtempSync(join(tmpdir(), 'tsbareos-bacula-cli-'));
  });
  afterAll(async () => {
    await bacula?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('logs in as the default console and runs version', async () => {
    const client = await connect({ host: bacula.host, port: bacula.port, tls: 'off', password: bacula.directorPassword });
    expect(client.dialect).toBe('old');
    expect(client.directorName).toBe(bacula.directorName);
    expect(client.versionLine).toMatch(new RegExp(`^${bacula.directorName} Version: 9\\.6\\.\\d+ \\(`));
    expect(client.encryption).toBeUndefined();
    expect(await client.call('version')).toMatch(new RegExp(`^${bacula.directorName} Version: 9\\.6\\.\\d+`));
    await client.close();
  });

  it('logs in as a named console with an old-style Hello', async () => {
    const client = await connect({ host: bacula.host, port: bacula.port, tls: 'off', hello: 'old', name: bacula.consoleName, password: bacula.consolePassword });
    expect(client.loggedInAs).toBe(bacula.consoleName);
    expect(await client.call('status director')).toContain('Daemon started');
    await client.close();
  });

  it('reports a wrong password as AuthenticationError', async () => {
    const error = await connect({ host: bacula.host, port: bacula.port, tls: 'off', password: 'wrong' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as Error).message).toMatch(/refused the Director password .*1999 Authorization failed/);
  });

  it('works through `tsbareos call --tls off`', async () => {
    const passwordFile = join(dir, 'pw');
    writeFileSync(passwordFile, `${bacula.directorPassword}\n`);
    const run = await runCli(['call', '--host', bacula.host, '--port', String(bacula.port), '--tls', 'off', '--password-file', passwordFile, '-c', 'version']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^${bacula.directorName} Version: 9\\.6\\.\\d+`));
  });
});
