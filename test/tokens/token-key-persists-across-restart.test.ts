/**
 * The signing key lives in the director's data directory (mode 0600), so a token issued before a
 * restart still logs its user in afterwards: what a web gateway needs to reconnect.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryLogger } from '../../director/log.ts';
import { TOKEN_KEY_FILE } from '../../director/login/tokens.ts';
import { startDirector, type RunningDirector } from '../../director/start.ts';
import { PamAuthenticator } from '../../src/auth/pam/index.ts';
import { connect } from '../../src/client/index.ts';
import { directorResource } from '../helpers/director.ts';
import { createPamFixture, type PamFixture } from '../helpers/pam-fixture.ts';
import { announceSkip } from '../helpers/prereqs.ts';
import { prerequisite } from './fixture.ts';

describe.skipIf(announceSkip(prerequisite))('the login token key across a director restart', () => {
  let dir: string;
  let fixture: PamFixture;
  let running: RunningDirector | undefined;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tsb-token-restart-'));
    fixture = createPamFixture();
    writeFileSync(join(dir, 'bareos-dir.conf'), `${directorResource()}
Console { Name = pamconsole; Password = "consolepw"; Use Pam Authentication = yes }
User { Name = alice }
`);
  });
  afterAll(async () => {
    await running?.stop();
    fixture?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  const start = (): Promise<RunningDirector> =>
    startDirector({
      configPath: join(dir, 'bareos-dir.conf'),
      host: '127.0.0.1',
      port: 0,
      logger: memoryLogger(),
      dataDir: dir,
      pam: new PamAuthenticator({ service: fixture.services.matrix, env: fixture.env, timeoutMs: 10_000, maxConcurrent: 2 }),
    });
  const login = (port: number, password: string) => connect({ host: '127.0.0.1', port, name: 'pamconsole', password: 'consolepw', pam: { user: 'alice', password } });

  it('keeps the key 0600 in the data directory and accepts an old token after the restart', async () => {
    running = await start();
    const client = await login(running.port, 'alicepw');
    const token = (await client.call('.logintoken')).trim();
    await client.close();
    await running.stop();
    expect(statSync(join(dir, TOKEN_KEY_FILE)).mode & 0o777).toBe(0o600);

    running = await start();
    const again = await login(running.port, token);
    expect(again.banner).toContain('You are logged in as: alice');
    await again.close();
  });
});
