import { afterAll, describe, expect, it } from 'vitest';
import { PamAuthenticator } from '../../src/auth/pam/index.ts';
import { createPamFixture } from '../helpers/pam-fixture.ts';
import { announceSkip } from '../helpers/prereqs.ts';
import { pamTestPrerequisite } from './setup.ts';

const prereq = pamTestPrerequisite();

describe.skipIf(announceSkip(prereq))('direct mode against a two-factor stack', () => {
  const fx = prereq.available ? createPamFixture() : undefined;
  afterAll(() => fx?.cleanup());

  it("fails with extra_prompt and never types the password into the OTP prompt", async () => {
    // carol's password is her own valid HOTP code: had it reached pam_oath, the login would have
    // succeeded and pam_oath would have written her counter into the users file.
    const before = fx!.read(fx!.oathUsersFile);
    const pam = new PamAuthenticator({ service: fx!.services.twoFactor, env: fx!.env, timeoutMs: 10_000, maxConcurrent: 4 });
    const started = Date.now();
    const result = await pam.authenticate({ mode: 'direct', user: 'carol', password: fx!.carol.password, rhost: '127.0.0.1' });
    expect(result).toMatchObject({ ok: false, reason: 'extra_prompt', stage: 'conversation' });
    expect(result.ok === false && result.message).toContain('extra prompt in direct mode');
    expect(result.ok === false && result.message).toContain('One-time password');
    expect(fx!.read(fx!.oathUsersFile)).toBe(before);
    expect(Date.now() - started).toBeLessThan(5_000); // fails fast, no waiting for the timeout
  });

  it('the same code typed interactively is accepted, so the check above is meaningful', async () => {
    const pam = new PamAuthenticator({ service: fx!.services.twoFactor, env: fx!.env, timeoutMs: 10_000, maxConcurrent: 4 });
    const answers = ['carol', fx!.carol.password, fx!.hotp(0, 'carol')];
    const result = await pam.authenticate({
      mode: 'interactive',
      rhost: '127.0.0.1',
      conversation: async (round) => (round.kind === 'prompt' ? answers.shift() : ''),
    });
    expect(result).toEqual({ ok: true, user: 'carol', backend: 'helper' });
    expect(fx!.read(fx!.oathUsersFile)).toMatch(/^HOTP\s+carol\s+-\s+\S+\s+0\s/m);
  });
});
