/**
 * Listings of clients, pools, volumes/media, filesets, storages (reference §2.4–§2.7, §2.10).
 */
import type { ListQuery, Row } from '../../../src/catalog/types.ts';
import { rowObject } from '../../../src/format/json.ts';
import { NO_RESULTS, renderTable } from '../../../src/format/table.ts';
import { verticalRow } from '../../../src/format/vertical.ts';
import { collect, emitListing } from './emit.ts';
import type { FilterSet } from './filters.ts';
import { setRange, type ListContext } from './context.ts';
import { allowedJob, checkClientArg } from './jobs.ts';
import { parseCount } from './options.ts';

const JOB_NOT_FOUND = 'jobid not found in db, access to job or client denied by ACL, or client not found in db';

function rangeOf(lc: ListContext): { range?: { limit: number; offset: number } } {
  return lc.opts.limit !== undefined ? { range: { limit: lc.opts.limit, offset: lc.opts.offset ?? 0 } } : {};
}

async function emitWith(lc: ListContext, query: ListQuery, key: string, filters: FilterSet | undefined, renderer?: 'table' | 'vertical' | 'keyvalue'): Promise<boolean> {
  const result = await emitListing(lc.ctx.out, lc.catalog.list(query), {
    key, renderer: renderer ?? (lc.long ? 'vertical' : 'table'), ...(filters ? { filters } : {}),
  });
  setRange(lc, filters, result.filtered);
  return true;
}

export async function listClients(lc: ListContext): Promise<boolean> {
  const name = lc.sub.toLowerCase() === 'client' ? lc.subValue : undefined;
  const f = lc.filters().aclFilter(1, 'client');
  if (lc.opts.current) f.current(1, 'client');
  if (lc.opts.enabled) f.state(1, 'client', true);
  if (lc.opts.disabled) f.state(1, 'client', false);
  return emitWith(lc, { kind: 'clients', long: lc.long, ...(name !== undefined ? { name } : {}) }, 'clients', f);
}

export async function listPools(lc: ListContext): Promise<boolean> {
  const sub = lc.sub.toLowerCase();
  const name = sub === 'pool' ? lc.subValue : undefined;
  const poolId = sub === 'poolid' ? parseCount(lc.subValue) : undefined;
  const f = lc.filters().aclFilter(1, 'pool');
  if (lc.opts.current) f.current(1, 'pool');
  const byName = name !== undefined ? { name } : {};
  // `llist pools` / `llist pool=X` have their own printer and the prunable counters (§2.5).
  if (lc.long && sub !== 'poolid') return emitWith(lc, { kind: 'poolsDetail', ...byName }, 'pools', f, 'keyvalue');
  return emitWith(lc, { kind: 'pools', long: lc.long, ...byName, ...(poolId !== undefined ? { poolId } : {}) }, 'pools', f);
}

export async function listStorages(lc: ListContext): Promise<boolean> {
  const f = lc.filters().aclFilter(1, 'storage');
  if (lc.opts.current) f.current(1, 'storage');
  if (lc.opts.enabled) f.state(1, 'storage', true);
  if (lc.opts.disabled) f.state(1, 'storage', false);
  return emitWith(lc, { kind: 'storages' }, 'storages', f, 'table');
}

export async function listFilesets(lc: ListContext): Promise<boolean> {
  const args = lc.ctx.args;
  const f = lc.filters().aclFilter(1, 'fileset');
  if (lc.opts.current) f.current(1, 'fileset');
  if (lc.sub.toLowerCase() === 'filesets') return emitWith(lc, { kind: 'filesets', ...rangeOf(lc) }, 'filesets', f);
  if (args.has('filesetid')) {
    return emitWith(lc, { kind: 'filesets', filesetId: parseCount(args.value('filesetid')), ...rangeOf(lc) }, 'filesets', f);
  }
  const job = args.has('jobid') || args.has('ujobid') ? await allowedJob(lc) : undefined;
  if (!job) {
    lc.ctx.out.error(`${JOB_NOT_FOUND} or missing filesetid\n`);
    return false;
  }
  return emitWith(lc, { kind: 'filesets', jobId: job.jobId, ...rangeOf(lc) }, 'filesets', f);
}

export async function listJobstats(lc: ListContext): Promise<boolean> {
  const job = await allowedJob(lc);
  if (!job) {
    lc.ctx.out.error('no jobid given\n');
    return false;
  }
  return emitWith(lc, { kind: 'jobstats', jobId: job.jobId }, 'jobstats', undefined);
}

export async function listJoblog(lc: ListContext): Promise<boolean> {
  const args = lc.ctx.args;
  if (!args.has('jobid') && !args.has('ujobid')) return true;
  const job = await allowedJob(lc);
  if (!job) {
    lc.ctx.out.error(`${JOB_NOT_FOUND}\n`);
    return false;
  }
  const query: ListQuery = { kind: 'joblog', jobId: job.jobId, count: lc.opts.count, ...rangeOf(lc) };
  const renderer = lc.opts.count ? 'table' : lc.long ? 'vertical' : 'raw';
  const result = await emitListing(lc.ctx.out, lc.catalog.list(query), { key: 'joblog', renderer });
  setRange(lc, undefined, result.filtered);
  return true;
}

export async function listLog(lc: ListContext): Promise<boolean> {
  const args = lc.ctx.args;
  const client = args.value('client');
  if (client !== undefined) {
    if (!(await checkClientArg(lc, client))) return false;
  }
  const f = lc.filters().aclFilter(1, 'job').aclFilter(2, 'client');
  const query: ListQuery = {
    kind: 'log', reverse: lc.opts.reverse, ...(client !== undefined ? { clientName: client } : {}),
    range: lc.opts.limit !== undefined ? { limit: lc.opts.limit, offset: lc.opts.offset ?? 0 } : {},
  };
  // In api 0/1 only the text is printed; api 2 shows all five columns.
  const result = await emitListing(lc.ctx.out, lc.catalog.list(query), { key: 'log', renderer: lc.long ? 'vertical' : 'raw', filters: f, plainColumns: [4] });
  setRange(lc, f, result.filtered);
  return true;
}

export async function listJobtotals(lc: ListContext): Promise<boolean> {
  const out = lc.ctx.out;
  await emitListing(out, lc.catalog.list({ kind: 'jobtotals' }), { key: 'jobs', renderer: 'table' });
  const sumListing = lc.catalog.list({ kind: 'jobtotalsSum' });
  const sum = await collect(sumListing);
  if (out.api === 2) out.setResult('jobtotals', sum[0] ? rowObject(sumListing.columns, sum[0]) : {});
  else out.send(renderTable(sumListing.columns, sum));
  setRange(lc, undefined, 0);
  return true;
}

/** `list volumes|media|volume=|media=|mediaid=|volumeid=` and their variants (§2.6). */
export async function listVolumes(lc: ListContext): Promise<boolean> {
  const args = lc.ctx.args;
  const sub = lc.sub.toLowerCase();
  if ((sub === 'volume' || sub === 'media') && lc.subValue !== undefined) return singleVolume(lc, { volumeName: lc.subValue });
  if (sub === 'mediaid' || sub === 'volumeid') return singleVolume(lc, { mediaId: parseCount(lc.subValue) });
  if (args.has('jobid') || args.has('ujobid')) return volumesOfJob(lc);
  const poolName = args.value('pool');
  if (poolName !== undefined) return volumesOfPool(lc, poolName);
  if (args.has('all')) return allVolumes(lc);
  return volumesPerPool(lc);
}

async function singleVolume(lc: ListContext, which: { volumeName?: string; mediaId?: number }): Promise<boolean> {
  const listing = lc.catalog.list({ kind: 'volumes', long: lc.long, ...which });
  const rows = await collect(listing);
  const out = lc.ctx.out;
  if (out.api === 2) out.setResult('volume', rows[0] ? rowObject(listing.columns, rows[0]) : {});
  else out.send(lc.long ? (rows.length ? rows.map((r) => verticalRow(listing.columns, r)).join('') : NO_RESULTS) : renderTable(listing.columns, rows));
  return true;
}

async function volumesOfJob(lc: ListContext): Promise<boolean> {
  const job = await allowedJob(lc);
  if (!job) return true;
  return emitWith(lc, { kind: 'volumesOfJob', long: lc.long, jobId: job.jobId }, 'volumes', undefined);
}

async function volumesOfPool(lc: ListContext, name: string): Promise<boolean> {
  const pool = lc.ctx.session.acl.allows('pool', name) ? await lc.catalog.findPool(name) : undefined;
  if (!pool) {
    lc.ctx.out.error(`Pool ${name} doesn't exist.\n`);
    return false;
  }
  const query: ListQuery = { kind: 'volumes', long: lc.long, poolId: pool.id, count: lc.opts.count, ...rangeOf(lc) };
  const f = lc.long && !lc.opts.count ? lc.filters().aclFilter(4, 'pool') : undefined;
  return emitWith(lc, query, 'volumes', f, lc.opts.count ? 'table' : undefined);
}

async function allVolumes(lc: ListContext): Promise<boolean> {
  if (!lc.long && lc.ctx.session.acl.hasRestrictions('pool')) {
    lc.ctx.out.error("Restricted permission. Use the commands 'list media' or 'llist media all' instead\n");
    return false;
  }
  const query: ListQuery = { kind: 'volumes', long: lc.long, count: lc.opts.count, ...rangeOf(lc) };
  const f = lc.long && !lc.opts.count ? lc.filters().aclFilter(4, 'pool') : undefined;
  if (f && lc.opts.current) f.current(4, 'pool');
  return emitWith(lc, query, 'volumes', f, lc.opts.count ? 'table' : undefined);
}

/**
 * Per pool: `"volumes":{"<pool>":[…]}`. Each pool's volumes are collected (a pool holds at most its
 * Maximum Volumes) because the JSON is an object of arrays, which the output cannot stream.
 */
async function volumesPerPool(lc: ListContext): Promise<boolean> {
  const out = lc.ctx.out;
  const acl = lc.ctx.session.acl;
  const byPool: Record<string, Record<string, string>[]> = {};
  for (const pool of await lc.catalog.pools()) {
    if (!acl.allows('pool', pool.name)) continue;
    const listing = lc.catalog.list({ kind: 'volumes', long: lc.long, poolId: pool.id, count: lc.opts.count, ...rangeOf(lc) });
    const rows: Row[] = await collect(listing);
    if (out.api === 2) byPool[pool.name.toLowerCase()] = rows.map((r) => rowObject(listing.columns, r));
    else out.send(`Pool: ${pool.name}\n` + (lc.long && !lc.opts.count ? rows.map((r) => verticalRow(listing.columns, r)).join('') || NO_RESULTS : renderTable(listing.columns, rows)));
    await out.flush();
  }
  out.setResult('volumes', byPool);
  setRange(lc, undefined, 0);
  return true;
}
