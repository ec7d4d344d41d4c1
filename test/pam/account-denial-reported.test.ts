import { afterAll, describe, expect, it } from 'vitest';
import { PamAuthenticator } from '../../src/auth/pam/index.ts';
import { createPamFixture } from '../helpers/pam-fixture.ts';
import { announceSkip } from '../helpers/prereqs.ts';
import { pamTestPrerequisite, scriptedConversation } from './setup.ts';

const prereq = pamTestPrerequisite();

describe.skipIf(announceSkip(prereq))('account management denies a user whose password is right', () => {
  const fx = prereq.available ? createPamFixture() : undefined;
  afterAll(() => fx?.cleanup());

  it('reports account_denied from pam_acct_mgmt (direct, tsb-deny-account)', async () => {
    const pam = new PamAuthenticator({ service: fx!.services.denyAccount, env: fx!.env, timeoutMs: 10_000, maxConcurrent: 4 });
    const result = await pam.authenticate({ mode: 'direct', user: 'alice', password: 'alicepw', rhost: '127.0.0.1' });
    expect(result).toMatchObject({ ok: false, reason: 'account_denied', stage: 'acct_mgmt', user: 'alice' });
    expect(result.ok === false && result.pamCode).not.toBe(0);
  });

  it('reports account_denied for bob on tsb-matrix (interactive)', async () => {
    const pam = new PamAuthenticator({ service: fx!.services.matrix, env: fx!.env, timeoutMs: 10_000, maxConcurrent: 4 });
    const client = scriptedConversation(['bob', 'bobpw']);
    const result = await pam.authenticate({ mode: 'interactive', rhost: '127.0.0.1', conversation: client.conversation });
    expect(result).toMatchObject({ ok: false, reason: 'account_denied', stage: 'acct_mgmt', user: 'bob' });
  });
});
