import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type PamPrompt } from '../../src/client/index.ts';
import { announceSkip } from '../helpers/prereqs.ts';
import { createPamFixture, pamWrapperPrerequisite, type PamFixture } from '../helpers/pam-fixture.ts';
import { directorResource, startTestDirector, waitFor, type TestDirector } from '../helpers/director.ts';

const prereq = pamWrapperPrerequisite();

describe.skipIf(announceSkip(prereq))('expired password (PAM_NEW_AUTHTOK_REQD)', () => {
  let fx: PamFixture;
  let director: TestDirector;
  beforeAll(async () => {
    fx = createPamFixture();
    director = await startTestDirector(`${directorResource(`PAM Service Name = ${fx.services.expired}`)}
Console { Name = pamconsole; Password = "consolepw"; Use Pam Authentication = yes }
User { Name = alice; Profile = all }
Profile { Name = all; Command ACL = *all* }
`, { pamEnv: fx.env });
  });
  afterAll(async () => {
    await director?.close();
    fx?.cleanup();
  });

  it('direct mode gets a clear "password change required" refusal', async () => {
    const error = await connect({ host: '127.0.0.1', port: director.port, name: 'pamconsole', password: 'consolepw', pam: { user: 'alice', password: 'alicepw' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    await waitFor(() => director.events().some((e) => e['result'] === 'ERR_PAM_PASSWORD_CHANGE_REQUIRED'), 5000, 'log');
  });

  it('interactive mode changes the password through the same conversation (pam_chauthtok), then logs in', async () => {
    const seen: PamPrompt[] = [];
    const client = await connect({
      host: '127.0.0.1',
      port: director.port,
      name: 'pamconsole',
      password: 'consolepw',
      pam: {
        prompt: (p) => {
          seen.push(p);
          if (p.echo) return 'alice';
          if (/old password/i.test(p.text)) return 'alicepw';
          if (/new password/i.test(p.text)) return 'brand-new-pw';
          return 'alicepw';
        },
      },
    });
    expect(await client.call('whoami')).toBe('alice\n');
    await client.close();
    expect(seen.map((p) => p.text.split('\n').pop())).toEqual(['login:', 'Password: ', 'Old password: ', 'New Password :', 'Verify New Password :']);
    expect(fx.read(fx.passdb['tsb-expired'])).toContain('alice:brand-new-pw:');
  });
});
