/**
 * Catalog benchmarks (issue 5): on a 1M-job catalog (100k with `quick`), SQLite and, when
 * TSBAREOS_PG_URL is set, PostgreSQL:
 *  - `list jobs limit=100` (api 0) p50/p99 latency, target p99 < 20 ms;
 *  - `llist jobs limit=10000` in api 2: total time (target < 150 ms) and peak RSS;
 *  - `list jobs` over every row (api 0): bytes/s and peak RSS growth (target < 100 MB).
 * Seeded catalogs are kept under the OS temp dir and reused. Figures are printed, never asserted.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCommandLine } from '../director/commands/args.ts';
import { catalogCommands } from '../director/commands/catalog/index.ts';
import type { Command, CommandContext } from '../director/commands/types.ts';
import { openCatalog } from '../src/catalog/index.ts';
import { PostgresCatalog, settingsFromUrl } from '../src/catalog/postgres.ts';
import type { Catalog } from '../src/catalog/types.ts';
import { parseDirectorConfigText } from '../src/config/index.ts';
import type { ApiMode, CommandOutput, JsonValue, RangeMeta } from '../src/format/output.ts';

/** Counts what a session would put on the wire; api 2 items are serialized as the session would. */
class CountingOutput implements CommandOutput {
  bytes = 0;
  constructor(readonly api: ApiMode) {}
  send(text: string): void {
    if (this.api !== 2) this.bytes += Buffer.byteLength(text);
  }
  error(text: string): void {
    throw new Error(`command failed: ${text}`);
  }
  warning(): void {}
  info(): void {}
  setResult(_key: string, value: JsonValue): void {
    this.bytes += JSON.stringify(value).length;
  }
  openArray(): void {}
  pushItem(value: JsonValue): void {
    this.bytes += JSON.stringify(value).length + 1;
  }
  closeArray(): void {}
  setRange(_range: RangeMeta): void {}
  async flush(): Promise<void> {
    // Yield like a socket write would, so memory sampling timers run.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

const CONFIG = parseDirectorConfigText('Director { Name = bench-dir; Password = "x" }\nCatalog { Name = MyCatalog; DB Driver = sqlite3; DB Name = catalog }\n');

async function run(catalog: Catalog, line: string, api: ApiMode): Promise<number> {
  const out = new CountingOutput(api);
  const args = parseCommandLine(line);
  const ctx = {
    args, out,
    session: { id: 1, consoleName: '*UserAgent*', userName: undefined, isDefaultConsole: true, acl: { allows: () => true, hasRestrictions: () => false }, remoteAddress: '127.0.0.1', connectedAt: new Date(), encryption: undefined },
    control: { setApi: () => undefined, compact: true, endSession: () => undefined, settings: new Map<string, string>() },
    director: { config: CONFIG, startedAt: new Date(), commands: () => [], sessions: () => [], reload: async () => ({ ok: true, errors: [] }) },
    openCatalog: async () => catalog,
  } as unknown as CommandContext;
  const command = catalogCommands.find((c: Command) => c.name === args.command) as Command;
  if (!(await command.run(ctx))) throw new Error(`${line} failed`);
  return out.bytes;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** Runs `fn` while sampling RSS; returns elapsed ms and the peak RSS growth in MB. */
async function measured<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number; peakMb: number; growthMb: number }> {
  global.gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 5);
  const t = performance.now();
  try {
    const value = await fn();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { value, ms: performance.now() - t, peakMb: peak / 2 ** 20, growthMb: (peak - base) / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}

async function benchOne(label: string, catalog: Catalog, quick: boolean, out: Record<string, number>): Promise<void> {
  await run(catalog, 'list jobs limit=100', 0);
  const times: number[] = [];
  for (let i = 0; i < (quick ? 50 : 200); i++) {
    const t = performance.now();
    await run(catalog, `list jobs limit=100 offset=${(i * 997) % 5000}`, 0);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  out[`${label}.list_jobs_limit100_p50_ms`] = round(percentile(times, 50));
  out[`${label}.list_jobs_limit100_p99_ms`] = round(percentile(times, 99));
  const llist = await measured(() => run(catalog, 'llist jobs limit=10000', 2));
  out[`${label}.llist_jobs_10k_api2_ms`] = round(llist.ms);
  out[`${label}.llist_jobs_10k_api2_peak_rss_mb`] = round(llist.peakMb);
  const full = await measured(() => run(catalog, 'list jobs', 0));
  out[`${label}.list_jobs_all_mb_per_s`] = round(full.value / 2 ** 20 / (full.ms / 1000));
  out[`${label}.list_jobs_all_seconds`] = round(full.ms / 1000);
  out[`${label}.list_jobs_all_rss_growth_mb`] = round(full.growthMb);
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

async function seeded(catalog: Catalog, jobs: number): Promise<Catalog> {
  await catalog.init();
  const rows: string[] = [];
  for await (const batch of catalog.list({ kind: 'jobs', long: false, filter: {}, count: true }).batches()) for (const r of batch) rows.push(r[0] ?? '0');
  if (rows[0] === '0') {
    const r = await catalog.seed({ jobs, clients: 100, seed: 1 });
    process.stdout.write(`  seeded ${catalog.description}: ${r.jobs} jobs in ${(r.millis / 1000).toFixed(1)} s\n`);
  }
  return catalog;
}

export async function runCatalogBench(opts: { quick: boolean }): Promise<Record<string, number>> {
  const jobs = opts.quick ? 100_000 : 1_000_000;
  const results: Record<string, number> = {};
  const dir = join(tmpdir(), 'tsbareos-bench');
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true });
  const sqlite = await seeded(await openCatalog({ driver: 'sqlite3', dbName: `catalog-${jobs}`, dataDir: dir }), jobs);
  try {
    await benchOne('sqlite', sqlite, opts.quick, results);
  } finally {
    await sqlite.close();
  }
  const url = process.env['TSBAREOS_PG_URL'];
  if (url) {
    const pg = await seeded(new PostgresCatalog(settingsFromUrl(url, dir, { schema: `bench_${jobs}` })), jobs);
    try {
      await benchOne('postgresql', pg, opts.quick, results);
    } finally {
      await pg.close();
    }
  }
  for (const [k, v] of Object.entries(results)) process.stdout.write(`  ${k.padEnd(48)} ${v}\n`);
  return results;
}

// Standalone: node bin/run-ts.js bench/catalog.ts [--quick]
if (process.argv[1]?.endsWith('bench/catalog.ts')) {
  await runCatalogBench({ quick: process.argv.includes('--quick') });
}
