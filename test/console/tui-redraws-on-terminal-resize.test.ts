/**
 * End to end in tmux: resizing the terminal re-lays out the screen (status bar and command line stay
 * at the bottom, output re-wrapped to the new width).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { announceSkip } from '../helpers/prereqs.ts';
import { startConsoleDirector, tmuxPrerequisite, TmuxConsole, writeBconsoleConf, type ConsoleDirector } from './setup.ts';

const prereq = tmuxPrerequisite();

function lines(screen: string): string[] {
  return screen.replace(/\n$/, '').split('\n');
}

async function waitForLayout(tmux: TmuxConsole, cols: number, rows: number): Promise<string[]> {
  const end = Date.now() + 20_000;
  let screen: string[] = [];
  while (Date.now() < end) {
    screen = lines(tmux.capture());
    const status = screen[rows - 2] ?? '';
    if (screen.length === rows && status.startsWith(' test-dir | ') && screen.every((l) => l.length <= cols)) return screen;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`layout for ${cols}x${rows} not reached:\n${screen.join('\n')}`);
}

describe.skipIf(announceSkip(prereq))('terminal console in tmux: resize', () => {
  let ctx: ConsoleDirector;
  let tmux: TmuxConsole | undefined;
  beforeAll(async () => {
    ctx = await startConsoleDirector('', { jobs: 30 });
  });
  afterEach(() => tmux?.kill());
  afterAll(() => ctx?.close());

  it('keeps status bar and command line at the bottom and re-wraps output', async () => {
    const conf = writeBconsoleConf(ctx.dir, [{ name: 'test-dir', port: ctx.director.port }]);
    tmux = new TmuxConsole(['-c', conf], ctx.env);
    await tmux.waitFor('| connected |');
    tmux.type('list jobs');
    tmux.keys('Enter');
    await tmux.waitFor(/last: list jobs/);
    tmux.resize(80, 20);
    const small = await waitForLayout(tmux, 80, 20);
    expect(small[19]).toMatch(/^\*/);
    // The 121-column table rows now wrap at 80 columns.
    expect(small.some((l) => l.length === 80 && l.startsWith('|'))).toBe(true);
    tmux.resize(160, 30);
    const wide = await waitForLayout(tmux, 160, 30);
    expect(wide[29]).toMatch(/^\*/);
    expect(wide.some((l) => /^\|\s+30 \| backup-.*\|$/.test(l.trimEnd()))).toBe(true);
    // Still usable after the resizes.
    tmux.type('version');
    tmux.keys('Enter');
    await tmux.waitFor('test-dir Version:');
  });
});
