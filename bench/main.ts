/**
 * `npm run bench [-- --quick] [--json] [--bacula-dir PATH] [--only a,b]`: every figure of issue 9
 * beside its reference, with the ratio and the absolute values. With --json the last line is one
 * JSON object with all figures, for tracking from run to run.
 */
import { existsSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { runIdleConsoles, type IdleResult } from './idle-consoles.ts';
import { CONCURRENCY, runLoginRates, type LoginRates } from './login-rate.ts';
import { pamAvailable, runPamDirectRate, runSlowPam } from './pam.ts';
import { ROOT } from './processes.ts';
import { runSilentConnections } from './silent-connections.ts';
import { runSoak } from './soak.ts';
import type { RateResult } from './login-client.ts';

interface Options {
  readonly quick: boolean;
  readonly json: boolean;
  readonly baculaBinary: string | undefined;
  readonly only: ReadonlySet<string> | undefined;
}

function parseArgs(argv: readonly string[]): Options {
  const value = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const bacula = value('--bacula-dir') ?? '/usr/sbin/bacula-dir';
  const only = value('--only');
  return { quick: argv.includes('--quick'), json: argv.includes('--json'), baculaBinary: existsSync(bacula) ? bacula : undefined, only: only ? new Set(only.split(',')) : undefined };
}

const say = (line: string): void => void process.stdout.write(`${line}\n`);

function verdict(ok: boolean): string {
  return ok ? 'meets target' : 'MISSES target';
}

function at8(results: RateResult[] | undefined): number {
  return results?.find((r) => r.concurrency === 8)?.perSecond ?? 0;
}

function reportRates(rates: LoginRates): Record<string, unknown> {
  say('\n== 1. Login rate (connect, Hello, CRAM-MD5 both ways, version, quit), logins/s ==');
  say(`  ${'clients'.padEnd(8)} ${'ours clear'.padStart(11)} ${'Bacula 9.6'.padStart(11)} ${'ratio'.padStart(7)}   ${'ours PSK'.padStart(9)} ${'bare TLS'.padStart(9)} ${'ratio'.padStart(7)}`);
  const byConcurrency: Record<string, Record<string, number>> = {};
  CONCURRENCY.forEach((c, i) => {
    const get = (k: keyof LoginRates): number => rates[k]?.[i]?.perSecond ?? 0;
    const [clear, bacula, psk, bare] = [get('ours_cleartext'), get('bacula'), get('ours_psk'), get('bare_tls')];
    byConcurrency[String(c)] = { ours_cleartext: clear, bacula, ours_psk: psk, bare_tls: bare };
    say(`  ${String(c).padEnd(8)} ${String(clear).padStart(11)} ${String(bacula).padStart(11)} ${(bacula ? `${(clear / bacula).toFixed(1)}x` : '-').padStart(7)}   ${String(psk).padStart(9)} ${String(bare).padStart(9)} ${(bare ? `${Math.round((psk / bare) * 100)}%` : '-').padStart(7)}`);
  });
  const summary = { ours_cleartext: at8(rates.ours_cleartext), bacula: at8(rates.bacula), ours_psk: at8(rates.ours_psk), bare_tls: at8(rates.bare_tls) };
  if (summary.bacula) say(`  at 8 clients: cleartext ${(summary.ours_cleartext / summary.bacula).toFixed(1)}x Bacula (target >= 25x): ${verdict(summary.ours_cleartext >= 25 * summary.bacula)}`);
  else say('  Bacula director not installed: no reference (install bacula-director-sqlite3 or give --bacula-dir)');
  say(`  at 8 clients: TLS-PSK ${Math.round((summary.ours_psk / Math.max(1, summary.bare_tls)) * 100)}% of bare TLS-PSK handshakes (target >= 70%): ${verdict(summary.ours_psk >= 0.7 * summary.bare_tls)}`);
  const errors = Object.values(rates).flat().reduce((n, r) => n + r.errors, 0);
  if (errors) say(`  client-side errors during the runs: ${errors}`);
  return { login_rate: summary, login_rate_by_concurrency: byConcurrency, login_latency_ms_at_8: Object.fromEntries(Object.entries(rates).map(([k, v]) => [k, { p50: v?.[1]?.p50Ms, p99: v?.[1]?.p99Ms }])) };
}

function reportIdle(r: IdleResult): Record<string, unknown> {
  say(`\n== 3. ${r.consoles} logged-in idle consoles on one director process ==`);
  say(`  held ${r.held}; director RSS ${r.rssBeforeKb} KiB -> ${r.rssHalfKb} KiB (half) -> ${r.rssAfterKb} KiB; fds ${r.directorFds}`);
  say(`  RSS per console: ${r.perConsoleKb} KiB overall, ${r.marginalKb} KiB marginal (target <= 20 KB; Bareos 26: ~14 KB + a thread, capped at 20 consoles): ${verdict(Math.max(r.perConsoleKb, r.marginalKb) <= 20)}`);
  say(`  active console version: p50 ${r.activeVersion.p50Ms} ms, p99 ${r.activeVersion.p99Ms} ms over ${r.activeVersion.count} (target p99 < 50 ms): ${verdict(r.activeVersion.p99Ms < 50)}`);
  return { idle_consoles: { consoles: r.held, rss_before_kb: r.rssBeforeKb, rss_after_kb: r.rssAfterKb, per_console_kb: r.perConsoleKb, marginal_kb: r.marginalKb, version_p99_ms: r.activeVersion.p99Ms } };
}

async function sections(o: Options): Promise<Record<string, unknown>> {
  const want = (name: string): boolean => !o.only || o.only.has(name);
  const out: Record<string, unknown> = {};
  if (want('login')) Object.assign(out, reportRates(await runLoginRates({ quick: o.quick, baculaBinary: o.baculaBinary, log: say })));
  const pam = pamAvailable();
  if (want('pam')) {
    say('\n== 2. PAM direct (4002) logins through pam_wrapper + pam_matrix, TLS-PSK, 8 clients ==');
    if (!pam.ok) say(`  skipped: ${pam.reason}`);
    else {
      const r = await runPamDirectRate({ quick: o.quick });
      say(`  ${r.perSecond} logins/s (p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms, errors ${r.errors}); no reference measured (Bareos runs PAM inside its director threads; we run one helper process per login)`);
      out['pam_direct'] = { logins_per_s: r.perSecond, p50_ms: r.p50Ms, p99_ms: r.p99Ms, errors: r.errors };
    }
  }
  if (want('idle')) Object.assign(out, reportIdle(await runIdleConsoles({ consoles: o.quick ? 2000 : 10_000 })));
  if (want('slowpam') && pam.ok) {
    const logins = 200;
    say(`\n== 4. Event loop while ${logins} logins sit in a ~500 ms PAM stack (tsb-slow) ==`);
    const r = await runSlowPam({ logins });
    const refused = Object.entries(r.refusals).map(([code, n]) => `${code} ${n}`).join(', ');
    say(`  ${r.ok}/${r.logins} logged in within ${r.seconds} s${refused ? `; director refusals: ${refused}` : ''}${r.firstClientError ? `; first client error: ${r.firstClientError}` : ''}`);
    say(`  director event-loop delay: p99 ${r.loopDelayP99Ms} ms, max ${r.loopDelayMaxMs} ms (target p99 < 20 ms): ${verdict((r.loopDelayP99Ms ?? 1e9) < 20)}`);
    say(`  active console version: p50 ${r.activeVersion.p50Ms} ms, p99 ${r.activeVersion.p99Ms} ms over ${r.activeVersion.count}`);
    out['slow_pam'] = { logins: r.logins, ok: r.ok, refusals: r.refusals, seconds: r.seconds, loop_delay_p99_ms: r.loopDelayP99Ms, loop_delay_max_ms: r.loopDelayMaxMs, version_p99_ms: r.activeVersion.p99Ms };
  }
  if (want('silent')) {
    const silent = o.quick ? 2000 : 20_000;
    say(`\n== Faults: ${silent} connections that never send a byte, while a real console logs in ==`);
    const r = await runSilentConnections({ silent, seconds: o.quick ? 4 : 12 });
    say(`  director: ${r.pendingDuring} logins pending (cap 1000), ${r.directorFdsDuring} fds, RSS ${r.rssBeforeKb} -> ${r.rssDuringKb} KiB (Bareos 26: 5,000 silent = 5,000 threads, 91 MB)`);
    say(`  real console login+version while the flood arrives: p50 ${r.duringFlood.p50Ms} ms, p99 ${r.duringFlood.p99Ms} ms, max ${r.duringFlood.maxMs} ms over ${r.duringFlood.count}`);
    say(`  real console login+version with the flood held: p50 ${r.afterFlood.p50Ms} ms, p99 ${r.afterFlood.p99Ms} ms over ${r.afterFlood.count}; failures ${r.realFailures}${r.firstFailure ? ` (${r.firstFailure})` : ''} (target p99 < 50 ms): ${verdict(r.afterFlood.p99Ms < 50 && r.realFailures === 0)}`);
    out['silent_connections'] = { silent, pending: r.pendingDuring, fds: r.directorFdsDuring, rss_before_kb: r.rssBeforeKb, rss_during_kb: r.rssDuringKb, login_p99_ms_flood_arriving: r.duringFlood.p99Ms, login_p99_ms_flood_held: r.afterFlood.p99Ms, failures: r.realFailures };
  }
  if (want('soak')) {
    const logins = o.quick ? 5000 : 100_000;
    say(`\n== Soak: ${logins} logins/commands with random disconnects ==`);
    const r = await runSoak({ logins });
    say(`  ${r.completeLogins} complete logins, ${r.commands} commands, ${r.dropped} dropped on purpose, ${r.unexpectedErrors} unexpected errors${r.firstError ? ` (${r.firstError})` : ''} in ${r.seconds} s`);
    say(`  director at start: RSS ${r.start.rssKb} KiB, ${r.start.fds} fds; half-way: RSS ${r.half?.rssKb ?? '?'} KiB, ${r.half?.fds ?? '?'} fds; at end: RSS ${r.end.rssKb} KiB, ${r.end.fds} fds, ${r.end.activeConsoles} consoles, ${r.end.pendingConnections} pending`);
    out['soak'] = { iterations: r.iterations, complete_logins: r.completeLogins, unexpected_errors: r.unexpectedErrors, rss_start_kb: r.start.rssKb, rss_half_kb: r.half?.rssKb, rss_end_kb: r.end.rssKb, fds_start: r.start.fds, fds_end: r.end.fds, pending_end: r.end.pendingConnections, consoles_end: r.end.activeConsoles };
  }
  if (want('catalog')) out['catalog'] = await catalogFigures(o.quick);
  return out;
}

async function catalogFigures(quick: boolean): Promise<Record<string, number> | string> {
  say('\n== 5. Catalog (bench/catalog.ts) ==');
  if (!existsSync(join(ROOT, 'bench/catalog.ts'))) {
    say('  bench/catalog.ts not present yet');
    return 'not available';
  }
  const mod = (await import('./catalog.ts')) as { runCatalogBench?: (o: { quick: boolean }) => Promise<Record<string, number>> };
  if (!mod.runCatalogBench) return 'not available';
  return mod.runCatalogBench({ quick });
}

const options = parseArgs(process.argv.slice(2));
const cpu = cpus();
say(`tsbareos bench ${options.quick ? '(quick)' : '(full)'}: ${cpu.length} x ${cpu[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}, ${process.platform}`);
say('Each server runs in its own process; the clients run in this one (and in holder processes for the socket floods).');
const started = performance.now();
const figures = await sections(options);
say(`\nbench finished in ${Math.round((performance.now() - started) / 1000)} s`);
if (options.json) say(JSON.stringify({ machine: { cpus: cpu.length, model: cpu[0]?.model, node: process.version }, quick: options.quick, ...figures }));
