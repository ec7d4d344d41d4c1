import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PamAuthenticator } from '../../src/auth/pam/index.ts';
import { createPamFixture } from '../helpers/pam-fixture.ts';
import { PAM_MATRIX, announceSkip } from '../helpers/prereqs.ts';
import { pamTestPrerequisite, scriptedConversation } from './setup.ts';

const prereq = pamTestPrerequisite();

describe.skipIf(announceSkip(prereq))("a module text beyond Linux-PAM's 512-byte message limit", () => {
  const fx = prereq.available ? createPamFixture() : undefined;
  afterAll(() => fx?.cleanup());

  it('is refused by the helper as a conversation error, never forwarded', async () => {
    // An extra stack written next to the fixture's: pam_echo with a 600-byte banner.
    const banner = join(fx!.dir, 'long-banner');
    writeFileSync(banner, 'x'.repeat(600));
    writeFileSync(
      join(fx!.env.PAM_WRAPPER_SERVICE_DIR, 'tsb-long-banner'),
      [
        'auth     required   pam_permit.so',
        `auth     required   /usr/lib/x86_64-linux-gnu/security/pam_echo.so file=${banner}`,
        `auth     required   ${PAM_MATRIX} passdb=${fx!.passdb['tsb-matrix']}`,
        `account  required   ${PAM_MATRIX} passdb=${fx!.passdb['tsb-matrix']}`,
        '',
      ].join('\n'),
    );
    const pam = new PamAuthenticator({ service: 'tsb-long-banner', env: fx!.env, timeoutMs: 10_000, maxConcurrent: 4 });
    const client = scriptedConversation(['alice', 'alicepw']);
    const result = await pam.authenticate({ mode: 'interactive', rhost: '127.0.0.1', conversation: client.conversation });
    expect(result).toMatchObject({ ok: false, reason: 'conversation_error', stage: 'conversation' });
    expect(client.rounds.every((r) => !r.text.includes('xxxx'))).toBe(true);
  });
});
