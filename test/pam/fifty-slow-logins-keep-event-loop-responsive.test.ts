import { afterAll, describe, expect, it } from 'vitest';
import { PamAuthenticator, type PamResult } from '../../src/auth/pam/index.ts';
import { createPamFixture } from '../helpers/pam-fixture.ts';
import { announceSkip } from '../helpers/prereqs.ts';
import { pamTestPrerequisite, scriptedConversation } from './setup.ts';

const prereq = pamTestPrerequisite();

describe.skipIf(announceSkip(prereq))('50 simultaneous logins through a slow stack (~0.5 s each)', () => {
  const fx = prereq.available ? createPamFixture() : undefined;
  afterAll(() => fx?.cleanup());

  it('all complete with the right outcome while the event loop keeps ticking', async () => {
    const pam = new PamAuthenticator({ service: fx!.services.slow, env: fx!.env, timeoutMs: 60_000, maxConcurrent: 64 });
    // The loop's health: a 20 ms ticker; the longest gap between ticks is the worst stall.
    let last = performance.now();
    let worstGap = 0;
    const ticker = setInterval(() => {
      const now = performance.now();
      worstGap = Math.max(worstGap, now - last);
      last = now;
    }, 20);
    const started = performance.now();
    const logins: Array<Promise<PamResult>> = [];
    for (let i = 0; i < 50; i++) {
      const wrong = i % 5 === 0; // some failures too: pam_faildelay makes those slow as well
      if (i % 2 === 0) {
        logins.push(pam.authenticate({ mode: 'direct', user: 'alice', password: wrong ? 'nope' : 'alicepw', rhost: `10.0.0.${i}` }));
      } else {
        const client = scriptedConversation(['alice', wrong ? 'nope' : 'alicepw']);
        logins.push(pam.authenticate({ mode: 'interactive', rhost: `10.0.1.${i}`, conversation: client.conversation }));
      }
    }
    expect(pam.activeCount).toBe(50);
    const results = await Promise.all(logins);
    const elapsed = performance.now() - started;
    clearInterval(ticker);

    results.forEach((result, i) => {
      if (i % 5 === 0) expect(result).toMatchObject({ ok: false, reason: 'auth_failed' });
      else expect(result).toEqual({ ok: true, user: 'alice', backend: 'helper' });
    });
    expect(pam.activeCount).toBe(0);
    // Not a timing target (those live in bench/): only "never blocked for seconds".
    expect(worstGap).toBeLessThan(2_000);
    console.info(`[pam] 50 slow logins in ${Math.round(elapsed)} ms, worst event-loop gap ${Math.round(worstGap)} ms`);
  });
});
