import { afterAll, describe, expect, it } from 'vitest';
import { PamAuthenticator } from '../../src/auth/pam/index.ts';
import { createPamFixture } from '../helpers/pam-fixture.ts';
import { announceSkip } from '../helpers/prereqs.ts';
import { pamTestPrerequisite, scriptedConversation } from './setup.ts';

const prereq = pamTestPrerequisite();

describe.skipIf(announceSkip(prereq))('an expired password in interactive mode', () => {
  const fx = prereq.available ? createPamFixture() : undefined;
  afterAll(() => fx?.cleanup());

  it('is changed through pam_chauthtok in the same conversation, and pam_matrix rewrites its passdb', async () => {
    const pam = new PamAuthenticator({ service: fx!.services.expired, env: fx!.env, timeoutMs: 10_000, maxConcurrent: 4 });
    const client = scriptedConversation(['alice', 'alicepw', 'alicepw', 'n3w-secret', 'n3w-secret']);
    const result = await pam.authenticate({ mode: 'interactive', rhost: '127.0.0.1', conversation: client.conversation });
    expect(result).toEqual({ ok: true, user: 'alice', backend: 'helper' });
    expect(client.rounds.map((r) => r.text.split('\n').at(-1))).toEqual([
      'login:', 'Password: ', 'Old password: ', 'New Password :', 'Verify New Password :',
    ]);
    expect(fx!.read(fx!.passdb['tsb-expired'])).toContain('alice:n3w-secret:tsb-expired');
  });

  it('fails with password_change_failed when the new passwords do not match', async () => {
    const pam = new PamAuthenticator({ service: fx!.services.expired, env: fx!.env, timeoutMs: 10_000, maxConcurrent: 4 });
    // Three tries, each mismatched; the conversation then runs out of answers only if more are asked.
    const tries = ['n3w-secret', 'a', 'b'];
    const client = scriptedConversation(['alice', 'n3w-secret', ...tries, ...tries, ...tries]);
    const result = await pam.authenticate({ mode: 'interactive', rhost: '127.0.0.1', conversation: client.conversation });
    expect(result).toMatchObject({ ok: false, reason: 'password_change_failed', stage: 'chauthtok' });
    // Each retry starts with the module's complaint folded into the next prompt; the last
    // complaint has no prompt after it and arrives as a notice round.
    expect(client.rounds.filter((r) => r.text.startsWith('Passwords do not match\nOld password: '))).toHaveLength(2);
    expect(client.rounds.at(-1)).toEqual({ kind: 'notice', text: 'Passwords do not match' });
    expect(fx!.read(fx!.passdb['tsb-expired'])).toContain('alice:n3w-secret:tsb-expired');
  });

  it('can be refused by configuration: allowPasswordChange false reports password_change_required', async () => {
    const pam = new PamAuthenticator({
      service: fx!.services.expired, env: fx!.env, timeoutMs: 10_000, maxConcurrent: 4, allowPasswordChange: false,
    });
    const client = scriptedConversation(['alice', 'n3w-secret']);
    const result = await pam.authenticate({ mode: 'interactive', rhost: '127.0.0.1', conversation: client.conversation });
    expect(result).toMatchObject({ ok: false, reason: 'password_change_required', stage: 'acct_mgmt', pamCodeName: 'PAM_NEW_AUTHTOK_REQD' });
    // pam_debug's "acct=new_authtok_reqd" text had no prompt after it: it arrives as a notice round.
    expect(client.rounds.at(-1)).toEqual({ kind: 'notice', text: 'acct=new_authtok_reqd' });
  });
});
