/**
 * PAM through the real director, the real helper and real libpam (pam_wrapper): direct (4002) and
 * interactive (4001) logins, two-factor, and the refusals of reference §6 plus ours.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type PamPrompt } from '../../src/client/index.ts';
import { announceSkip } from '../helpers/prereqs.ts';
import { createPamFixture, pamWrapperPrerequisite, type PamFixture } from '../helpers/pam-fixture.ts';
import { directorResource, startTestDirector, waitFor, type TestDirector } from '../helpers/director.ts';

const prereq = pamWrapperPrerequisite();

function config(service: string): string {
  return `${directorResource(`PAM Service Name = ${service}`)}
Console { Name = pamconsole; Password = "consolepw"; Use Pam Authentication = yes }
Console { Name = plainpam; Password = "plainpw"; Use Pam Authentication = yes; TLS Enable = no }
User { Name = alice; Profile = reader }
User { Name = carol; Profile = reader }
Profile { Name = reader; Command ACL = version, whoami, .help, list, llist; Job ACL = *all* }
`;
}

describe.skipIf(announceSkip(prereq))('PAM logins through the director', () => {
  let fx: PamFixture;
  let matrix: TestDirector;
  let twoFactor: TestDirector;
  beforeAll(async () => {
    fx = createPamFixture();
    matrix = await startTestDirector(config(fx.services.matrix), { pamEnv: fx.env });
    twoFactor = await startTestDirector(config(fx.services.twoFactor), { pamEnv: fx.env });
  });
  afterAll(async () => {
    await matrix?.close();
    await twoFactor?.close();
    fx?.cleanup();
  });

  const open = (d: TestDirector, pam: Parameters<typeof connect>[0]['pam'], name = 'pamconsole', password = 'consolepw') =>
    connect({ host: '127.0.0.1', port: d.port, name, password, pam });

  it('direct mode (4002) logs alice in and applies her User profile', async () => {
    const client = await open(matrix, { user: 'alice', password: 'alicepw' });
    try {
      expect(client.banner).toContain('You are logged in as: alice');
      expect(await client.call('whoami')).toBe('alice\n');
      expect(await client.call('status director')).toBe('status: is an invalid command.\n');
    } finally {
      await client.close();
    }
    await waitFor(() => matrix.events().some((e) => e['event'] === 'login.ok' && e['pam_user'] === 'alice' && e['mode'] === 'pam-direct'), 5000, 'log');
  });

  it('refuses a wrong password with EOF and logs the PAM code', async () => {
    const error = await open(matrix, { user: 'alice', password: 'wrong' }).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(Error);
    await waitFor(() => matrix.events().some((e) => e['event'] === 'login.refused' && String(e['message']).includes('PAM_AUTH_ERR')), 5000, 'log');
    expect(matrix.logs.join('')).not.toContain('"wrong"');
  });

  it('refuses a user whose PAM account check fails', async () => {
    const error = await open(matrix, { user: 'bob', password: 'bobpw' }).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(Error);
    await waitFor(() => matrix.events().some((e) => e['event'] === 'login.refused' && e['pam_user'] === 'bob' && String(e['result']).startsWith('ERR_PAM_ACCOUNT')), 5000, 'log');
  });

  it('refuses a PAM user without a User resource', async () => {
    const noUsers = await startTestDirector(config(fx.services.matrix).replace('User { Name = alice; Profile = reader }', ''), { pamEnv: fx.env });
    try {
      const error = await open(noUsers, { user: 'alice', password: 'alicepw' }).catch((e: unknown) => e as Error);
      expect(error).toBeInstanceOf(Error);
      await waitFor(() => noUsers.events().some((e) => e['result'] === 'ERR_PAM_NO_USER_RESOURCE' && e['pam_user'] === 'alice'), 5000, 'log');
    } finally {
      await noUsers.close();
    }
  });

  it('interactive mode (4001) relays login: and Password: prompts', async () => {
    const seen: PamPrompt[] = [];
    const client = await open(matrix, {
      prompt: (p) => {
        seen.push(p);
        return p.echo ? 'alice' : 'alicepw';
      },
    });
    try {
      expect(await client.call('whoami')).toBe('alice\n');
    } finally {
      await client.close();
    }
    expect(seen.map((p) => p.echo)).toEqual([true, false]);
    expect(seen[1]?.text).toContain('Password');
  });

  it('interactive two-factor: user, password with the banner folded in, then the HOTP code', async () => {
    const seen: PamPrompt[] = [];
    const code = fx.hotp(0);
    const client = await open(twoFactor, {
      prompt: (p) => {
        seen.push(p);
        if (p.echo && /login/i.test(p.text)) return 'alice';
        if (/one-time password/i.test(p.text)) return code;
        if (!p.echo) return 'alicepw';
        return '';
      },
    });
    try {
      expect(await client.call('whoami')).toBe('alice\n');
    } finally {
      await client.close();
    }
    const texts = seen.map((p) => p.text).join('\n');
    expect(texts).toContain(fx.banner);
    expect(texts).toMatch(/One-time password/);
  });

  it('direct mode against the two-factor stack fails fast without giving the password to the OTP prompt', async () => {
    const error = await open(twoFactor, { user: 'carol', password: fx.carol.password }).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(Error);
    await waitFor(() => twoFactor.events().some((e) => e['event'] === 'login.refused' && e['result'] === 'ERR_PAM_EXTRA_PROMPT'), 5000, 'log');
    expect(fx.read(fx.oathUsersFile)).not.toMatch(/carol \S+ \d+ /);
  });

  it('refuses PAM over cleartext unless the console allows it', async () => {
    // Over TLS-PSK the same console is encrypted and PAM is fine.
    const overPsk = await open(matrix, { user: 'alice', password: 'alicepw' }, 'plainpam', 'plainpw');
    await overPsk.close();
    // In cleartext the client must be told to send credentials at all (bconsole's -o), and then
    // the director refuses: the console has no Allow Cleartext Pam = yes.
    const viaDirector = await connect({ host: '127.0.0.1', port: matrix.port, name: 'plainpam', password: 'plainpw', tls: 'off', allowPamWithoutTls: true, pam: { user: 'alice', password: 'alicepw' } }).catch((e: unknown) => e as Error);
    expect(viaDirector).toBeInstanceOf(Error);
    await waitFor(() => matrix.events().some((e) => e['result'] === 'ERR_PAM_CLEARTEXT'), 5000, 'log');
  });
});
