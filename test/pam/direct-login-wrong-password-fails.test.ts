import { afterAll, describe, expect, it } from 'vitest';
import { PamAuthenticator } from '../../src/auth/pam/index.ts';
import { createPamFixture } from '../helpers/pam-fixture.ts';
import { announceSkip } from '../helpers/prereqs.ts';
import { pamTestPrerequisite } from './setup.ts';

const prereq = pamTestPrerequisite();

describe.skipIf(announceSkip(prereq))('direct login with a wrong password', () => {
  const fx = prereq.available ? createPamFixture() : undefined;
  afterAll(() => fx?.cleanup());

  it('fails in pam_authenticate with PAM_AUTH_ERR', async () => {
    const pam = new PamAuthenticator({ service: fx!.services.matrix, env: fx!.env, timeoutMs: 10_000, maxConcurrent: 4 });
    const result = await pam.authenticate({ mode: 'direct', user: 'alice', password: 'not-her-password', rhost: '127.0.0.1' });
    expect(result).toMatchObject({ ok: false, reason: 'auth_failed', stage: 'authenticate', pamCode: 7, pamCodeName: 'PAM_AUTH_ERR' });
    expect(JSON.stringify(result)).not.toContain('not-her-password');
  });

  it('treats an unknown user the same way', async () => {
    const pam = new PamAuthenticator({ service: fx!.services.matrix, env: fx!.env, timeoutMs: 10_000, maxConcurrent: 4 });
    const result = await pam.authenticate({ mode: 'direct', user: 'mallory', password: 'x', rhost: '127.0.0.1' });
    expect(result).toMatchObject({ ok: false, reason: 'auth_failed', stage: 'authenticate' });
  });
});
