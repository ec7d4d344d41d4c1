/**
 * The PHP bareos-webui knows only certificate TLS, started before the Hello. Emulated here with a raw
 * node TLS client and hand-built frames: its Hello forms (named console with a version, or the old
 * `Hello *UserAgent* calling`), its CRAM-MD5 answer in standard base64 without the NUL, its own
 * challenge with `ssl=0`, and the Bareos-variant answer it expects back.
 */
import { createHash, createHmac, randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueCertificate } from '../../certs/index.ts';
import { bareosBase64 } from '../../src/auth/base64.ts';
import { DIRECTOR_PASSWORD, directorResource, startTestDirector, type TestDirector } from '../helpers/director.ts';
import { makeTlsFixture, type TlsFixture } from './fixture.ts';

/** A minimal frame reader: 4-byte big-endian length, negative = signal. */
class RawFrames {
  private buffer = Buffer.alloc(0);
  private waiting: (() => void) | undefined;
  constructor(private readonly socket: TLSSocket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.waiting?.();
    });
  }
  send(text: string): void {
    const body = Buffer.from(text, 'utf8');
    const header = Buffer.alloc(4);
    header.writeInt32BE(body.length);
    this.socket.write(Buffer.concat([header, body]));
  }
  async next(): Promise<string | number> {
    for (;;) {
      if (this.buffer.length >= 4) {
        const length = this.buffer.readInt32BE(0);
        if (length < 0) {
          this.buffer = this.buffer.subarray(4);
          return length;
        }
        if (this.buffer.length >= 4 + length) {
          const text = this.buffer.subarray(4, 4 + length).toString('utf8');
          this.buffer = this.buffer.subarray(4 + length);
          return text;
        }
      }
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no frame within 5 s')), 5000);
        this.waiting = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }
}

const md5hex = (text: string): string => createHash('md5').update(text).digest('hex');

/** The webui's login: Hello, answer D's challenge (standard base64), challenge D (expects Bareos base64). */
async function phpLogin(frames: RawFrames, hello: string, password: string): Promise<void> {
  const key = md5hex(password);
  frames.send(hello);
  const challenge = String(await frames.next());
  const token = /^auth cram-md5 (<[^ ]+>) ssl=\d+\n$/.exec(challenge)?.[1];
  expect(token).toBeDefined();
  const mac = createHmac('md5', key).update(token ?? '').digest();
  frames.send(mac.toString('base64').replace(/=+$/, ''));
  expect(await frames.next()).toBe('1000 OK auth\n');
  const ours = `<${randomInt(1e9)}.${Math.floor(Date.now() / 1000)}@php-bsock>`;
  frames.send(`auth cram-md5 ${ours} ssl=0\n`);
  const answer = String(await frames.next()).replace(/\0$/, '');
  expect(answer).toBe(bareosBase64(createHmac('md5', key).update(ours).digest()));
  frames.send('1000 OK auth\n');
}

describe('a PHP-webui-style client over certificate TLS', () => {
  let fx: TlsFixture;
  let director: TestDirector;
  let webCert: { cert: Buffer; key: Buffer };
  beforeAll(async () => {
    fx = await makeTlsFixture();
    const issued = await issueCertificate({ caDir: dirname(fx.caFile), name: 'webui', role: 'web' });
    webCert = { cert: readFileSync(issued.certPath), key: readFileSync(issued.keyPath) };
    director = await startTestDirector(`${directorResource(fx.directorTls('TLS Verify Peer = yes\n  TLS Allowed CN = webui'))}
Console { Name = webui; Password = "webuipw" }
`);
  });
  afterAll(async () => {
    await director?.close();
    await fx?.cleanup();
  });

  async function open(): Promise<{ socket: TLSSocket; frames: RawFrames }> {
    const socket = tlsConnect({ host: '127.0.0.1', port: director.port, ca: readFileSync(fx.caFile), ...webCert, servername: 'localhost' });
    await new Promise<void>((resolve, reject) => {
      socket.once('secureConnect', resolve);
      socket.once('error', reject);
    });
    return { socket, frames: new RawFrames(socket) };
  }

  it('logs in with a named console and runs a command', async () => {
    const { socket, frames } = await open();
    try {
      await phpLogin(frames, 'Hello webui calling version 23.0.0\n', 'webuipw');
      expect(await frames.next()).toMatch(/^1000\x1eOK: test-dir Version: /);
      expect(await frames.next()).toMatch(/^1002\x1e.*You are logged in as: webui/s);
      frames.send('whoami');
      expect(await frames.next()).toBe('webui\n');
      expect(await frames.next()).toBe(-1); // BNET_EOD
    } finally {
      socket.destroy();
    }
  });

  it('logs in as the default console with the versionless Hello and gets the old 1000 OK line', async () => {
    const { socket, frames } = await open();
    try {
      await phpLogin(frames, 'Hello *UserAgent* calling\n', DIRECTOR_PASSWORD);
      expect(await frames.next()).toMatch(/^1000 OK: test-dir Version: .* -- Encryption: TLS/);
    } finally {
      socket.destroy();
    }
  });
});
