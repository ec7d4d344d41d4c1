/**
 * 2,000 connections that never send a byte (the bench does 20,000): at most Maximum Pending
 * Connections of them are held, a real console still logs in, and the handshake timeout frees
 * every slot again.
 */
import { connect as netConnect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor, type TestDirector } from '../helpers/director.ts';
import { realConsoleWorks, refusals, settles, startFaultDirector } from './helpers.ts';

const SILENT = 2000;
const CAP = 1000;

describe(`${SILENT} silent connections`, () => {
  let director: TestDirector;
  const silent: Socket[] = [];
  let closedCount = 0;
  beforeAll(async () => {
    director = await startFaultDirector(`Maximum Pending Connections = ${CAP}\n  Handshake Timeout = 3`);
  });
  afterAll(async () => {
    for (const s of silent) s.destroy();
    await director.close();
  });

  it('never holds more than the cap, and a real console gets in', async () => {
    let maxPending = 0;
    const sampler = setInterval(() => (maxPending = Math.max(maxPending, director.server.pendingConnections)), 5);
    for (let i = 0; i < SILENT; i++) {
      const s = netConnect({ host: '127.0.0.1', port: director.port });
      s.on('error', () => undefined);
      s.once('close', () => closedCount++);
      silent.push(s);
    }
    await waitFor(() => refusals(director).length >= SILENT - CAP, 15_000, 'the surplus to be dropped');
    await realConsoleWorks(director);
    clearInterval(sampler);
    // A newcomer may be counted before its evicted predecessor's close is processed.
    expect(maxPending).toBeLessThanOrEqual(CAP + 1);
  });

  it('the handshake timeout closes the rest, with one line each', async () => {
    await waitFor(() => closedCount === SILENT, 10_000, `all ${SILENT} closed by the director (${closedCount})`);
    await settles(director);
    await waitFor(() => refusals(director).length >= SILENT, 5000, 'one line per silent connection');
    expect(refusals(director).filter((e) => e['result'] === 'ERR_TIMEOUT').length).toBeGreaterThan(0);
  });
});
