import { afterAll, describe, expect, it } from 'vitest';
import { PamAuthenticator } from '../../src/auth/pam/index.ts';
import { createPamFixture } from '../helpers/pam-fixture.ts';
import { announceSkip } from '../helpers/prereqs.ts';
import { pamTestPrerequisite } from './setup.ts';

const prereq = pamTestPrerequisite();

describe.skipIf(announceSkip(prereq))('an expired password in direct mode', () => {
  const fx = prereq.available ? createPamFixture() : undefined;
  afterAll(() => fx?.cleanup());

  it('fails with password_change_required and leaves the passdb alone', async () => {
    const before = fx!.read(fx!.passdb['tsb-expired']);
    const pam = new PamAuthenticator({ service: fx!.services.expired, env: fx!.env, timeoutMs: 10_000, maxConcurrent: 4 });
    const result = await pam.authenticate({ mode: 'direct', user: 'alice', password: 'alicepw', rhost: '127.0.0.1' });
    expect(result).toMatchObject({
      ok: false, reason: 'password_change_required', stage: 'acct_mgmt', pamCode: 12, pamCodeName: 'PAM_NEW_AUTHTOK_REQD', user: 'alice',
    });
    expect(fx!.read(fx!.passdb['tsb-expired'])).toBe(before);
  });
});
