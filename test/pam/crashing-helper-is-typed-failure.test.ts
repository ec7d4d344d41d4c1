import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PamAuthenticator } from '../../src/auth/pam/index.ts';
import { fakeHelper } from './setup.ts';

const dir = mkdtempSync(join(tmpdir(), 'tsb-fake-helper-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a helper that crashes', () => {
  it('killed by a signal after a prompt was answered: helper_crashed, the promise resolves', async () => {
    // Sends "Password: " (echo off), waits for the answer, then dies as a segfaulting module would.
    const helperPath = fakeHelper(
      dir,
      'segv',
      `process.stdout.write(Buffer.from([0, 0, 0, 14, 0x11, 0x01, 0x00, 0x0a, ...Buffer.from('Password: ')]));
       let seen = 0;
       process.stdin.on('data', (c) => { seen += c.length; if (seen > 0) setTimeout(() => process.kill(process.pid, 'SIGSEGV'), 20); });`,
    );
    const pam = new PamAuthenticator({ service: 'bareos', helperPath, timeoutMs: 5_000, maxConcurrent: 4 });
    const rounds: string[] = [];
    const result = await pam.authenticate({
      mode: 'interactive',
      rhost: '127.0.0.1',
      conversation: async (round) => {
        rounds.push(round.text);
        return 'secret-answer';
      },
    });
    expect(rounds).toEqual(['Password: ']);
    expect(result).toMatchObject({ ok: false, reason: 'helper_crashed', stage: 'helper' });
    expect(result.ok === false && result.message).toContain('SIGSEGV');
    expect(JSON.stringify(result)).not.toContain('secret-answer');
    expect(pam.activeCount).toBe(0);
  });

  it('exiting in the middle of a frame: helper_crashed naming the partial message', async () => {
    const helperPath = fakeHelper(dir, 'half', `process.stdout.write(Buffer.from([0, 0, 0, 40, 0x12, 0x00]), () => process.exit(3));`);
    const pam = new PamAuthenticator({ service: 'bareos', helperPath, timeoutMs: 5_000, maxConcurrent: 4 });
    const result = await pam.authenticate({ mode: 'direct', user: 'alice', password: 'pw', rhost: '127.0.0.1' });
    expect(result).toMatchObject({ ok: false, reason: 'helper_crashed' });
    expect(result.ok === false && result.message).toMatch(/exited with status 3 in the middle of a message/);
  });
});
