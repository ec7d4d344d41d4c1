import { afterAll, describe, expect, it } from 'vitest';
import { PamAuthenticator, type PamResult } from '../../src/auth/pam/index.ts';
import { createPamFixture } from '../helpers/pam-fixture.ts';
import { announceSkip } from '../helpers/prereqs.ts';
import { pamTestPrerequisite } from './setup.ts';

const prereq = pamTestPrerequisite();

describe.skipIf(announceSkip(prereq))('the cap on concurrent PAM transactions', () => {
  const fx = prereq.available ? createPamFixture() : undefined;
  afterAll(() => fx?.cleanup());

  it('refuses a login past the cap at once with busy, and admits again once a slot frees', async () => {
    const pam = new PamAuthenticator({ service: fx!.services.matrix, env: fx!.env, timeoutMs: 10_000, maxConcurrent: 2 });
    const release: Array<() => void> = [];
    // Two clients sit at the login: prompt, holding both slots.
    const held: Array<Promise<PamResult>> = [0, 1].map(() =>
      pam.authenticate({
        mode: 'interactive',
        rhost: '127.0.0.1',
        conversation: (round) =>
          round.kind === 'prompt' && round.echo
            ? new Promise<string | undefined>((resolve) => release.push(() => resolve('alice')))
            : Promise.resolve('alicepw'),
      }),
    );
    while (release.length < 2) await new Promise((r) => setTimeout(r, 10));
    expect(pam.activeCount).toBe(2);

    const refused = await pam.authenticate({ mode: 'direct', user: 'alice', password: 'alicepw', rhost: '127.0.0.1' });
    expect(refused).toMatchObject({ ok: false, reason: 'busy', stage: 'start' });
    expect(refused.ok === false && refused.message).toContain('limit 2');

    for (const r of release) r();
    expect(await Promise.all(held)).toEqual([
      { ok: true, user: 'alice', backend: 'helper' },
      { ok: true, user: 'alice', backend: 'helper' },
    ]);
    const admitted = await pam.authenticate({ mode: 'direct', user: 'alice', password: 'alicepw', rhost: '127.0.0.1' });
    expect(admitted.ok).toBe(true);
  });
});
