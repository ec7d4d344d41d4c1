/**
 * Short CI fuzz run (a few seconds): damaged cleartext, TLS-PSK, PAM 4001 and PAM 4002 logins
 * against an in-process director. Zero crashes, zero unhandled rejections, nothing leaked, one
 * log line per connection. `npm run fuzz` runs the same for minutes.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestDirector, type TestDirector } from '../helpers/director.ts';
import { activeHandles, loginLines, settledAfterFuzz, watchForCrashes, type CrashWatch } from './checks.ts';
import { KINDS, fakePam, fuzzConfig, planArb, replay } from './harness.ts';

describe('mutated login transcripts', () => {
  let director: TestDirector;
  let watch: CrashWatch;
  beforeAll(async () => {
    watch = watchForCrashes();
    director = await startTestDirector(fuzzConfig(), { pam: fakePam });
  });
  afterAll(async () => {
    watch.stop();
    await director.close();
  });

  it('every undamaged transcript logs in', async () => {
    for (const transcript of KINDS) {
      const outcome = await replay(director.port, { transcript, step: 99, mutation: { kind: 'drop' } });
      expect(outcome.loggedIn, transcript).toBe(true);
    }
  });

  it('survives damaged transcripts with no crash, no leak and one log line each', async () => {
    const baseline = activeHandles();
    const linesBefore = loginLines(director);
    let connections = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(planArb, { minLength: 8, maxLength: 8 }), async (plans) => {
        connections += plans.length;
        await Promise.all(plans.map((plan) => replay(director.port, plan)));
        return watch.problems.length === 0;
      }),
      { numRuns: 1000, interruptAfterTimeLimit: 4000 },
    );
    await settledAfterFuzz(director, baseline, connections, linesBefore);
    expect(watch.problems).toEqual([]);
    expect(connections).toBeGreaterThan(40);
  });
});
