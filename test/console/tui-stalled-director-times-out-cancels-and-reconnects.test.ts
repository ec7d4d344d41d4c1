/**
 * End to end in tmux against a director in its own process, frozen with SIGSTOP: a command that gets
 * no answer ends in a visible timeout and a lost connection; F5 logs in again once the director is
 * back; Ctrl-C cancels a command that hangs, and a command typed while disconnected reconnects first.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { directorResource } from '../helpers/director.ts';
import { announceSkip } from '../helpers/prereqs.ts';
import { startConsoleDirector, tmuxPrerequisite, TmuxConsole, TSBAREOS, writeBconsoleConf, type ConsoleDirector } from './setup.ts';

const prereq = tmuxPrerequisite();

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function startDirectorProcess(dir: string, port: number): Promise<ChildProcess> {
  const config = join(dir, 'frozen-dir.conf');
  writeFileSync(config, directorResource());
  const child = spawn(process.execPath, [TSBAREOS, 'director', '-c', config, '--port', String(port), '--data-dir', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString('utf8');
      if (seen.includes('listening on')) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`director exited with ${String(code)}: ${seen}`)));
  });
  return child;
}

describe.skipIf(announceSkip(prereq))('terminal console in tmux: a director that stops answering', () => {
  let ctx: ConsoleDirector;
  let director: ChildProcess | undefined;
  let tmux: TmuxConsole | undefined;
  beforeAll(async () => {
    // Only for its temp dir and env; the director under test runs in its own process.
    ctx = await startConsoleDirector('');
  });
  afterEach(() => {
    tmux?.kill();
    director?.kill('SIGCONT');
    director?.kill('SIGKILL');
  });
  afterAll(() => ctx?.close());

  it('shows the timeout, reconnects with F5, and Ctrl-C cancels a hanging command', async () => {
    const port = await freePort();
    director = await startDirectorProcess(ctx.dir, port);
    const conf = writeBconsoleConf(ctx.dir, [{ name: 'test-dir', port }]);
    tmux = new TmuxConsole(['-c', conf, '--timeout', '2000', '--command-timeout', '2'], ctx.env);
    await tmux.waitFor('| connected |');

    director.kill('SIGSTOP');
    tmux.type('version');
    tmux.keys('Enter');
    const timedOut = await tmux.waitFor('DISCONNECTED (F5)');
    expect(timedOut).toContain('Timeout: the director did not answer in time');
    expect(timedOut).toContain('connection lost');

    director.kill('SIGCONT');
    tmux.keys('F5');
    await tmux.waitFor('reconnected to test-dir');
    await tmux.waitFor('| connected |');

    director.kill('SIGSTOP');
    tmux.type('version');
    tmux.keys('Enter');
    await tmux.waitFor(/running \d+ s \(Ctrl-C cancels\)/);
    tmux.keys('C-c');
    await tmux.waitFor('^C cancelled');
    // The new login times out too while the director is frozen.
    await tmux.waitFor(/not connected: Timeout/);

    director.kill('SIGCONT');
    tmux.type('version');
    tmux.keys('Enter');
    const back = await tmux.waitFor(/test-dir Version: 26\.0\.0/);
    expect(back).toContain('| connected |');
  });
});
