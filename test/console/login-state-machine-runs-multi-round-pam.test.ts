import { describe, expect, it } from 'vitest';
import { PamError, type PamOptions } from '../../src/client/index.ts';
import { LoginModel, pamField, type LoginState } from '../../console/tui/model/login.ts';
import { FakeClient, fakeTarget } from './fakes.ts';

/** A connector that plays a PAM stack: asks each prompt in turn, checks the answers. */
function pamStack(prompts: ReadonlyArray<{ echo: boolean; text: string; expect: string }>) {
  const answers: string[] = [];
  const connect = async (_target: unknown, pam: PamOptions): Promise<FakeClient> => {
    if (!('prompt' in pam)) throw new Error('expected interactive PAM');
    for (const p of prompts) {
      const answer = await pam.prompt({ echo: p.echo, text: p.text });
      answers.push(answer);
      if (answer !== p.expect) throw new PamError('PAM authentication failed: the director closed the connection');
    }
    return new FakeClient();
  };
  return { connect, answers };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('login state machine', () => {
  it('turns each relayed PAM prompt into a field, for any number of rounds, then logs in', async () => {
    const stack = pamStack([
      { echo: true, text: 'login:', expect: 'alice' },
      { echo: false, text: 'authorised use only\nPassword: ', expect: 'alicepw' },
      { echo: false, text: "Authentication succeeded\nOne-time password (OATH) for `alice': ", expect: '123456' },
    ]);
    const model = new LoginModel({ targets: [fakeTarget()], connect: stack.connect });
    const seen: Array<LoginState<FakeClient>['kind']> = [];
    model.onChange((s) => seen.push(s.kind));
    model.start();
    await tick();
    expect(model.state).toMatchObject({ kind: 'pam-prompt', field: { label: 'login:', hidden: false, info: [], round: 1 } });
    model.submit('alice');
    await tick();
    expect(model.state).toMatchObject({ kind: 'pam-prompt', field: { label: 'Password: ', hidden: true, info: ['authorised use only'], round: 2 } });
    model.submit('alicepw');
    await tick();
    expect(model.state).toMatchObject({ kind: 'pam-prompt', field: { hidden: true, info: ['Authentication succeeded'], round: 3 } });
    model.submit('123456');
    await tick();
    expect(model.state.kind).toBe('logged-in');
    expect(seen).toEqual(['connecting', 'pam-prompt', 'connecting', 'pam-prompt', 'connecting', 'pam-prompt', 'connecting', 'logged-in']);
    expect(stack.answers).toEqual(['alice', 'alicepw', '123456']);
  });

  it('shows a failure with headline and reason, and retry starts a new conversation', async () => {
    const stack = pamStack([{ echo: false, text: 'Password: ', expect: 'right' }]);
    const model = new LoginModel({ targets: [fakeTarget()], connect: stack.connect });
    model.start();
    await tick();
    model.submit('wrong');
    await tick();
    expect(model.state).toMatchObject({ kind: 'failed', failure: { headline: 'PAM login failed (wrong password or code?)', code: 'ERR_PAM' } });
    model.retry();
    await tick();
    expect(model.state).toMatchObject({ kind: 'pam-prompt', field: { round: 1 } });
    model.submit('right');
    await tick();
    expect(model.state.kind).toBe('logged-in');
  });

  it('Esc at a prompt abandons the attempt and goes back to the chooser', async () => {
    const stack = pamStack([{ echo: false, text: 'Password: ', expect: 'x' }]);
    const model = new LoginModel({ targets: [fakeTarget('one'), fakeTarget('two')], connect: stack.connect });
    model.start();
    expect(model.state).toEqual({ kind: 'choosing', selected: 0 });
    model.moveSelection(1);
    model.pick();
    await tick();
    expect(model.state.kind).toBe('pam-prompt');
    model.cancel();
    await tick();
    expect(model.state).toEqual({ kind: 'choosing', selected: 1 });
  });

  it('direct mode asks the password first and passes user and password to the connector', async () => {
    let given: PamOptions | undefined;
    const model = new LoginModel({
      targets: [fakeTarget()],
      pamUser: 'alice',
      connect: async (_t, pam) => {
        given = pam;
        return new FakeClient();
      },
    });
    model.start();
    expect(model.state).toMatchObject({ kind: 'asking-password', user: 'alice' });
    model.submit('alicepw');
    await tick();
    expect(given).toEqual({ user: 'alice', password: 'alicepw' });
    expect(model.state.kind).toBe('logged-in');
  });

  it('splits folded info texts from the prompt line', () => {
    expect(pamField({ echo: false, text: 'banner line 1\nbanner line 2\n\nPassword: ' }, 2)).toEqual({
      label: 'Password: ',
      hidden: true,
      info: ['banner line 1', 'banner line 2'],
      round: 2,
    });
  });
});
