import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/client/index.ts';
import { announceSkip } from '../helpers/prereqs.ts';
import { createPamFixture, pamWrapperPrerequisite, type PamFixture } from '../helpers/pam-fixture.ts';
import { DIRECTOR_PASSWORD, directorResource, startTestDirector, waitFor } from '../helpers/director.ts';

const prereq = pamWrapperPrerequisite();

const consoles = `
Console { Name = pamconsole; Password = "consolepw"; Use Pam Authentication = yes }
User { Name = alice; Profile = all }
Profile { Name = all; Command ACL = *all* }
`;

describe.skipIf(announceSkip(prereq))('PAM failure limits and broken helpers', () => {
  let fx: PamFixture;
  beforeAll(() => {
    fx = createPamFixture();
  });
  afterAll(() => fx?.cleanup());

  it('blocks a user after Login Failure Limit wrong passwords, even with the right one', async () => {
    const director = await startTestDirector(`${directorResource(`PAM Service Name = ${fx.services.matrix}\n  Login Failure Limit = 2`)}${consoles}`, { pamEnv: fx.env });
    try {
      const attempt = (password: string) => connect({ host: '127.0.0.1', port: director.port, name: 'pamconsole', password: 'consolepw', pam: { user: 'alice', password } });
      for (let i = 0; i < 2; i++) expect(await attempt('wrong').catch((e: unknown) => e)).toBeInstanceOf(Error);
      expect(await attempt('alicepw').catch((e: unknown) => e)).toBeInstanceOf(Error);
      await waitFor(() => director.events().some((e) => e['result'] === 'ERR_RATE_LIMITED'), 5000, 'rate limit log');
    } finally {
      await director.close();
    }
  });

  it('refuses the login when the PAM helper crashes or talks garbage, and keeps serving', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsb-badhelper-'));
    const crash = join(dir, 'crash.sh');
    writeFileSync(crash, '#!/bin/sh\nprintf "\\377\\377garbage from a broken helper"\nkill -SEGV $$\n');
    chmodSync(crash, 0o755);
    const director = await startTestDirector(`${directorResource(`PAM Service Name = ${fx.services.matrix}\n  PAM Helper = ${crash}`)}${consoles}`, { pamEnv: fx.env });
    try {
      const error = await connect({ host: '127.0.0.1', port: director.port, name: 'pamconsole', password: 'consolepw', pam: { user: 'alice', password: 'alicepw' } }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      await waitFor(() => director.events().some((e) => e['event'] === 'login.refused' && String(e['result']).startsWith('ERR_PAM_')), 5000, 'refusal');
      const admin = await connect({ host: '127.0.0.1', port: director.port, password: DIRECTOR_PASSWORD });
      expect(await admin.call('whoami')).toBe('root\n');
      await admin.close();
    } finally {
      await director.close();
    }
  });

  it('refuses PAM consoles with a clear reason when the helper is missing and the fallback cannot relay', async () => {
    const director = await startTestDirector(`${directorResource(`PAM Service Name = ${fx.services.matrix}\n  PAM Helper = /nonexistent/tsbareos-pam-helper`)}${consoles}`, { pamEnv: fx.env });
    try {
      const error = await connect({ host: '127.0.0.1', port: director.port, name: 'pamconsole', password: 'consolepw', pam: { prompt: () => 'alice' } }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      await waitFor(() => director.events().some((e) => e['result'] === 'ERR_PAM_HELPER_MISSING'), 5000, 'refusal');
    } finally {
      await director.close();
    }
  });
});
