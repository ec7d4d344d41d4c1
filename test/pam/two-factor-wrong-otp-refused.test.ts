import { afterAll, describe, expect, it } from 'vitest';
import { PamAuthenticator } from '../../src/auth/pam/index.ts';
import { createPamFixture } from '../helpers/pam-fixture.ts';
import { announceSkip } from '../helpers/prereqs.ts';
import { pamTestPrerequisite, scriptedConversation } from './setup.ts';

const prereq = pamTestPrerequisite();

describe.skipIf(announceSkip(prereq))('two-factor login with a wrong one-time password', () => {
  const fx = prereq.available ? createPamFixture() : undefined;
  afterAll(() => fx?.cleanup());

  it('is refused in pam_authenticate after the right password', async () => {
    const pam = new PamAuthenticator({ service: fx!.services.twoFactor, env: fx!.env, timeoutMs: 10_000, maxConcurrent: 4 });
    // A code far outside window=5 is as wrong as a random one, but certainly a valid-looking one.
    const client = scriptedConversation(['alice', 'alicepw', fx!.hotp(40)]);
    const result = await pam.authenticate({ mode: 'interactive', rhost: '127.0.0.1', conversation: client.conversation });
    expect(client.rounds).toHaveLength(3);
    expect(result).toMatchObject({ ok: false, reason: 'auth_failed', stage: 'authenticate' });
    expect(fx!.read(fx!.oathUsersFile)).toMatch(/^HOTP alice - [0-9a-f]+$/m); // counter not advanced
  });
});
