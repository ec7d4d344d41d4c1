import { afterAll, describe, expect, it } from 'vitest';
import { PamAuthenticator } from '../../src/auth/pam/index.ts';
import { createPamFixture } from '../helpers/pam-fixture.ts';
import { announceSkip } from '../helpers/prereqs.ts';
import { pamTestPrerequisite, scriptedConversation } from './setup.ts';

const prereq = pamTestPrerequisite();

describe.skipIf(announceSkip(prereq))('interactive two-factor login (pam_echo + pam_matrix + pam_oath)', () => {
  const fx = prereq.available ? createPamFixture() : undefined;
  afterAll(() => fx?.cleanup());

  it('asks user, password and HOTP code, with info texts folded into the following prompt', async () => {
    const pam = new PamAuthenticator({ service: fx!.services.twoFactor, env: fx!.env, timeoutMs: 10_000, maxConcurrent: 4 });
    const client = scriptedConversation(['alice', 'alicepw', fx!.hotp(0)]);
    const result = await pam.authenticate({ mode: 'interactive', rhost: '192.0.2.7', conversation: client.conversation });
    expect(client.rounds).toEqual([
      { kind: 'prompt', echo: true, text: 'login:' },
      { kind: 'prompt', echo: false, text: `${fx!.banner}\nPassword: ` },
      { kind: 'prompt', echo: false, text: "Authentication succeeded\nOne-time password (OATH) for `alice': " },
    ]);
    expect(result).toEqual({ ok: true, user: 'alice', backend: 'helper' });
    // pam_oath recorded the code as used.
    expect(fx!.read(fx!.oathUsersFile)).toMatch(/^HOTP\s+alice\s+-\s+\S+\s+0\s/m);
  });
});
