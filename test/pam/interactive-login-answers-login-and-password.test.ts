import { afterAll, describe, expect, it } from 'vitest';
import { PamAuthenticator } from '../../src/auth/pam/index.ts';
import { createPamFixture } from '../helpers/pam-fixture.ts';
import { announceSkip } from '../helpers/prereqs.ts';
import { pamTestPrerequisite, scriptedConversation } from './setup.ts';

const prereq = pamTestPrerequisite();

describe.skipIf(announceSkip(prereq))('interactive (4001) login', () => {
  const fx = prereq.available ? createPamFixture() : undefined;
  afterAll(() => fx?.cleanup());

  it('relays the login: prompt (echo on) and the Password: prompt (echo off)', async () => {
    const pam = new PamAuthenticator({ service: fx!.services.matrix, env: fx!.env, timeoutMs: 10_000, maxConcurrent: 4 });
    const client = scriptedConversation(['alice', 'alicepw']);
    const result = await pam.authenticate({ mode: 'interactive', rhost: '127.0.0.1', conversation: client.conversation });
    expect(client.rounds).toEqual([
      { kind: 'prompt', echo: true, text: 'login:' },
      { kind: 'prompt', echo: false, text: 'Password: ' },
    ]);
    expect(result).toEqual({ ok: true, user: 'alice', backend: 'helper' });
  });

  it('fails on a wrong password without a trailing notice', async () => {
    const pam = new PamAuthenticator({ service: fx!.services.matrix, env: fx!.env, timeoutMs: 10_000, maxConcurrent: 4 });
    const client = scriptedConversation(['alice', 'wrong']);
    const result = await pam.authenticate({ mode: 'interactive', rhost: '127.0.0.1', conversation: client.conversation });
    expect(result).toMatchObject({ ok: false, reason: 'auth_failed', stage: 'authenticate', pamCodeName: 'PAM_AUTH_ERR', user: 'alice' });
    expect(client.rounds).toHaveLength(2);
  });
});
