/**
 * Figure 1: complete logins per second at 1, 8 and 64 concurrent clients, each server in its own
 * process, the same client (bench/login-client.ts) for all: ours cleartext vs Bacula 9.6 (which has
 * only that path), ours TLS-PSK vs a bare node TLS-PSK server (the ceiling for a TLS login).
 */
import { BENCH_PASSWORD, directorConfig } from './configs.ts';
import { loginRate, oneLogin, type LoginTarget, type RateResult, type Transport } from './login-client.ts';
import { spawnBacula, spawnBareTls, spawnDirector, type Spawned } from './processes.ts';

export const CONCURRENCY = [1, 8, 64] as const;

export type ServerKind = 'ours_cleartext' | 'bacula' | 'ours_psk' | 'bare_tls';

export type LoginRates = Partial<Record<ServerKind, RateResult[]>>;

interface Server {
  readonly kind: ServerKind;
  start(): Promise<{ spawned: Spawned; password: string }>;
  readonly transport: Transport;
}

function servers(baculaBinary: string | undefined): Server[] {
  const ours = (tls: boolean) => async () => ({ spawned: await spawnDirector({ config: directorConfig({ tls }) }), password: BENCH_PASSWORD });
  const list: Server[] = [{ kind: 'ours_cleartext', transport: 'cleartext', start: ours(false) }];
  if (baculaBinary) {
    list.push({ kind: 'bacula', transport: 'cleartext', start: async () => {
      const b = await spawnBacula(baculaBinary);
      return { spawned: b, password: b.password };
    } });
  }
  list.push({ kind: 'ours_psk', transport: 'psk', start: ours(true) });
  list.push({ kind: 'bare_tls', transport: 'bare-tls', start: async () => ({ spawned: await spawnBareTls('*UserAgent*', BENCH_PASSWORD), password: BENCH_PASSWORD }) });
  return list;
}

export async function runLoginRates(opts: { quick: boolean; baculaBinary: string | undefined; log: (line: string) => void }): Promise<LoginRates> {
  const seconds = opts.quick ? 2 : 6;
  // This machine's speed drifts by tens of percent within a minute, so the servers are measured in
  // alternating rounds (ours right next to its reference) and each figure is the median round.
  const rounds = opts.quick ? 1 : 3;
  const running: Array<{ kind: ServerKind; target: LoginTarget; stop: () => Promise<void> }> = [];
  try {
    for (const server of servers(opts.baculaBinary)) {
      const { spawned, password } = await server.start();
      running.push({ kind: server.kind, target: { host: '127.0.0.1', port: spawned.port, transport: server.transport, name: '*UserAgent*', password }, stop: () => spawned.stop() });
    }
    for (const { target } of running) {
      // Warm up: JIT, TLS contexts, the server's first allocations.
      await oneLogin(target);
      await loginRate(target, 8, 500);
    }
    const rates: LoginRates = {};
    for (const c of CONCURRENCY) {
      const samples = new Map<ServerKind, RateResult[]>();
      for (let round = 0; round < rounds; round++) {
        for (const { kind, target } of running) {
          const list = samples.get(kind) ?? [];
          list.push(await loginRate(target, c, (seconds * 1000) / rounds));
          samples.set(kind, list);
        }
      }
      for (const [kind, list] of samples) {
        const r = medianRound(list);
        opts.log(`  ${kind.padEnd(15)} c=${String(c).padStart(2)}  ${String(r.perSecond).padStart(8)} logins/s  p50 ${r.p50Ms} ms  p99 ${r.p99Ms} ms${r.errors ? `  errors ${r.errors} (${r.firstError ?? ''})` : ''}${list.length > 1 ? `  (rounds: ${list.map((x) => x.perSecond).join(', ')})` : ''}`);
        (rates[kind] ??= []).push(r);
      }
    }
    return rates;
  } finally {
    for (const server of running) await server.stop();
  }
}

/** The round with the median rate, errors summed over all rounds. */
function medianRound(list: readonly RateResult[]): RateResult {
  const sorted = [...list].sort((a, b) => a.perSecond - b.perSecond);
  const median = sorted[Math.floor(sorted.length / 2)] as RateResult;
  return { ...median, errors: list.reduce((n, r) => n + r.errors, 0) };
}
