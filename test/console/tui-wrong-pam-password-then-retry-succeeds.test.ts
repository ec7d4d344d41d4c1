/**
 * End to end in tmux: a wrong PAM password shows the failure in plain words on the login screen,
 * Enter tries again without restarting, and the right password logs in.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { announceSkip } from '../helpers/prereqs.ts';
import { createPamFixture, pamWrapperPrerequisite, type PamFixture } from '../helpers/pam-fixture.ts';
import { saveScreen, startConsoleDirector, tmuxPrerequisite, TmuxConsole, writeBconsoleConf, type ConsoleDirector } from './setup.ts';

const tmuxReady = tmuxPrerequisite();
const pamReady = pamWrapperPrerequisite();

describe.skipIf(announceSkip(tmuxReady) || announceSkip(pamReady))('terminal console in tmux: wrong password, then success', () => {
  let fx: PamFixture;
  let ctx: ConsoleDirector;
  let tmux: TmuxConsole | undefined;
  beforeAll(async () => {
    fx = createPamFixture();
    ctx = await startConsoleDirector(
      `Console { Name = pamconsole; Password = "consolepw"; Use Pam Authentication = yes }
User { Name = alice; Profile = all }
Profile { Name = all; Command ACL = *all* }
`,
      { pamEnv: fx.env, directorExtra: `PAM Service Name = ${fx.services.matrix}` },
    );
  });
  afterEach(() => tmux?.kill());
  afterAll(async () => {
    await ctx?.close();
    fx?.cleanup();
  });

  it('shows "PAM login failed" with the reason, and Enter starts a new conversation that succeeds', async () => {
    const conf = writeBconsoleConf(ctx.dir, [{ name: 'test-dir', port: ctx.director.port }], { name: 'pamconsole', password: 'consolepw' });
    tmux = new TmuxConsole(['-c', conf], ctx.env);
    await tmux.waitFor('login:');
    tmux.type('alice');
    tmux.keys('Enter');
    await tmux.waitFor('Password:');
    tmux.type('not-the-password');
    tmux.keys('Enter');
    const failed = await tmux.waitFor('PAM login failed');
    expect(failed).toContain('the director closed the connection');
    expect(failed).toContain('Enter: try again');
    expect(failed).not.toContain('not-the-password');
    saveScreen('login-failed', failed);
    tmux.keys('Enter');
    await tmux.waitFor('login:');
    tmux.type('alice');
    tmux.keys('Enter');
    await tmux.waitFor('Password:');
    tmux.type(fx.users.alice.password);
    tmux.keys('Enter');
    const main = await tmux.waitFor('You are logged in as: alice');
    expect(main).toContain('| user alice |');
  });

  it('says "Login refused" or "TLS failed" for a wrong console password, and retries on Enter', async () => {
    const conf = writeBconsoleConf(ctx.dir, [{ name: 'test-dir', port: ctx.director.port }], { name: 'pamconsole', password: 'wrong-console-pw' });
    tmux = new TmuxConsole(['-c', conf], ctx.env);
    const failed = await tmux.waitFor(/TLS failed|Login refused/);
    expect(failed).toContain('Enter: try again');
    tmux.keys('Enter');
    await tmux.waitFor(/Connecting|TLS failed|Login refused/);
  });
});
