/** `list/llist jobs`, `jobid=`, `ujobid=`, `job=`, `jobname=` and `list/llist backups` (reference §2.1, §2.8). */
import type { JobFilter, JobRef, ListQuery } from '../../../src/catalog/types.ts';
import { emitListing } from './emit.ts';
import type { FilterSet } from './filters.ts';
import { setRange, type ListContext } from './context.ts';
import { nameProblem, parseCount, schedAfter } from './options.ts';

/** Column positions in the job SELECTs (short / long). */
const SHORT = { name: 1, client: 2 };
const LONG = { name: 2, client: 7, poolname: 22, fileset: 25 };

/**
 * `client=` check shared by jobs, backups and log: a bad name or an unknown client is an error
 * message; a client the Client ACL denies fails without any message, as Bareos does.
 */
export async function checkClientArg(lc: ListContext, name: string): Promise<boolean> {
  const problem = nameProblem(name);
  if (problem) {
    lc.ctx.out.error(`client argument: ${problem}\n`);
    return false;
  }
  if (!(await lc.catalog.findClient(name))) {
    lc.ctx.out.error(`invalid client argument: ${name}\n`);
    return false;
  }
  return lc.ctx.session.acl.allows('client', name);
}

/** A job given by `jobid=`/`ujobid=` must exist and pass Job and Client ACL (§6.2). */
export async function allowedJob(lc: ListContext): Promise<JobRef | undefined> {
  const args = lc.ctx.args;
  const ujobid = args.value('ujobid');
  const jobidText = args.value('jobid');
  let ref: JobRef | undefined;
  if (ujobid !== undefined) ref = await lc.catalog.findJob({ ujobId: ujobid });
  else if (jobidText !== undefined && /^\s*\+?[0-9]+\s*$/.test(jobidText)) ref = await lc.catalog.findJob({ jobId: parseCount(jobidText) });
  if (!ref) return undefined;
  const acl = lc.ctx.session.acl;
  if (!acl.allows('job', ref.name)) return undefined;
  if (ref.clientName !== null && !acl.allows('client', ref.clientName)) return undefined;
  return ref;
}

export async function listJobs(lc: ListContext): Promise<boolean> {
  const { ctx, opts } = lc;
  const args = ctx.args;
  const sub = lc.sub.toLowerCase();
  if (sub === 'jobs' && lc.subValue !== undefined) {
    ctx.out.error(`'${lc.word} jobs' does not allow an jobs parameter\n`);
    return false;
  }
  if ((sub === 'job' || sub === 'jobid' || sub === 'ujobid') && !lc.subValue) {
    ctx.out.error(`Missing ${lc.sub} parameter\n`);
    return false;
  }
  const filter: { -readonly [K in keyof JobFilter]: JobFilter[K] } = {};
  if (args.has('jobid') || args.has('ujobid')) {
    const ref = await allowedJob(lc);
    if (!ref) {
      ctx.out.setResult('jobs', {});
      return true;
    }
    filter.jobId = ref.jobId;
  }
  const jobName = args.value('jobname') ?? args.value('job');
  if (jobName) filter.jobName = jobName;
  const client = args.value('client');
  if (client !== undefined) {
    if (!(await checkClientArg(lc, client))) return false;
    filter.clientName = client;
  }
  if (opts.jobStatus) filter.jobStatus = opts.jobStatus;
  if (opts.levels) filter.levels = opts.levels;
  if (opts.types) filter.types = opts.types;
  const volume = args.value('volume');
  if (volume !== undefined) filter.volumeName = volume;
  const pool = args.value('pool');
  if (pool !== undefined) filter.poolName = pool;
  const after = schedAfter(args);
  if (after !== undefined) filter.schedAfter = after;
  return runJobQuery(lc, 'jobs', filter, opts.last);
}

function jobFilters(lc: ListContext, backups: boolean): FilterSet {
  const f = lc.filters();
  const cols = lc.long ? LONG : { ...SHORT, poolname: -1, fileset: -1 };
  f.aclFilter(cols.name, 'job');
  if (!backups) f.aclFilter(cols.client, 'client');
  if (lc.long) f.aclFilter(cols.poolname, 'pool');
  if (lc.long && !backups) f.aclFilter(cols.fileset, 'fileset');
  if (lc.opts.current) {
    f.current(cols.name, 'job');
    if (!backups) f.current(cols.client, 'client');
    if (lc.long) f.current(cols.poolname, 'pool');
    if (lc.long && !backups) f.current(cols.fileset, 'fileset');
  }
  if (lc.opts.enabled) f.state(cols.name, 'job', true);
  if (lc.opts.disabled) f.state(cols.name, 'job', false);
  return f;
}

async function runJobQuery(lc: ListContext, key: string, filter: JobFilter, last: boolean, reverse = lc.opts.reverse): Promise<boolean> {
  const { opts } = lc;
  const range = opts.limit !== undefined ? { limit: opts.limit, offset: opts.offset ?? 0 } : undefined;
  const query: ListQuery = { kind: 'jobs', long: lc.long, filter, last, count: opts.count, reverse, ...(range ? { range } : {}) };
  // `count` results are not row-filtered (§6.3).
  const filters = opts.count ? undefined : jobFilters(lc, key === 'backups');
  const result = await emitListing(lc.ctx.out, lc.catalog.list(query), {
    key, renderer: opts.count || !lc.long ? 'table' : 'vertical', ...(filters ? { filters } : {}),
  });
  setRange(lc, filters, result.filtered);
  return true;
}

const BACKUP_LEVELS: readonly [string, string][] = [['full', 'F'], ['incremental', 'I'], ['differential', 'D'], ['virtualfull', 'f'], ['base', 'B'], ['since', 'S']];
const BACKUP_STATUS_WORDS: Readonly<Record<string, string>> = { terminated: 'T', warnings: 'W', canceled: 'A', running: 'R', error: 'e', fatal: 'f' };

export async function listBackups(lc: ListContext): Promise<boolean> {
  const { ctx } = lc;
  const args = ctx.args;
  const client = args.value('client');
  const order = args.value('order');
  const desc = order === undefined ? false : orderIsDesc(order);
  if (!client || desc === undefined) {
    if (!client) ctx.out.error('missing parameter: client\n');
    ctx.out.error(`Unknown list keyword: ${lc.sub}\n`);
    return false;
  }
  if (!(await checkClientArg(lc, client))) return false;
  const fileSets = allowedFileSets(lc, args.value('fileset'));
  if (!fileSets) {
    ctx.out.error('Access to specified FileSet not allowed.\n');
    return false;
  }
  const filter: JobFilter = {
    clientName: client, types: ['B', 'A', 'a'], fileSets,
    jobStatus: backupStatuses(args.value('jobstatus')),
    ...(args.has('level') || args.has('joblevel') ? { levels: backupLevels(args.value('level') ?? args.value('joblevel') ?? '') } : {}),
  };
  return runJobQuery(lc, 'backups', filter, false, desc);
}

function orderIsDesc(order: string): boolean | undefined {
  const o = order.toLowerCase();
  if (o.length > 0 && 'ascending'.startsWith(o)) return false;
  if (o.length > 0 && 'descending'.startsWith(o)) return true;
  return undefined;
}

/** Configured filesets the console may use; `fileset=` narrows to one (undefined = denied). */
function allowedFileSets(lc: ListContext, wanted: string | undefined): string[] | undefined {
  const acl = lc.ctx.session.acl;
  const usable = lc.resources.names('fileset').filter((n) => acl.allows('fileset', n));
  if (wanted === undefined || wanted === '' || wanted.toLowerCase() === 'any') return usable;
  return usable.includes(wanted) ? [wanted] : undefined;
}

function backupStatuses(value: string | undefined): string[] {
  if (value === undefined) return ['T', 'W'];
  const out: string[] = [];
  for (const item of value.split(',')) {
    if (item.length === 1) out.push(item);
    else {
      const mapped = BACKUP_STATUS_WORDS[item.toLowerCase()];
      if (mapped) out.push(mapped);
    }
  }
  return out.length > 0 ? out : ['T', 'W'];
}

/** Each item is a case-insensitive prefix of a backup level name. */
function backupLevels(value: string): string[] {
  const out: string[] = [];
  for (const item of value.split(',')) {
    const lower = item.toLowerCase();
    const hit = BACKUP_LEVELS.find(([name]) => lower.length > 0 && name.startsWith(lower));
    if (hit) out.push(hit[1]);
  }
  return out.length > 0 ? out : ['?'];
}
