import { describe, expect, it } from 'vitest';
import { TimeoutError } from '../../src/client/index.ts';
import { History } from '../../console/tui/model/history.ts';
import { SessionModel } from '../../console/tui/model/session.ts';
import { FakeClient, type ScriptedAnswer } from './fakes.ts';

function setup(script: (command: string) => ScriptedAnswer) {
  const events = { reconnects: 0, quits: 0 };
  const session = new SessionModel(new History(), {
    reconnect: () => events.reconnects++,
    quit: () => events.quits++,
    changed: () => undefined,
  });
  const client = new FakeClient(script);
  session.attach(client, true);
  return { session, client, events };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('main screen session', () => {
  it('Ctrl-C on a running command closes the connection and asks for a new login', async () => {
    const { session, client, events } = setup((c) => (c === 'wait' ? { chunks: ['waiting...\n'], hang: true } : { chunks: [] }));
    const running = session.submit('wait');
    await tick();
    expect(session.state).toBe('running');
    session.cancel();
    await running;
    expect(client.closed).toBe(true);
    expect(events.reconnects).toBe(1);
    expect(session.state).toBe('reconnecting');
    expect(session.output.text()).toContain('^C cancelled');
    session.attach(new FakeClient(), false);
    expect(session.state).toBe('idle');
  });

  it('a sub-prompt becomes the command line prompt; Ctrl-C there answers "."', async () => {
    const { session, client } = setup((c) => (c === 'restore' ? { chunks: ['Select the Client (1-2): '], end: 'sub-prompt' } : { chunks: ['Selection aborted\n'] }));
    await session.submit('restore');
    expect(session.state).toBe('sub-prompt');
    expect(session.subPrompt).toBe('Select the Client (1-2): ');
    session.cancel();
    await tick();
    expect(client.sent).toEqual(['.help', 'restore', '.']);
    expect(session.state).toBe('idle');
  });

  it('a director that stops answering is shown as a timeout and a lost connection; a new command logs in again', async () => {
    const client = new FakeClient();
    const events = { reconnects: 0 };
    const session = new SessionModel(new History(), { reconnect: () => events.reconnects++, quit: () => undefined, changed: () => undefined });
    client.stream = async function* () {
      client.closed = true;
      throw new TimeoutError('no answer from the director within 120000 ms while reading the output of "status"');
      yield '';
    } as FakeClient['stream'];
    session.attach(client, true);
    await session.submit('status');
    expect(session.state).toBe('disconnected');
    expect(session.output.text()).toContain('Timeout: the director did not answer in time');
    expect(session.output.text()).toContain('connection lost');
    await session.submit('version');
    expect(events.reconnects).toBe(1);
    const fresh = new FakeClient((c) => ({ chunks: [`${c} done\n`] }));
    session.attach(fresh, false);
    await tick();
    await tick();
    expect(fresh.sent).toContain('version');
  });

  it('runs "json <command>" through api 2 and shows the list as a table', async () => {
    const { session } = setup(() => ({ chunks: ['{"clients":[{"clientid":"1","name":"web-01-fd"}]}'] }));
    await session.submit('json list clients');
    expect(session.output.text()).toContain('| clientid | name      |');
    expect(session.lastCommand).toMatchObject({ command: 'list clients', ok: true });
  });

  it('quit ends the app when the director closes', async () => {
    const { session, events } = setup(() => ({ chunks: [], end: 'closed' }));
    await session.submit('quit');
    expect(events.quits).toBe(1);
  });
});
