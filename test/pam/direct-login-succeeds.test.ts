import { afterAll, describe, expect, it } from 'vitest';
import { PamAuthenticator } from '../../src/auth/pam/index.ts';
import { createPamFixture } from '../helpers/pam-fixture.ts';
import { announceSkip } from '../helpers/prereqs.ts';
import { pamTestPrerequisite } from './setup.ts';

const prereq = pamTestPrerequisite();

describe.skipIf(announceSkip(prereq))('direct (4002) login through the helper', () => {
  const fx = prereq.available ? createPamFixture() : undefined;
  afterAll(() => fx?.cleanup());

  it('logs alice in with her password and reports PAM_USER', async () => {
    const pam = new PamAuthenticator({ service: fx!.services.matrix, env: fx!.env, timeoutMs: 10_000, maxConcurrent: 4 });
    const result = await pam.authenticate({ mode: 'direct', user: 'alice', password: 'alicepw', rhost: '127.0.0.1' });
    expect(result).toEqual({ ok: true, user: 'alice', backend: 'helper' });
    expect(pam.activeCount).toBe(0);
  });

  it('accepts the password as bytes too', async () => {
    const pam = new PamAuthenticator({ service: fx!.services.matrix, env: fx!.env, timeoutMs: 10_000, maxConcurrent: 4 });
    const password = Buffer.from('alicepw');
    const result = await pam.authenticate({ mode: 'direct', user: 'alice', password, rhost: '127.0.0.1' });
    expect(result.ok).toBe(true);
    expect(password.toString()).toBe('alicepw'); // the caller's buffer is the caller's
  });
});
