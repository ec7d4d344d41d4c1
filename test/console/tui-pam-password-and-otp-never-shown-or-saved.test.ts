/**
 * End to end in tmux: interactive PAM (4001) with the pam_wrapper two-factor stack (login, banner,
 * password, HOTP code), typed with send-keys. The password and the code must appear neither on the
 * screen nor in the history file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { announceSkip } from '../helpers/prereqs.ts';
import { createPamFixture, pamWrapperPrerequisite, type PamFixture } from '../helpers/pam-fixture.ts';
import { saveScreen, startConsoleDirector, tmuxPrerequisite, TmuxConsole, writeBconsoleConf, type ConsoleDirector } from './setup.ts';

const tmuxReady = tmuxPrerequisite();
const pamReady = pamWrapperPrerequisite();

const PAM_CONSOLES = `Console { Name = pamconsole; Password = "consolepw"; Use Pam Authentication = yes }
User { Name = alice; Profile = reader }
Profile { Name = reader; Command ACL = version, whoami, .help, .api, list, llist, .clients, .jobs; Job ACL = *all*; Client ACL = *all*; Catalog ACL = *all* }
`;

describe.skipIf(announceSkip(tmuxReady) || announceSkip(pamReady))('terminal console in tmux: PAM password + OTP', () => {
  let fx: PamFixture;
  let ctx: ConsoleDirector;
  let tmux: TmuxConsole | undefined;
  beforeAll(async () => {
    fx = createPamFixture();
    ctx = await startConsoleDirector(PAM_CONSOLES, { pamEnv: fx.env, directorExtra: `PAM Service Name = ${fx.services.twoFactor}` });
  });
  afterEach(() => tmux?.kill());
  afterAll(async () => {
    await ctx?.close();
    fx?.cleanup();
  });

  it('asks login, password (hidden, banner shown) and code as fields, then logs alice in', async () => {
    const conf = writeBconsoleConf(ctx.dir, [{ name: 'test-dir', port: ctx.director.port }], { name: 'pamconsole', password: 'consolepw' });
    tmux = new TmuxConsole(['-c', conf], ctx.env);
    const loginScreen = await tmux.waitFor('login:');
    expect(loginScreen).toContain('Director  test-dir  127.0.0.1:');
    expect(loginScreen).toContain('Console   console "pamconsole"');
    saveScreen('login', loginScreen);
    tmux.type('alice');
    tmux.keys('Enter');
    await tmux.waitFor('Password:');
    tmux.type(fx.users.alice.password);
    const passwordScreen = await tmux.waitFor('(what you type is not shown)');
    expect(passwordScreen).toContain(fx.banner);
    expect(passwordScreen).toContain('PAM login (step 2)');
    expect(passwordScreen).not.toContain(fx.users.alice.password);
    saveScreen('pam-password', passwordScreen);
    tmux.keys('Enter');
    await tmux.waitFor('One-time password (OATH)');
    const code = fx.hotp(0);
    tmux.type(code);
    const otpScreen = tmux.capture();
    expect(otpScreen).not.toContain(code);
    saveScreen('pam-otp', otpScreen);
    tmux.keys('Enter');
    const main = await tmux.waitFor('You are logged in as: alice');
    expect(main).toMatch(/ test-dir \| user alice \| TLSv1\.3 /);
    tmux.type('whoami');
    tmux.keys('Enter');
    await tmux.waitFor(/^alice\s*$/m);
    tmux.type('json list clients');
    tmux.keys('Enter');
    const table = await tmux.waitFor('| clientid | name');
    saveScreen('json-table', table);
    for (const screen of [main, table, tmux.capture()]) {
      expect(screen).not.toContain(fx.users.alice.password);
      expect(screen).not.toContain(code);
    }
    const history = join(ctx.env.XDG_DATA_HOME, 'tsbareos', 'history', 'test-dir.history');
    expect(existsSync(history)).toBe(true);
    const saved = readFileSync(history, 'utf8');
    expect(saved).toBe('whoami\njson list clients\n');
    expect(saved).not.toContain(fx.users.alice.password);
    expect(saved).not.toContain(code);
    expect(saved).not.toContain('alice\n');
  });
});
