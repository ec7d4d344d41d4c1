import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/client/index.ts';
import { announceSkip } from '../helpers/prereqs.ts';
import { createPamFixture, pamWrapperPrerequisite, type PamFixture } from '../helpers/pam-fixture.ts';
import { encodeResponse, MessageId } from '../../src/wire/response.ts';
import { rawLogin } from '../helpers/raw-console.ts';
import { DIRECTOR_PASSWORD, directorResource, startTestDirector, waitFor, type TestDirector } from '../helpers/director.ts';

const prereq = pamWrapperPrerequisite();

/** PAM helpers this test process started (the director runs in-process). */
function helperChildren(): number[] {
  const out = execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(process.pid)], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter((l) => l.includes('tsbareos-pam'))
    .map((l) => Number(l.trim().split(/\s+/)[0]));
}

describe.skipIf(announceSkip(prereq))('slow PAM stacks', () => {
  let fx: PamFixture;
  let director: TestDirector;
  beforeAll(async () => {
    fx = createPamFixture();
    director = await startTestDirector(`${directorResource(`PAM Service Name = ${fx.services.slow}\n  Maximum Concurrent PAM = 64\n  Maximum Console Connections = 100`)}
Console { Name = pamconsole; Password = "consolepw"; Use Pam Authentication = yes }
User { Name = alice; Profile = all }
Profile { Name = all; Command ACL = *all* }
`, { pamEnv: fx.env });
  });
  afterAll(async () => {
    await director?.close();
    fx?.cleanup();
  });

  it('runs 50 simultaneous logins through a ~500 ms stack while another console keeps answering', async () => {
    const admin = await connect({ host: '127.0.0.1', port: director.port, password: DIRECTOR_PASSWORD });
    let answered = 0;
    let busy = true;
    const pinger = (async () => {
      while (busy) {
        expect(await admin.call('whoami')).toBe('root\n');
        answered++;
      }
    })();
    const logins = Array.from({ length: 50 }, () =>
      connect({ host: '127.0.0.1', port: director.port, name: 'pamconsole', password: 'consolepw', pam: { user: 'alice', password: 'alicepw' } }).then(async (c) => {
        const who = await c.call('whoami');
        await c.close();
        return who;
      }),
    );
    const results = await Promise.all(logins);
    busy = false;
    await pinger;
    await admin.close();
    expect(results.every((r) => r === 'alice\n')).toBe(true);
    // The default console kept being served while PAM ran (no timing asserted: see bench/).
    expect(answered).toBeGreaterThan(5);
  });

  it('ends the PAM helper when the console disconnects in the middle of the conversation', async () => {
    const session = await rawLogin({ port: director.port, name: 'pamconsole', password: 'consolepw', tls: true });
    expect(session.result[0]?.toString('latin1')).toBe('1001\x1e');
    session.conn.sendData(encodeResponse(MessageId.PamInteractive));
    // The first prompt (style byte, then text) arrives; we hang up instead of answering.
    const style = await session.conn.readFrame(5000);
    expect(style.kind).toBe('data');
    await waitFor(() => helperChildren().length > 0, 5000, 'a PAM helper to run');
    session.conn.destroy();
    await waitFor(() => helperChildren().length === 0, 5000, 'the PAM helper to end');
    await waitFor(() => director.events().some((e) => e['event'] === 'login.refused' && e['mode'] === 'pam-interactive'), 5000, 'log');
  });
});
