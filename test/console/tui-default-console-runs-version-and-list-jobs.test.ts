/**
 * End to end in tmux: the real `tsbareos console` on a 120x40 terminal against a real director.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { announceSkip } from '../helpers/prereqs.ts';
import { saveScreen, startConsoleDirector, tmuxPrerequisite, TmuxConsole, writeBconsoleConf, type ConsoleDirector } from './setup.ts';

const prereq = tmuxPrerequisite();

describe.skipIf(announceSkip(prereq))('terminal console in tmux: default console', () => {
  let ctx: ConsoleDirector;
  let tmux: TmuxConsole | undefined;
  beforeAll(async () => {
    ctx = await startConsoleDirector('');
  });
  afterEach(() => tmux?.kill());
  afterAll(() => ctx?.close());

  it('logs in, shows the status bar, runs version and list jobs, and completes from the director', async () => {
    const conf = writeBconsoleConf(ctx.dir, [{ name: 'test-dir', port: ctx.director.port }]);
    tmux = new TmuxConsole(['-c', conf], ctx.env);
    const login = await tmux.waitFor('You are connected using the default console');
    expect(login).toMatch(/ test-dir \| user \*UserAgent\* \| TLSv1\.3 \S+ \| connected \| last: - \| F1 help/);
    tmux.type('version');
    tmux.keys('Enter');
    const version = await tmux.waitFor(/test-dir Version: 26\.0\.0/);
    expect(version).toContain('*version');
    expect(version).toMatch(/last: version \d+\.\d\d s/);
    tmux.type('list jobs');
    tmux.keys('Enter');
    const jobs = await tmux.waitFor('| jobid | name');
    expect(jobs).toMatch(/\|\s+12 \| backup-/);
    saveScreen('main-list-jobs', jobs);
    // Tab: keyword, then a value from .clients.
    tmux.type('status cl');
    tmux.keys('Tab');
    await tmux.waitFor('*status client=');
    tmux.type('we');
    tmux.keys('Tab');
    await tmux.waitFor(/^\*status client=web-01-fd\s*$/m);
    tmux.keys('C-u', 'F1');
    saveScreen('help', await tmux.waitFor('Keys (any key closes this)'));
    tmux.keys('Escape');
    // A key right after Esc would be read as Alt+key.
    await new Promise((resolve) => setTimeout(resolve, 400));
    tmux.type('quit');
    tmux.keys('Enter');
    await tmux.waitForExit();
  });
});
