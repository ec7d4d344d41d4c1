import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createPamFixture } from '../helpers/pam-fixture.ts';
import { announceSkip, requireFiles } from '../helpers/prereqs.ts';
import { pamTestPrerequisite } from './setup.ts';

const prereq = pamTestPrerequisite();
const nodeLinuxPam = requireFiles('node-linux-pam (optional dependency, built)', [
  fileURLToPath(new URL('../../node_modules/node-linux-pam/build/Release/node-linux-pam.node', import.meta.url)),
]);
const runTs = fileURLToPath(new URL('../../bin/run-ts.js', import.meta.url));
const child = fileURLToPath(new URL('./fallback-child.ts', import.meta.url));

describe.skipIf(announceSkip(prereq) || announceSkip(nodeLinuxPam))('without the helper: the node-linux-pam fallback', () => {
  const fx = prereq.available ? createPamFixture() : undefined;
  afterAll(() => fx?.cleanup());

  function run(...args: string[]): Record<string, unknown> {
    const out = execFileSync(process.execPath, [runTs, child, ...args], {
      env: { ...process.env, ...fx!.env },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'], // pam_wrapper's stderr chatter stays out of the test log
      timeout: 20_000,
    });
    return JSON.parse(out) as Record<string, unknown>;
  }

  it('logs in a direct-mode user', () => {
    expect(run(fx!.services.matrix, 'alice', 'alicepw')).toEqual({ ok: true, user: 'alice', backend: 'fallback' });
  });

  it('refuses a wrong password with the PAM code', () => {
    expect(run(fx!.services.matrix, 'alice', 'nope')).toMatchObject({ ok: false, reason: 'auth_failed', pamCodeName: 'PAM_AUTH_ERR', backend: 'fallback' });
  });

  it('refuses interactive mode with helper_missing', () => {
    expect(run(fx!.services.matrix, 'alice', '', 'interactive')).toMatchObject({ ok: false, reason: 'helper_missing' });
  });
});
