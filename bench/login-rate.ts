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
  const rates: LoginRates = {};
  for (const server of servers(opts.baculaBinary)) {
    const { spawned, password } = await server.start();
    const target: LoginTarget = { host: '127.0.0.1', port: spawned.port, transport: server.transport, name: '*UserAgent*', password };
    try {
      // Warm up: JIT, TLS contexts, the server's first allocations.
      await oneLogin(target);
      await loginRate(target, 8, 500);
      const results: RateResult[] = [];
      for (const c of CONCURRENCY) {
        const r = await loginRate(target, c, seconds * 1000);
        opts.log(`  ${server.kind.padEnd(15)} c=${String(c).padStart(2)}  ${String(r.perSecond).padStart(8)} logins/s  p50 ${r.p50Ms} ms  p99 ${r.p99Ms} ms${r.errors ? `  errors ${r.errors} (${r.firstError ?? ''})` : ''}`);
        results.push(r);
      }
      rates[server.kind] = results;
    } finally {
      await spawned.stop();
    }
  }
  return rates;
}
