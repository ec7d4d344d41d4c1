/**
 * Clients that drip a login one byte per second (before and after the transport is known, and
 * inside TLS-PSK) are cut by the handshake timeout with a logged reason; a real console logs in
 * meanwhile and nothing is left pending.
 */
import { connect as netConnect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHello } from '../../src/wire/hello.ts';
import { encodeData } from '../../src/wire/frame.ts';
import { waitFor, type TestDirector } from '../helpers/director.ts';
import { openSocket, readUntilClose } from '../helpers/raw-console.ts';
import { realConsoleWorks, refusals, settles, startFaultDirector } from './helpers.ts';

function drip(socket: Socket, bytes: Buffer): NodeJS.Timeout {
  let at = 0;
  const timer = setInterval(() => {
    if (at >= bytes.length || socket.destroyed) return clearInterval(timer);
    socket.write(bytes.subarray(at, at + 1));
    at++;
  }, 1000);
  return timer;
}

describe('slow-drip clients', () => {
  let director: TestDirector;
  const timers: NodeJS.Timeout[] = [];
  beforeAll(async () => {
    director = await startFaultDirector('Handshake Timeout = 2');
  });
  afterAll(async () => {
    for (const t of timers) clearInterval(t);
    await director.close();
  });

  it('cuts cleartext and TLS-PSK drips at the handshake timeout and logs why', async () => {
    const hello = encodeData(buildHello({ name: '*UserAgent*', version: '26.0.0', withVersionSuffix: true }));
    const fromStart = netConnect({ host: '127.0.0.1', port: director.port });
    timers.push(drip(fromStart, hello));
    const afterHeader = netConnect({ host: '127.0.0.1', port: director.port });
    afterHeader.write(hello.subarray(0, 10)); // enough to be recognised as a cleartext Hello
    timers.push(drip(afterHeader, hello.subarray(10)));
    const tls = await openSocket(director.port, true, 'admin', 'adminpw');
    timers.push(drip(tls, hello));
    const before = refusals(director).length;
    await realConsoleWorks(director);
    const closed = await Promise.all([readUntilClose(fromStart, 15_000), readUntilClose(afterHeader, 15_000), readUntilClose(tls, 15_000)]);
    expect(closed.map((c) => c.closed)).toEqual([true, true, true]);
    await waitFor(() => refusals(director).length >= before + 3, 5000, 'three refusal lines');
    const reasons = refusals(director).slice(before).map((e) => `${String(e['result'])} ${String(e['message'])}`);
    for (const reason of reasons) expect(reason).toMatch(/TIMEOUT|timed out|within \d+ ms/i);
    await settles(director);
  });
});
