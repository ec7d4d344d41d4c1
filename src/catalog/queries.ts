/**
 * ListQuery -> SQL for one dialect. Every user-supplied value becomes a bound parameter; identifiers
 * are fixed strings in this file. Column aliases are lower case so both drivers report Bareos' names.
 */
import type { CatalogDriverName, Column, JobFilter, ListQuery, Range } from './types.ts';

export type Param = string | number;

export interface SqlSpec {
  readonly sql: string;
  readonly params: readonly Param[];
  readonly columns: readonly Column[];
}

export interface Dialect {
  readonly driver: CatalogDriverName;
  /** Interval text `00:01:09` / `1 day 02:03:04` between StartTime and EndTime (or now). */
  duration(prefix: string): string;
  /** True when a volume's retention has run out (prune candidates). */
  mediaExpired(prefix: string): string;
  readonly nullsLast: string;
  readonly nullsFirst: string;
  /** ORDER BY for job listings (SQLite sorts on the indexed expression). */
  jobOrder(desc: boolean): string;
}

export const SQLITE_DIALECT: Dialect = {
  driver: 'sqlite3',
  duration: (j) =>
    `bareos_interval(CASE WHEN ${j}.StartTime IS NULL THEN NULL ` +
    `WHEN ${j}.EndTime IS NOT NULL AND ${j}.EndTime >= ${j}.StartTime THEN unixepoch(${j}.EndTime) - unixepoch(${j}.StartTime) ` +
    `ELSE unixepoch('now', 'localtime') - unixepoch(${j}.StartTime) END)`,
  mediaExpired: (m) => `(unixepoch(${m}.LastWritten) + ${m}.VolRetention < unixepoch('now', 'localtime'))`,
  nullsLast: 'NULLS LAST',
  nullsFirst: 'NULLS FIRST',
  jobOrder: (desc) => (desc ? '(Job.StartTime IS NULL) DESC, Job.StartTime DESC, Job.JobId DESC' : '(Job.StartTime IS NULL), Job.StartTime, Job.JobId'),
};

export const POSTGRES_DIALECT: Dialect = {
  driver: 'postgresql',
  duration: (j) =>
    `CASE WHEN ${j}.StartTime IS NULL THEN NULL ` +
    `WHEN ${j}.EndTime IS NOT NULL AND ${j}.EndTime >= ${j}.StartTime THEN ${j}.EndTime - ${j}.StartTime ` +
    `ELSE LOCALTIMESTAMP(0) - ${j}.StartTime END`,
  mediaExpired: (m) => `(${m}.LastWritten + ${m}.VolRetention * INTERVAL '1 second' < LOCALTIMESTAMP(0))`,
  nullsLast: 'NULLS LAST',
  nullsFirst: 'NULLS FIRST',
  jobOrder: (desc) => (desc ? 'Job.StartTime DESC NULLS FIRST, Job.JobId DESC' : 'Job.StartTime ASC NULLS LAST, Job.JobId ASC'),
};

export function dialectOf(driver: CatalogDriverName): Dialect {
  return driver === 'postgresql' ? POSTGRES_DIALECT : SQLITE_DIALECT;
}

/** `name#` marks a numeric column, as in the reference's notation. */
function cols(spec: string): Column[] {
  return spec.split(/\s+/).filter(Boolean).map((w) => (w.endsWith('#') ? { name: w.slice(0, -1), numeric: true } : { name: w, numeric: false }));
}

/** Collects WHERE conditions and their parameters in order. */
class Where {
  readonly conds: string[] = [];
  readonly params: Param[] = [];
  add(cond: string, ...values: Param[]): void {
    this.conds.push(cond);
    this.params.push(...values);
  }
  in(expr: string, values: readonly string[] | undefined): void {
    if (!values || values.length === 0) return;
    this.add(`${expr} IN (${values.map(() => '?').join(', ')})`, ...values);
  }
  sql(): string {
    return this.conds.length ? ` WHERE ${this.conds.join(' AND ')}` : '';
  }
}

function rangeSql(range: Range | undefined, params: Param[]): string {
  if (!range || range.limit === undefined) return '';
  params.push(range.limit, range.offset ?? 0);
  return ' LIMIT ? OFFSET ?';
}

const JOB_SHORT = cols('jobid# name client starttime duration type level jobfiles# jobbytes# jobstatus');
const JOB_LONG = cols(
  'jobid# job name purgedfiles# type level clientid# client jobstatus schedtime starttime endtime realendtime duration jobtdate# ' +
    'volsessionid# volsessiontime# jobfiles# jobbytes# joberrors# jobmissingfiles# poolid# poolname priorjobid# filesetid# fileset',
);

function jobSelect(d: Dialect, long: boolean): string {
  const dur = d.duration('Job');
  if (!long) {
    return `Job.JobId AS jobid, Job.Name AS name, Client.Name AS client, Job.StartTime AS starttime, ${dur} AS duration, ` +
      'Job.Type AS type, Job.Level AS level, Job.JobFiles AS jobfiles, Job.JobBytes AS jobbytes, Job.JobStatus AS jobstatus';
  }
  return 'Job.JobId AS jobid, Job.Job AS job, Job.Name AS name, Job.PurgedFiles AS purgedfiles, Job.Type AS type, Job.Level AS level, ' +
    'Job.ClientId AS clientid, Client.Name AS client, Job.JobStatus AS jobstatus, Job.SchedTime AS schedtime, Job.StartTime AS starttime, ' +
    `Job.EndTime AS endtime, Job.RealEndTime AS realendtime, ${dur} AS duration, Job.JobTDate AS jobtdate, ` +
    'Job.VolSessionId AS volsessionid, Job.VolSessionTime AS volsessiontime, Job.JobFiles AS jobfiles, Job.JobBytes AS jobbytes, ' +
    'Job.JobErrors AS joberrors, Job.JobMissingFiles AS jobmissingfiles, Job.PoolId AS poolid, Pool.Name AS poolname, ' +
    'Job.PriorJobId AS priorjobid, Job.FileSetId AS filesetid, FileSet.FileSet AS fileset';
}

const JOB_FROM = ' FROM Job LEFT JOIN Client ON Client.ClientId = Job.ClientId LEFT JOIN Pool ON Pool.PoolId = Job.PoolId' +
  ' LEFT JOIN FileSet ON FileSet.FileSetId = Job.FileSetId';

function jobWhere(f: JobFilter): Where {
  const w = new Where();
  if (f.ujobId !== undefined) w.add('Job.Job = ?', f.ujobId);
  else if (f.jobId !== undefined) w.add('Job.JobId = ?', f.jobId);
  if (f.jobName) w.add('Job.Name = ?', f.jobName);
  if (f.clientName !== undefined) w.add('Client.Name = ?', f.clientName);
  w.in('Job.JobStatus', f.jobStatus);
  w.in('Job.Level', f.levels);
  w.in('Job.Type', f.types);
  if (f.poolName !== undefined) w.add('Pool.Name = ?', f.poolName);
  if (f.schedAfter !== undefined) w.add('Job.SchedTime > ?', f.schedAfter);
  if (f.volumeName !== undefined) {
    w.add('Job.JobId IN (SELECT JobMedia.JobId FROM JobMedia JOIN Media ON Media.MediaId = JobMedia.MediaId WHERE Media.VolumeName = ?)', f.volumeName);
  }
  if (f.fileSets !== undefined) {
    // An empty allowed list must match nothing, not everything.
    if (f.fileSets.length === 0) w.add('1 = 0');
    else w.in('FileSet.FileSet', f.fileSets);
  }
  return w;
}

function jobsSpec(d: Dialect, q: Extract<ListQuery, { kind: 'jobs' }>): SqlSpec {
  const w = jobWhere(q.filter);
  if (q.count) {
    return { sql: `SELECT COUNT(*) AS count${JOB_FROM}${w.sql()}`, params: w.params, columns: cols('count#') };
  }
  const params: Param[] = [...w.params];
  let where = w.sql();
  if (q.last) {
    // Highest JobId per job name among the rows that match the same filters.
    const inner = jobWhere(q.filter);
    const cond = `Job.JobId IN (SELECT MAX(Job.JobId)${JOB_FROM}${inner.sql()} GROUP BY Job.Name)`;
    where = where ? `${where} AND ${cond}` : ` WHERE ${cond}`;
    params.push(...inner.params);
  }
  const sql = `SELECT ${jobSelect(d, q.long)}${JOB_FROM}${where} ORDER BY ${d.jobOrder(q.reverse === true)}${rangeSql(q.range, params)}`;
  return { sql, params, columns: q.long ? JOB_LONG : JOB_SHORT };
}

function joblogSpec(q: Extract<ListQuery, { kind: 'joblog' }>): SqlSpec {
  if (q.count) return { sql: 'SELECT COUNT(*) AS count FROM Log WHERE Log.JobId = ?', params: [q.jobId], columns: cols('count#') };
  const params: Param[] = [q.jobId];
  const sql = `SELECT Log.Time AS time, Log.LogText AS logtext FROM Log WHERE Log.JobId = ? ORDER BY Log.LogId${rangeSql(q.range, params)}`;
  return { sql, params, columns: cols('time logtext') };
}

const TOTAL_TYPES = "Job.Type IN ('B', 'A', 'a', 'C')";

function clientsSpec(q: Extract<ListQuery, { kind: 'clients' }>): SqlSpec {
  const w = new Where();
  if (q.name !== undefined) w.add('Client.Name = ?', q.name);
  const select = q.long
    ? 'Client.ClientId AS clientid, Client.Name AS name, Client.UName AS uname, Client.AutoPrune AS autoprune, Client.FileRetention AS fileretention, Client.JobRetention AS jobretention'
    : 'Client.ClientId AS clientid, Client.Name AS name, Client.FileRetention AS fileretention, Client.JobRetention AS jobretention';
  return {
    sql: `SELECT ${select} FROM Client${w.sql()} ORDER BY Client.ClientId`,
    params: w.params,
    columns: q.long ? cols('clientid# name uname autoprune# fileretention# jobretention#') : cols('clientid# name fileretention# jobretention#'),
  };
}

const POOL_LONG_COLUMNS = 'Pool.PoolId AS poolid, Pool.Name AS name, Pool.NumVols AS numvols, Pool.MaxVols AS maxvols, Pool.UseOnce AS useonce, ' +
  'Pool.UseCatalog AS usecatalog, Pool.AcceptAnyVolume AS acceptanyvolume, Pool.VolRetention AS volretention, ' +
  'Pool.VolUseDuration AS voluseduration, Pool.MaxVolJobs AS maxvoljobs, Pool.MaxVolBytes AS maxvolbytes, Pool.AutoPrune AS autoprune, ' +
  'Pool.Recycle AS recycle, Pool.PoolType AS pooltype, Pool.LabelFormat AS labelformat, Pool.Enabled AS enabled, ' +
  'Pool.ScratchPoolId AS scratchpoolid, Pool.RecyclePoolId AS recyclepoolid, Pool.LabelType AS labeltype';
const POOL_LONG = 'poolid# name numvols# maxvols# useonce# usecatalog# acceptanyvolume# volretention# voluseduration# maxvoljobs# ' +
  'maxvolbytes# autoprune# recycle# pooltype labelformat enabled# scratchpoolid# recyclepoolid# labeltype#';

function poolWhere(q: { readonly name?: string; readonly poolId?: number }): Where {
  const w = new Where();
  if (q.name !== undefined) w.add('Pool.Name = ?', q.name);
  if (q.poolId !== undefined) w.add('Pool.PoolId = ?', q.poolId);
  return w;
}

function poolsSpec(q: Extract<ListQuery, { kind: 'pools' }>): SqlSpec {
  const w = poolWhere(q);
  const select = q.long
    ? POOL_LONG_COLUMNS
    : 'Pool.PoolId AS poolid, Pool.Name AS name, Pool.NumVols AS numvols, Pool.MaxVols AS maxvols, Pool.PoolType AS pooltype, Pool.LabelFormat AS labelformat';
  return {
    sql: `SELECT ${select} FROM Pool${w.sql()} ORDER BY Pool.PoolId`,
    params: w.params,
    columns: cols(q.long ? POOL_LONG : 'poolid# name numvols# maxvols# pooltype labelformat'),
  };
}

/**
 * Prune candidates per pool: Full/Used volumes whose retention ran out, and the jobs stored on them.
 * Computed in SQL with correlated subqueries so it stays one statement per listing.
 */
function poolsDetailSpec(d: Dialect, q: Extract<ListQuery, { kind: 'poolsDetail' }>): SqlSpec {
  const w = poolWhere(q);
  const prunable = `SELECT M.MediaId FROM Media M WHERE M.PoolId = Pool.PoolId AND M.VolStatus IN ('Full', 'Used') AND ${d.mediaExpired('M')}`;
  const jobsOn = `SELECT DISTINCT JM.JobId FROM JobMedia JM WHERE JM.MediaId IN (${prunable})`;
  const sql = `SELECT ${POOL_LONG_COLUMNS}, (SELECT COUNT(*) FROM (${prunable}) pv) AS prunablevolumes, ` +
    `(SELECT COUNT(*) FROM (${jobsOn}) pj) AS prunablejobs, ` +
    `(SELECT COALESCE(SUM(J.JobBytes), 0) FROM Job J WHERE J.JobId IN (${jobsOn})) AS prunablebytes ` +
    `FROM Pool${w.sql()} ORDER BY Pool.PoolId`;
  return { sql, params: w.params, columns: cols(`${POOL_LONG} prunablevolumes# prunablejobs# prunablebytes#`) };
}

const MEDIA_SHORT = 'Media.MediaId AS mediaid, Media.VolumeName AS volumename, Media.VolStatus AS volstatus, Media.Enabled AS enabled, ' +
  'Media.VolBytes AS volbytes, Media.VolFiles AS volfiles, Media.VolRetention AS volretention, Media.Recycle AS recycle, Media.Slot AS slot, ' +
  'Media.InChanger AS inchanger, Media.MediaType AS mediatype, Media.LastWritten AS lastwritten, Storage.Name AS storage, ' +
  "CASE WHEN Media.EncryptionKey IS NOT NULL AND Media.EncryptionKey <> '' THEN 1 ELSE 0 END AS hasencryptionkey";
const MEDIA_LONG = 'Media.MediaId AS mediaid, Media.VolumeName AS volumename, Media.Slot AS slot, Media.PoolId AS poolid, Pool.Name AS pool, ' +
  'Media.MediaType AS mediatype, Media.FirstWritten AS firstwritten, Media.LastWritten AS lastwritten, Media.LabelDate AS labeldate, ' +
  'Media.VolJobs AS voljobs, Media.VolFiles AS volfiles, Media.VolBlocks AS volblocks, Media.VolMounts AS volmounts, Media.VolBytes AS volbytes, ' +
  'Media.VolErrors AS volerrors, Media.VolWrites AS volwrites, Media.VolCapacityBytes AS volcapacitybytes, Media.VolStatus AS volstatus, ' +
  'Media.Enabled AS enabled, Media.Recycle AS recycle, Media.VolRetention AS volretention, Media.VolUseDuration AS voluseduration, ' +
  'Media.MaxVolJobs AS maxvoljobs, Media.MaxVolFiles AS maxvolfiles, Media.MaxVolBytes AS maxvolbytes, Media.InChanger AS inchanger, ' +
  'Media.EndFile AS endfile, Media.EndBlock AS endblock, Media.LabelType AS labeltype, Media.StorageId AS storageid, Media.DeviceId AS deviceid, ' +
  'Media.LocationId AS locationid, Media.RecycleCount AS recyclecount, Media.InitialWrite AS initialwrite, Media.ScratchPoolId AS scratchpoolid, ' +
  'ScratchPool.Name AS scratchpool, Media.RecyclePoolId AS recyclepoolid, RecyclePool.Name AS recyclepool, Media.Comment AS comment, Storage.Name AS storage';
const MEDIA_FROM = ' FROM Media LEFT JOIN Pool ON Pool.PoolId = Media.PoolId LEFT JOIN Pool ScratchPool ON ScratchPool.PoolId = Media.ScratchPoolId' +
  ' LEFT JOIN Pool RecyclePool ON RecyclePool.PoolId = Media.RecyclePoolId LEFT JOIN Storage ON Storage.StorageId = Media.StorageId';

function volumesSpec(q: Extract<ListQuery, { kind: 'volumes' }>): SqlSpec {
  const w = new Where();
  if (q.poolId !== undefined) w.add('Media.PoolId = ?', q.poolId);
  if (q.volumeName !== undefined) w.add('Media.VolumeName = ?', q.volumeName);
  if (q.mediaId !== undefined) w.add('Media.MediaId = ?', q.mediaId);
  if (q.count) return { sql: `SELECT COUNT(*) AS count FROM Media${w.sql()}`, params: w.params, columns: cols('count#') };
  const params: Param[] = [...w.params];
  const sql = `SELECT ${q.long ? MEDIA_LONG : MEDIA_SHORT}${MEDIA_FROM}${w.sql()} ORDER BY Media.MediaId${rangeSql(q.range, params)}`;
  const columns = q.long
    ? cols('mediaid# volumename slot# poolid# pool mediatype firstwritten lastwritten labeldate voljobs# volfiles# volblocks# volmounts# volbytes# ' +
      'volerrors# volwrites# volcapacitybytes# volstatus enabled# recycle# volretention# voluseduration# maxvoljobs# maxvolfiles# maxvolbytes# ' +
      'inchanger# endfile# endblock# labeltype# storageid# deviceid# locationid# recyclecount# initialwrite scratchpoolid# scratchpool ' +
      'recyclepoolid# recyclepool comment storage')
    : cols('mediaid# volumename volstatus enabled# volbytes# volfiles# volretention# recycle# slot# inchanger# mediatype lastwritten storage hasencryptionkey#');
  return { sql, params, columns };
}

function volumesOfJobSpec(q: Extract<ListQuery, { kind: 'volumesOfJob' }>): SqlSpec {
  if (q.long) {
    return {
      sql: 'SELECT JobMedia.JobMediaId AS jobmediaid, JobMedia.JobId AS jobid, JobMedia.MediaId AS mediaid, Media.VolumeName AS volumename ' +
        'FROM JobMedia JOIN Media ON Media.MediaId = JobMedia.MediaId WHERE JobMedia.JobId = ? ORDER BY JobMedia.JobMediaId',
      params: [q.jobId],
      columns: cols('jobmediaid# jobid# mediaid# volumename'),
    };
  }
  return {
    sql: 'SELECT DISTINCT Media.VolumeName AS volumename FROM JobMedia JOIN Media ON Media.MediaId = JobMedia.MediaId WHERE JobMedia.JobId = ? ORDER BY volumename',
    params: [q.jobId],
    columns: cols('volumename'),
  };
}

function filesetsSpec(q: Extract<ListQuery, { kind: 'filesets' }>): SqlSpec {
  const w = new Where();
  if (q.filesetId !== undefined) w.add('FileSet.FileSetId = ?', q.filesetId);
  if (q.jobId !== undefined) w.add('FileSet.FileSetId = (SELECT Job.FileSetId FROM Job WHERE Job.JobId = ?)', q.jobId);
  const params: Param[] = [...w.params];
  const sql = 'SELECT FileSet.FileSetId AS filesetid, FileSet.FileSet AS fileset, FileSet.MD5 AS md5, FileSet.CreateTime AS createtime, ' +
    `FileSet.FileSetText AS filesettext FROM FileSet${w.sql()} ORDER BY FileSet.FileSetId${rangeSql(q.range, params)}`;
  return { sql, params, columns: cols('filesetid# fileset md5 createtime filesettext') };
}

function logSpec(q: Extract<ListQuery, { kind: 'log' }>): SqlSpec {
  const w = new Where();
  w.add("Job.Type <> 'C'");
  if (q.clientName !== undefined) w.add('Client.Name = ?', q.clientName);
  const params: Param[] = [...w.params];
  // Newest N rows (offset counts from the newest), shown oldest first unless `reverse`.
  const inner = 'SELECT Log.LogId AS logid, Job.Name AS jobname, Client.Name AS clientname, Log.Time AS time, Log.LogText AS logtext ' +
    `FROM Log JOIN Job ON Job.JobId = Log.JobId LEFT JOIN Client ON Client.ClientId = Job.ClientId${w.sql()} ORDER BY Log.LogId DESC` +
    rangeSql({ limit: q.range.limit ?? 5, offset: q.range.offset ?? 0 }, params);
  const sql = `SELECT logid, jobname, clientname, time, logtext FROM (${inner}) newest ORDER BY logid ${q.reverse ? 'DESC' : 'ASC'}`;
  return { sql, params, columns: cols('logid# jobname clientname time logtext') };
}

export function buildSpec(d: Dialect, q: ListQuery): SqlSpec {
  switch (q.kind) {
    case 'jobs':
      return jobsSpec(d, q);
    case 'joblog':
      return joblogSpec(q);
    case 'jobtotals':
      return {
        sql: `SELECT COUNT(*) AS jobs, SUM(Job.JobFiles) AS files, SUM(Job.JobBytes) AS bytes, Job.Name AS job FROM Job WHERE ${TOTAL_TYPES} GROUP BY Job.Name ORDER BY Job.Name`,
        params: [],
        columns: cols('jobs# files# bytes# job'),
      };
    case 'jobtotalsSum':
      return {
        sql: `SELECT COUNT(*) AS jobs, SUM(Job.JobFiles) AS files, SUM(Job.JobBytes) AS bytes FROM Job WHERE ${TOTAL_TYPES}`,
        params: [],
        columns: cols('jobs# files# bytes#'),
      };
    case 'clients':
      return clientsSpec(q);
    case 'pools':
      return poolsSpec(q);
    case 'poolsDetail':
      return poolsDetailSpec(d, q);
    case 'volumes':
      return volumesSpec(q);
    case 'volumesOfJob':
      return volumesOfJobSpec(q);
    case 'filesets':
      return filesetsSpec(q);
    case 'storages':
      return { sql: 'SELECT Storage.StorageId AS storageid, Storage.Name AS name, Storage.AutoChanger AS autochanger FROM Storage ORDER BY Storage.StorageId', params: [], columns: cols('storageid# name autochanger#') };
    case 'log':
      return logSpec(q);
    case 'jobstats':
      return {
        sql: 'SELECT JobStats.DeviceId AS deviceid, JobStats.SampleTime AS sampletime, JobStats.JobId AS jobid, JobStats.JobFiles AS jobfiles, ' +
          'JobStats.JobBytes AS jobbytes FROM JobStats WHERE JobStats.JobId = ? ORDER BY JobStats.SampleTime',
        params: [q.jobId],
        columns: cols('deviceid# sampletime jobid# jobfiles# jobbytes#'),
      };
    case 'jobstatus':
      return jobstatusSpec(q.status);
  }
}

function jobstatusSpec(status: string | undefined): SqlSpec {
  const w = new Where();
  if (status !== undefined) w.add('Status.JobStatus = ?', status);
  const sql = 'SELECT Status.JobStatus AS jobstatus, Status.JobStatusLong AS jobstatuslong, Status.Severity AS severity, ' +
    "CASE WHEN Status.JobStatus = 'T' THEN '0' WHEN Status.JobStatus = 'W' THEN '1' WHEN Status.JobStatus IN ('e', 'f', 'A', 'E') THEN '2' ELSE NULL END AS exitlevel, " +
    "CASE WHEN Status.JobStatus = 'T' THEN 'Ok' WHEN Status.JobStatus = 'W' THEN 'Warning' WHEN Status.JobStatus IN ('e', 'f', 'A', 'E') THEN 'Error' ELSE NULL END AS exitstatus " +
    `FROM Status${w.sql()} ORDER BY Status.JobStatus`;
  return { sql, params: w.params, columns: cols('jobstatus jobstatuslong severity# exitlevel exitstatus') };
}

/** The width pass: longest text per column over the same rows, NULL counted as 4. */
export function maxLengthSpec(spec: SqlSpec): SqlSpec {
  const parts = spec.columns.map((c) => `MAX(COALESCE(LENGTH(CAST(q."${c.name}" AS TEXT)), 4))`);
  return { sql: `SELECT ${parts.join(', ')} FROM (${spec.sql}) q`, params: spec.params, columns: spec.columns };
}

/** PostgreSQL numbers its placeholders. The SQL in this file has no `?` inside string literals. */
export function numberPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}
