import { afterAll, describe, expect, it } from 'vitest';
import { PamAuthenticator } from '../../src/auth/pam/index.ts';
import { createPamFixture } from '../helpers/pam-fixture.ts';
import { announceSkip } from '../helpers/prereqs.ts';
import { pamTestPrerequisite, processExists, recordPamEvents, scriptedConversation } from './setup.ts';

const prereq = pamTestPrerequisite();

describe.skipIf(announceSkip(prereq))('cancelling a login', () => {
  const fx = prereq.available ? createPamFixture() : undefined;
  afterAll(() => fx?.cleanup());

  it('ends the helper when the client goes away at the password prompt', async () => {
    const events = recordPamEvents();
    const pam = new PamAuthenticator({ service: fx!.services.matrix, env: fx!.env, timeoutMs: 10_000, maxConcurrent: 4 });
    const client = scriptedConversation(['alice', undefined]);
    const result = await pam.authenticate({ mode: 'interactive', rhost: '127.0.0.1', conversation: client.conversation });
    events.stop();
    expect(result).toMatchObject({ ok: false, reason: 'cancelled', stage: 'conversation' });
    expect(client.rounds).toHaveLength(2);
    expect(processExists(events.starts[0]!.pid!)).toBe(false);
    expect(pam.activeCount).toBe(0);
  });

  it('ends the helper when the caller aborts while PAM is busy in a module', async () => {
    const events = recordPamEvents();
    const pam = new PamAuthenticator({
      service: fx!.services.slow, env: fx!.env, timeoutMs: 10_000, maxConcurrent: 4, cancelGraceMs: 100,
    });
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 100);
    const started = Date.now();
    const result = await pam.authenticate({ mode: 'direct', user: 'alice', password: 'alicepw', rhost: '127.0.0.1', signal: abort.signal });
    events.stop();
    expect(result).toMatchObject({ ok: false, reason: 'cancelled' });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(processExists(events.starts[0]!.pid!)).toBe(false);
  });

  it('does not start at all with an already aborted signal', async () => {
    const pam = new PamAuthenticator({ service: fx!.services.matrix, env: fx!.env, timeoutMs: 10_000, maxConcurrent: 4 });
    const result = await pam.authenticate({
      mode: 'direct', user: 'alice', password: 'alicepw', rhost: '127.0.0.1', signal: AbortSignal.abort(),
    });
    expect(result).toMatchObject({ ok: false, reason: 'cancelled', stage: 'start' });
  });
});
