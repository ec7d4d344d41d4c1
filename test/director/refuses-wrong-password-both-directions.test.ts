import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthenticationError, connect } from '../../src/client/index.ts';
import { directorResource, startTestDirector, waitFor, type TestDirector } from '../helpers/director.ts';
import { rawLogin, readUntilClose } from '../helpers/raw-console.ts';

describe('CRAM-MD5 failures', () => {
  let director: TestDirector;
  beforeAll(async () => {
    director = await startTestDirector(`${directorResource('TLS Enable = no')}
Console { Name = admin; Password = "adminpw"; TLS Enable = no }
`);
  });
  afterAll(() => director.close());

  it('refuses a console whose response is wrong, with one "1999 Authorization failed." line', async () => {
    const error = await connect({ host: '127.0.0.1', port: director.port, name: 'admin', password: 'not-it', tls: 'off' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    await waitFor(() => director.events().some((e) => e['result'] === 'ERR_BAD_PASSWORD'), 5000, 'refusal log');
    const line = director.events().find((e) => e['result'] === 'ERR_BAD_PASSWORD');
    expect(line).toMatchObject({ event: 'login.refused', console: 'admin', phase: 'cram-md5', remote: '127.0.0.1' });
    expect(director.logs.join('')).not.toContain('not-it');
  });

  it('refuses the login when the console rejects the director answer', async () => {
    const session = await rawLogin({ port: director.port, name: 'admin', password: 'adminpw', verdict: '1999 Authorization failed.\n' });
    // Instead of 1000 OK the director answers with the failure line and closes.
    expect(session.result[0]?.toString('latin1')).toBe('1999 Authorization failed.\n');
    await waitFor(() => director.events().some((e) => e['result'] === 'ERR_CONSOLE_REJECTED_US'), 5000, 'refusal log');
  });

  it('still serves a good console afterwards', async () => {
    const session = await rawLogin({ port: director.port, name: 'admin', password: 'adminpw' });
    expect(session.result[0]?.toString('latin1')).toMatch(/^1000\x1eOK: test-dir Version: 26\.0\.0/);
    session.conn.destroy();
  });

  it('sends old consoles the plain failure lines', async () => {
    const { openSocket } = await import('../helpers/raw-console.ts');
    const socket = await openSocket(director.port, false, 'admin', 'x');
    const { encodeData } = await import('../../src/wire/frame.ts');
    socket.write(encodeData('Hello admin calling\n'));
    const reply = readUntilClose(socket);
    // Answer the challenge with garbage of the right length.
    await new Promise((r) => setTimeout(r, 100));
    socket.write(encodeData(Buffer.from('AAAAAAAAAAAAAAAAAAAAAA\0')));
    const { bytes } = await reply;
    const text = bytes.toString('latin1');
    expect(text).toContain('1999 Authorization failed.\n');
    expect(text).toContain('1999 You are not authorized.\n');
  });
});
