/**
 * With the pre-auth cap (Maximum Pending Connections) full of connections that never send a byte,
 * a real console still logs in: the oldest unfinished login is dropped to make room (logged as
 * ERR_PENDING_EVICTED), and the number of logins in progress never exceeds the cap.
 */
import { connect as netConnect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor, type TestDirector } from '../helpers/director.ts';
import { realConsoleWorks, refusals, settles, startFaultDirector } from './helpers.ts';

const CAP = 50;

describe('silent flood against the pre-auth cap', () => {
  let director: TestDirector;
  const silent: Socket[] = [];
  beforeAll(async () => {
    director = await startFaultDirector(`Maximum Pending Connections = ${CAP}\n  Handshake Timeout = 60`);
  });
  afterAll(async () => {
    for (const s of silent) s.destroy();
    await director.close();
  });

  it('keeps the cap, evicts the oldest silent connection, and lets real consoles in', async () => {
    for (let i = 0; i < 4 * CAP; i++) {
      const s = netConnect({ host: '127.0.0.1', port: director.port });
      s.on('error', () => undefined);
      silent.push(s);
    }
    await waitFor(() => refusals(director).filter((e) => e['result'] === 'ERR_PENDING_EVICTED').length >= 3 * CAP, 10_000, 'evictions');
    expect(director.server.pendingConnections).toBeLessThanOrEqual(CAP);
    await realConsoleWorks(director);
    expect(director.server.pendingConnections).toBeLessThanOrEqual(CAP);
    const evicted = refusals(director).find((e) => e['result'] === 'ERR_PENDING_EVICTED');
    expect(evicted?.['message']).toMatch(/Maximum Pending Connections 50/);
  });

  it('frees everything when the flood goes away', async () => {
    for (const s of silent) s.destroy();
    await settles(director);
  });
});
