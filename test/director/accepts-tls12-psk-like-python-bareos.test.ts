/**
 * python-bareos with sslpsk3 can only do TLS 1.2 PSK, and writes a frame's header and payload in two
 * separate writes. Both must work: the director offers Bareos' cipher list (with PSK suites) and
 * reassembles frames from any chunking.
 */
import { connect as tlsConnect, createSecureContext } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH_OK, TlsPolicy, createChallenge, cramResponse, parseChallengeLine, qualifiedName } from '../../src/auth/cram-md5.ts';
import { storedPassword } from '../../src/auth/password.ts';
import { FramedConnection } from '../../src/net/framed-connection.ts';
import { clientPskOptions } from '../../src/tls/options.ts';
import { payloadText } from '../../src/wire/frame.ts';
import { directorResource, startTestDirector, type TestDirector } from '../helpers/director.ts';

describe('TLS 1.2 PSK with split writes', () => {
  let director: TestDirector;
  beforeAll(async () => {
    director = await startTestDirector(`${directorResource()}\nConsole { Name = py; Password = "pypw" }\n`);
  });
  afterAll(() => director.close());

  it('logs in and runs a command', async () => {
    const socket = tlsConnect({ host: '127.0.0.1', port: director.port, ...clientPskOptions('py', 'pypw'), secureContext: createSecureContext({ maxVersion: 'TLSv1.2', ciphers: 'ECDHE-PSK-CHACHA20-POLY1305:PSK-AES256-GCM-SHA384' }) });
    await new Promise<void>((resolve, reject) => {
      socket.once('secureConnect', resolve);
      socket.once('error', reject);
    });
    expect(socket.getProtocol()).toBe('TLSv1.2');
    const conn = new FramedConnection(socket);
    // Header and payload as two writes, the way python-bareos sends them.
    const send = (text: string | Buffer): void => {
      const body = typeof text === 'string' ? Buffer.from(text) : text;
      const header = Buffer.alloc(4);
      header.writeInt32BE(body.length);
      socket.write(header);
      socket.write(body);
    };
    const read = async (): Promise<Buffer> => {
      const f = await conn.readFrame(5000);
      if (f.kind !== 'data') throw new Error(`signal ${f.signal}`);
      return f.payload;
    };
    const key = storedPassword('pypw');
    send('Hello py calling version 25.0.0\n');
    const challenge = parseChallengeLine(await read());
    send(cramResponse(key, challenge.token, false).subarray(0, 22)); // python-bareos sends no NUL
    expect((await read()).toString()).toBe(AUTH_OK);
    const ours = createChallenge(qualifiedName('R_CONSOLE', 'py'), TlsPolicy.Required);
    send(ours.line);
    await read();
    send(AUTH_OK);
    expect(payloadText(await read())).toMatch(/^1000\x1eOK: test-dir/);
    expect(payloadText(await read())).toContain('You are logged in as: py');
    send('whoami');
    expect((await read()).toString()).toBe('py\n');
    socket.destroy();
  });
});
