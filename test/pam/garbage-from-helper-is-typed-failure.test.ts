import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PamAuthenticator } from '../../src/auth/pam/index.ts';
import { fakeHelper, processExists, recordPamEvents } from './setup.ts';

// Fake helpers are plain Node scripts: they need no PAM at all, so these tests never skip.
const dir = mkdtempSync(join(tmpdir(), 'tsb-fake-helper-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs a login against a fake helper that writes `bytes` (a JS expression) then idles. */
async function loginAgainst(name: string, bytes: string): Promise<{ result: Awaited<ReturnType<PamAuthenticator['authenticate']>>; pid: number | undefined }> {
  const helperPath = fakeHelper(dir, name, `process.stdout.write(${bytes}); setInterval(() => {}, 1000);`);
  const events = recordPamEvents();
  const pam = new PamAuthenticator({ service: 'bareos', helperPath, timeoutMs: 5_000, maxConcurrent: 4 });
  const result = await pam.authenticate({ mode: 'interactive', rhost: '127.0.0.1', conversation: async () => 'x' });
  events.stop();
  return { result, pid: events.starts[0]?.pid };
}

describe('a helper that speaks garbage', () => {
  it('text instead of frames: helper_crashed with PAM_FRAME_TOO_LARGE, helper killed', async () => {
    const { result, pid } = await loginAgainst('text', `'HTTP/1.1 200 OK\\r\\n\\r\\n'`);
    expect(result).toMatchObject({ ok: false, reason: 'helper_crashed', stage: 'helper', errorCode: 'PAM_FRAME_TOO_LARGE' });
    expect(processExists(pid!)).toBe(false);
  });

  it('an unknown message type: PAM_PROTOCOL', async () => {
    const { result } = await loginAgainst('unknown-type', `Buffer.from([0, 0, 0, 1, 0x7f])`);
    expect(result).toMatchObject({ ok: false, reason: 'helper_crashed', errorCode: 'PAM_PROTOCOL' });
    expect(result.ok === false && result.message).toContain('unknown helper message type 0x7f');
  });

  it('a string field longer than its frame: PAM_PROTOCOL', async () => {
    const { result } = await loginAgainst('truncated', `Buffer.from([0, 0, 0, 4, 0x12, 0x01, 0x00, 0x41])`);
    expect(result).toMatchObject({ ok: false, reason: 'helper_crashed', errorCode: 'PAM_PROTOCOL' });
  });

  it('a second prompt before the first was answered: PAM_PROTOCOL', async () => {
    const prompt = `[0, 0, 0, 5, 0x11, 0x01, 0x00, 0x01, 0x3e]`;
    const helperPath = fakeHelper(dir, 'two-prompts', `process.stdout.write(Buffer.from([...${prompt}, ...${prompt}])); setInterval(() => {}, 1000);`);
    const pam = new PamAuthenticator({ service: 'bareos', helperPath, timeoutMs: 5_000, maxConcurrent: 4 });
    const result = await pam.authenticate({
      mode: 'interactive',
      rhost: '127.0.0.1',
      conversation: () => new Promise(() => undefined),
    });
    expect(result).toMatchObject({ ok: false, reason: 'helper_crashed', errorCode: 'PAM_PROTOCOL' });
    expect(result.ok === false && result.message).toContain('unexpected prompt while awaiting-client');
  });

  it('a prompt style bconsole does not know (PAM_BINARY_PROMPT): PAM_PROTOCOL', async () => {
    const { result } = await loginAgainst('binary-prompt', `Buffer.from([0, 0, 0, 4, 0x11, 0x07, 0x00, 0x00])`);
    expect(result).toMatchObject({ ok: false, reason: 'helper_crashed', errorCode: 'PAM_PROTOCOL' });
  });

  it('a missing helper program: helper_missing, for both modes', async () => {
    const pam = new PamAuthenticator({
      service: 'bareos', helperPath: join(dir, 'no-such-helper'), timeoutMs: 5_000, maxConcurrent: 4, fallback: false,
    });
    const interactive = await pam.authenticate({ mode: 'interactive', rhost: '127.0.0.1', conversation: async () => 'x' });
    const direct = await pam.authenticate({ mode: 'direct', user: 'alice', password: 'pw', rhost: '127.0.0.1' });
    expect(interactive).toMatchObject({ ok: false, reason: 'helper_missing' });
    expect(direct).toMatchObject({ ok: false, reason: 'helper_missing' });
  });
});
