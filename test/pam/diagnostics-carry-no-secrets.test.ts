import { afterAll, describe, expect, it } from 'vitest';
import { PamAuthenticator } from '../../src/auth/pam/index.ts';
import { createPamFixture } from '../helpers/pam-fixture.ts';
import { announceSkip } from '../helpers/prereqs.ts';
import { pamTestPrerequisite, recordPamEvents, scriptedConversation } from './setup.ts';

const prereq = pamTestPrerequisite();

describe.skipIf(announceSkip(prereq))('diagnostics channels tsbareos:pam:start and tsbareos:pam:result', () => {
  const fx = prereq.available ? createPamFixture() : undefined;
  afterAll(() => fx?.cleanup());

  it('describe each login with pid, stage and PAM code, and never carry a password or answer', async () => {
    const events = recordPamEvents();
    const pam = new PamAuthenticator({ service: fx!.services.twoFactor, env: fx!.env, timeoutMs: 10_000, maxConcurrent: 4 });
    const code = fx!.hotp(1);
    await pam.authenticate({ mode: 'interactive', rhost: '198.51.100.4', conversation: scriptedConversation(['alice', 'alicepw', code]).conversation });
    await pam.authenticate({ mode: 'direct', user: 'alice', password: 'wrong-secret', rhost: '198.51.100.5' });
    events.stop();

    expect(events.starts).toHaveLength(2);
    expect(events.starts[0]).toMatchObject({ service: 'tsb-2fa', mode: 'interactive', backend: 'helper', rhost: '198.51.100.4' });
    expect(events.starts[0]!.pid).toBeTypeOf('number');
    expect(events.starts[1]).toMatchObject({ mode: 'direct', user: 'alice' });
    expect(events.results[0]).toMatchObject({ ok: true, user: 'alice' });
    expect(events.results[1]).toMatchObject({ ok: false, reason: 'auth_failed', stage: 'authenticate', pamCodeName: 'PAM_AUTH_ERR' });
    expect(events.results[1]!.id).toBe(events.starts[1]!.id);

    const all = JSON.stringify([events.starts, events.results]);
    for (const secret of ['alicepw', 'wrong-secret', code]) expect(all).not.toContain(secret);
  });
});
