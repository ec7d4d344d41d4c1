/**
 * End to end in tmux: `--pam-user` (direct mode, 4002) asks the PAM password in a hidden field
 * before connecting, then logs the user in.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { announceSkip } from '../helpers/prereqs.ts';
import { createPamFixture, pamWrapperPrerequisite, type PamFixture } from '../helpers/pam-fixture.ts';
import { startConsoleDirector, tmuxPrerequisite, TmuxConsole, writeBconsoleConf, type ConsoleDirector } from './setup.ts';

const tmuxReady = tmuxPrerequisite();
const pamReady = pamWrapperPrerequisite();

describe.skipIf(announceSkip(tmuxReady) || announceSkip(pamReady))('terminal console in tmux: PAM direct mode', () => {
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

  it('asks the password hidden, then logs in as the PAM user', async () => {
    const conf = writeBconsoleConf(ctx.dir, [{ name: 'test-dir', port: ctx.director.port }], { name: 'pamconsole', password: 'consolepw' });
    tmux = new TmuxConsole(['-c', conf, '--pam-user', 'alice'], ctx.env);
    await tmux.waitFor('PAM password for alice:');
    tmux.type(fx.users.alice.password);
    const typed = await tmux.waitFor('(what you type is not shown)');
    expect(typed).not.toContain(fx.users.alice.password);
    tmux.keys('Enter');
    const main = await tmux.waitFor('You are logged in as: alice');
    expect(main).toContain('| user alice |');
    expect(main).not.toContain(fx.users.alice.password);
  });
});
