import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { History, historyFile, loadHistory, saveHistory } from '../../console/tui/model/history.ts';
import { LoginModel } from '../../console/tui/model/login.ts';
import { SessionModel } from '../../console/tui/model/session.ts';
import { FakeClient, fakeTarget } from './fakes.ts';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('command history', () => {
  const home = mkdtempSync(join(tmpdir(), 'tsb-history-'));
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('lives in $XDG_DATA_HOME/tsbareos (else ~/.local/share/tsbareos), one file per director', () => {
    expect(historyFile('test-dir', { XDG_DATA_HOME: '/x/data', HOME: '/home/u' })).toBe('/x/data/tsbareos/history/test-dir.history');
    expect(historyFile('a/b dir', { HOME: '/home/u' })).toBe('/home/u/.local/share/tsbareos/history/a_b_dir.history');
  });

  it('navigates with a draft, skips blanks and repeats, and round-trips through a 0600 file', () => {
    const history = new History(['version']);
    expect(history.add('list jobs')).toBe(true);
    expect(history.add('list jobs')).toBe(false);
    expect(history.add('   ')).toBe(false);
    expect(history.previous('sta')).toBe('list jobs');
    expect(history.previous('')).toBe('version');
    expect(history.previous('')).toBe('version');
    expect(history.next()).toBe('list jobs');
    expect(history.next()).toBe('sta');
    const file = join(home, 'h', 'test-dir.history');
    saveHistory(file, history.all);
    expect(loadHistory(file)).toEqual(['version', 'list jobs']);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('gets the commands typed after a PAM login, never the PAM answers nor a sub-prompt answer', async () => {
    const client = new FakeClient((command) =>
      command === 'restore' ? { chunks: ['Enter the password of the restore target: '], end: 'sub-prompt' } : { chunks: ['ok\n'] },
    );
    const login = new LoginModel({
      targets: [fakeTarget()],
      connect: async (_t, pam) => {
        if (!('prompt' in pam)) throw new Error('interactive expected');
        await pam.prompt({ echo: false, text: 'Password: ' });
        await pam.prompt({ echo: false, text: 'One-time password: ' });
        return client;
      },
    });
    const file = join(home, 'pam', 'test-dir.history');
    const session = new SessionModel(new History(), {
      reconnect: () => undefined,
      quit: () => undefined,
      changed: () => undefined,
      historyChanged: (all) => saveHistory(file, all),
    });
    login.start();
    await tick();
    login.submit('S3cret-PAM-pw');
    await tick();
    login.submit('987654');
    await tick();
    expect(login.state.kind).toBe('logged-in');
    session.attach(client, true);
    await session.submit('version');
    await session.submit('restore');
    expect(session.state).toBe('sub-prompt');
    await session.submit('sub-prompt-secret');
    const saved = readFileSync(file, 'utf8');
    expect(saved).toBe('version\nrestore\n');
    expect(saved).not.toContain('S3cret-PAM-pw');
    expect(saved).not.toContain('987654');
    expect(saved).not.toContain('sub-prompt-secret');
    expect(client.sent).toContain('sub-prompt-secret');
  });
});
