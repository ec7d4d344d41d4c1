import { afterAll, describe, expect, it } from 'vitest';
import { PamAuthenticator } from '../../src/auth/pam/index.ts';
import { createPamFixture } from '../helpers/pam-fixture.ts';
import { announceSkip } from '../helpers/prereqs.ts';
import { pamTestPrerequisite, processExists, recordPamEvents } from './setup.ts';

const prereq = pamTestPrerequisite();

describe.skipIf(announceSkip(prereq))('the per-login timeout', () => {
  const fx = prereq.available ? createPamFixture() : undefined;
  afterAll(() => fx?.cleanup());

  it('kills a helper stuck inside a slow module and leaves no process behind', async () => {
    const events = recordPamEvents();
    const pam = new PamAuthenticator({ service: fx!.services.slow, env: fx!.env, timeoutMs: 150, maxConcurrent: 4 });
    const result = await pam.authenticate({ mode: 'direct', user: 'alice', password: 'alicepw', rhost: '127.0.0.1' });
    events.stop();
    expect(result).toMatchObject({ ok: false, reason: 'timeout', stage: 'helper' });
    const pid = events.starts[0]?.pid;
    expect(pid).toBeTypeOf('number');
    expect(processExists(pid!)).toBe(false);
    expect(pam.activeCount).toBe(0);
  });

  it('kills a helper whose client never answers, and aborts the pending round', async () => {
    const events = recordPamEvents();
    const pam = new PamAuthenticator({ service: fx!.services.matrix, env: fx!.env, timeoutMs: 300, maxConcurrent: 4 });
    let roundSignal: AbortSignal | undefined;
    const result = await pam.authenticate({
      mode: 'interactive',
      rhost: '127.0.0.1',
      conversation: (_round, signal) => {
        roundSignal = signal;
        return new Promise<string | undefined>(() => undefined); // a client that went silent
      },
    });
    events.stop();
    expect(result).toMatchObject({ ok: false, reason: 'timeout', stage: 'conversation' });
    expect(roundSignal?.aborted).toBe(true);
    expect(processExists(events.starts[0]!.pid!)).toBe(false);
  });
});
