/**
 * Hostile first bytes: random bytes, garbage before a valid Hello, a huge length prefix, and a 1 MB
 * Hello in cleartext and inside TLS-PSK. Each connection is closed, each gets one login.refused
 * line with a reason a person can read, no buffer of the announced size is kept, and the director
 * keeps serving.
 */
import { randomBytes } from 'node:crypto';
import { connect as netConnect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeData } from '../../src/wire/frame.ts';
import { buildHello } from '../../src/wire/hello.ts';
import { waitFor, type TestDirector } from '../helpers/director.ts';
import { openSocket, readUntilClose } from '../helpers/raw-console.ts';
import { realConsoleWorks, refusals, settles, startFaultDirector } from './helpers.ts';

const HELLO = encodeData(buildHello({ name: '*UserAgent*', version: '26.0.0', withVersionSuffix: true }));

function plain(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = netConnect({ host: '127.0.0.1', port }, () => resolve(s));
    s.once('error', reject);
  });
}

function header(length: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32BE(length, 0);
  return b;
}

describe('hostile first bytes', () => {
  let director: TestDirector;
  beforeAll(async () => {
    director = await startFaultDirector();
  });
  afterAll(() => director.close());

  const cases: Array<{ label: string; open: (port: number) => Promise<Socket>; bytes: () => Buffer; reason: RegExp }> = [
    { label: 'random bytes', open: plain, bytes: () => Buffer.concat([Buffer.from([0x42]), randomBytes(4095)]), reason: /neither a TLS ClientHello nor a Hello frame/ },
    { label: 'garbage before the Hello', open: plain, bytes: () => Buffer.concat([Buffer.from('GARBAGE!'), HELLO]), reason: /neither a TLS ClientHello nor a Hello frame/ },
    { label: 'huge length prefix (cleartext)', open: plain, bytes: () => Buffer.concat([header(0x7fffffff), Buffer.from('Hello ')]), reason: /neither a TLS ClientHello nor a Hello frame/ },
    { label: '1 MB Hello (cleartext)', open: plain, bytes: () => Buffer.concat([header(1_000_000), Buffer.from('Hello '), Buffer.alloc(1_000_000 - 6, 0x41)]), reason: /./ },
    { label: 'huge length prefix inside TLS-PSK', open: (port) => openSocket(port, true, 'admin', 'adminpw'), bytes: () => Buffer.concat([header(0x7fffffff), Buffer.from('Hello ')]), reason: /Hello: .*(too large|exceeds|limit)/i },
    { label: '1 MB Hello inside TLS-PSK', open: (port) => openSocket(port, true, 'admin', 'adminpw'), bytes: () => Buffer.concat([header(1_000_000), Buffer.from('Hello '), Buffer.alloc(1_000_000 - 6, 0x41)]), reason: /Hello: .*(too large|exceeds|limit)/i },
  ];

  for (const c of cases) {
    it(`${c.label}: closed, logged with a reason, director keeps serving`, async () => {
      const before = refusals(director).length;
      const socket = await c.open(director.port);
      socket.on('error', () => undefined);
      socket.write(c.bytes());
      expect((await readUntilClose(socket, 8000)).closed).toBe(true);
      await waitFor(() => refusals(director).length > before, 5000, 'a refusal line');
      const [line] = refusals(director).slice(before);
      expect(String(line?.['result'])).toMatch(/^ERR_/);
      expect(String(line?.['message'])).toMatch(c.reason);
      await realConsoleWorks(director);
      await settles(director);
    });
  }

  it('logged exactly one line per hostile connection', () => {
    expect(refusals(director)).toHaveLength(cases.length);
  });
});
