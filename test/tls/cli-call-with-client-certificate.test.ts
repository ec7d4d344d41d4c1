/** `tsbareos call --tls cert --ca-file --cert-file --key-file` against the real director, as a user runs it. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../client/run-cli.ts';
import { startTestDirector, type TestDirector } from '../helpers/director.ts';
import { makeTlsFixture, verifyingDirector, type TlsFixture } from './fixture.ts';

describe('tsbareos call with a client certificate', () => {
  let fx: TlsFixture;
  let director: TestDirector;
  let passwordFile: string;
  beforeAll(async () => {
    fx = await makeTlsFixture();
    director = await startTestDirector(verifyingDirector(fx));
    passwordFile = join(fx.dir, 'admin.pw');
    writeFileSync(passwordFile, 'adminpw\n', { mode: 0o600 });
  });
  afterAll(async () => {
    await director?.close();
    await fx?.cleanup();
  });

  const call = (cert: { certFile: string; keyFile: string }) =>
    runCli(['call', '--host', '127.0.0.1', '--port', String(director.port), '--name', 'admin', '--password-file', passwordFile, '--tls', 'cert', '--ca-file', fx.caFile, '--cert-file', cert.certFile, '--key-file', cert.keyFile, '--allowed-cn', 'test-dir', '-c', 'whoami']);

  it('logs in with an accepted certificate and runs the command', async () => {
    const run = await call(fx.admin);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('admin\n');
    expect(run.code).toBe(0);
  });

  it('exits 1 with a readable reason for a revoked certificate', async () => {
    const run = await call(fx.revoked);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^tsbareos call: the director refused the connection after the Hello \(BNET_TERMINATE\): it did not accept our client certificate/);
  });
});
