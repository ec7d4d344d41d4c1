/**
 * Connections that never send a byte (a slowloris at the first step): many of them, from two holder
 * processes, while a real console logs in again and again. The pre-auth cap (Maximum Pending
 * Connections) bounds what they cost; the handshake timeout frees their slots.
 */
import { BENCH_PASSWORD, directorConfig } from './configs.ts';
import { latencies, oneLogin, type Latencies, type LoginTarget } from './login-client.ts';
import { metricValue, openFds, rssKb, spawnDirector, spawnHolder } from './processes.ts';

export interface SilentResult {
  readonly silent: number;
  readonly stillOpenAfterFlood: number;
  readonly rssBeforeKb: number;
  readonly rssDuringKb: number;
  readonly directorFdsDuring: number;
  readonly pendingDuring: number | undefined;
  /** Until both holders have made all their connections (the director accepts and evicts). */
  readonly duringFlood: Latencies;
  /** After that: the flood is held open (up to the cap) or already dropped by the director. */
  readonly afterFlood: Latencies;
  readonly realFailures: number;
  readonly firstFailure: string | undefined;
}

export async function runSilentConnections(opts: { silent: number; seconds: number }): Promise<SilentResult> {
  const director = await spawnDirector({ config: directorConfig({ tls: false, extra: 'Handshake Timeout = 10' }) });
  const target: LoginTarget = { host: '127.0.0.1', port: director.port, transport: 'cleartext', name: '*UserAgent*', password: BENCH_PASSWORD };
  const half = Math.floor(opts.silent / 2);
  await oneLogin(target);
  const rssBeforeKb = rssKb(director.pid);
  const holders = [spawnHolder('silent', director.port, half, ''), spawnHolder('silent', director.port, opts.silent - half, '')];
  try {
    let arrived = false;
    const flood = Promise.all(holders.map((h) => h.report())).then(() => (arrived = true));
    const during: number[] = [];
    const samples: number[] = [];
    let realFailures = 0;
    let firstFailure: string | undefined;
    const until = performance.now() + opts.seconds * 1000;
    while (performance.now() < until) {
      const t0 = performance.now();
      try {
        await oneLogin(target);
        (arrived ? samples : during).push(performance.now() - t0);
      } catch (error) {
        realFailures++;
        firstFailure ??= (error as Error).message;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    await flood;
    const reports = await Promise.all(holders.map((h) => h.report()));
    const text = await director.metrics();
    return {
      silent: opts.silent,
      stillOpenAfterFlood: reports.reduce((n, r) => n + r.open, 0),
      rssBeforeKb,
      rssDuringKb: rssKb(director.pid),
      directorFdsDuring: openFds(director.pid),
      pendingDuring: metricValue(text, 'tsbareos_pending_connections'),
      duringFlood: latencies(during),
      afterFlood: latencies(samples),
      realFailures,
      firstFailure,
    };
  } finally {
    await Promise.all(holders.map((h) => h.stop()));
    await director.stop();
  }
}
