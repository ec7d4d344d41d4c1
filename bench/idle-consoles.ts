/**
 * Figure 3: many logged-in idle consoles on one director process. RSS of the director process is
 * read from /proc before and after (the per-console figure is the difference divided by the count),
 * while one active console times `version`. Two holder processes keep the idle sockets.
 */
import { BENCH_PASSWORD, directorConfig } from './configs.ts';
import { loginOn, oneLogin, openSocket, round, timeCommandLoop, type Latencies, type LoginTarget } from './login-client.ts';
import { metricValue, openFds, rssKb, spawnDirector, spawnHolder } from './processes.ts';

export interface IdleResult {
  readonly consoles: number;
  readonly held: number;
  readonly rssBeforeKb: number;
  readonly rssAfterKb: number;
  readonly rssHalfKb: number;
  readonly perConsoleKb: number;
  /** (RSS at N - RSS at N/2) / (N/2): the marginal cost, without the heap headroom of the start. */
  readonly marginalKb: number;
  readonly directorFds: number;
  readonly activeVersion: Latencies;
}

const settle = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function runIdleConsoles(opts: { consoles: number }): Promise<IdleResult> {
  // Consoles log in faster than the handshake timeout; the pre-auth cap only sees the 64 in flight.
  const director = await spawnDirector({ config: directorConfig({ tls: false, extra: 'Maximum Console Connections = 20' }) });
  const half = Math.floor(opts.consoles / 2);
  const holders = [spawnHolder('login', director.port, half, BENCH_PASSWORD)];
  try {
    const target: LoginTarget = { host: '127.0.0.1', port: director.port, transport: 'cleartext', name: '*UserAgent*', password: BENCH_PASSWORD };
    for (let i = 0; i < 200; i++) await oneLogin(target);
    await settle(1000);
    const rssBeforeKb = rssKb(director.pid);
    const first = (await holders[0]?.report())?.open ?? 0;
    await settle(2000);
    const rssHalfKb = rssKb(director.pid);
    holders.push(spawnHolder('login', director.port, opts.consoles - half, BENCH_PASSWORD));
    const held = first + ((await holders[1]?.report())?.open ?? 0);
    await settle(2000);
    const rssAfterKb = rssKb(director.pid);
    const active = await loginOn(await openSocket(target), target);
    const until = performance.now() + 3000;
    const activeVersion = await timeCommandLoop(active, 'version', () => performance.now() > until);
    active.destroy();
    const live = metricValue(await director.metrics(), 'tsbareos_active_consoles');
    if (live !== undefined && live < held) throw new Error(`director reports ${live} consoles, holders hold ${held}`);
    return {
      consoles: opts.consoles,
      held,
      rssBeforeKb,
      rssHalfKb,
      rssAfterKb,
      perConsoleKb: round((rssAfterKb - rssBeforeKb) / Math.max(1, held)),
      marginalKb: round((rssAfterKb - rssHalfKb) / Math.max(1, held - first)),
      directorFds: openFds(director.pid), activeVersion };
  } finally {
    await Promise.all(holders.map((h) => h.stop()));
    await director.stop();
  }
}
