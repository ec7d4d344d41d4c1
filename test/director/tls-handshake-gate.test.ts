import { connect as netConnect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HandshakeGate } from '../../director/login/handshake-gate.ts';
import { connect } from '../../src/client/index.ts';
import { DIRECTOR_PASSWORD, directorResource, startTestDirector, type TestDirector } from '../helpers/director.ts';

describe('HandshakeGate', () => {
  it('lets `limit` through, queues the rest in order, and passes slots on', async () => {
    const gate = new HandshakeGate(2);
    const order: number[] = [];
    const a = await gate.enter();
    const b = await gate.enter();
    const c = gate.enter().then((release) => (order.push(3), release));
    const d = gate.enter().then((release) => (order.push(4), release));
    await Promise.resolve();
    expect(order).toEqual([]);
    a();
    a(); // releasing twice is harmless
    const releaseC = await c;
    expect(order).toEqual([3]);
    b();
    const releaseD = await d;
    expect(order).toEqual([3, 4]);
    releaseC();
    releaseD();
    const e = await gate.enter(); // slots are free again
    e();
  });
});

describe('TLS handshake pacing', () => {
  let director: TestDirector;
  beforeAll(async () => {
    director = await startTestDirector(directorResource('Handshake Timeout = 30').replace('Handshake Timeout = 5', ''));
  });
  afterAll(() => director.close());

  it('a crowd of peers that stall in the middle of their TLS handshake does not hold up a real console', async () => {
    // Each sends the first bytes of a ClientHello record and then nothing, for the 30 s timeout.
    const stalled: Socket[] = [];
    for (let i = 0; i < 20; i++) {
      const s = netConnect({ host: '127.0.0.1', port: director.port });
      s.on('error', () => undefined);
      s.write(Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc, 0x03, 0x03]));
      stalled.push(s);
    }
    await new Promise((r) => setTimeout(r, 200));
    // Far below the director's 30 s handshake timeout: only passes if the stalled peers let go of
    // their handshake slots.
    const client = await connect({ host: '127.0.0.1', port: director.port, password: DIRECTOR_PASSWORD, timeoutMs: 5000 });
    expect(await client.call('whoami')).toBe('root\n');
    await client.close();
    for (const s of stalled) s.destroy();
  });
});
