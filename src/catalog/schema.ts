/**
 * The tables we read, with Bareos' own table and column names and types (reference §1), so an
 * existing Bareos PostgreSQL catalog can be served as is. The DDL below is only run by `init` on our
 * own databases; column lists also serve to validate `insert` (no user text becomes an identifier).
 */
import type { CatalogDriverName } from './types.ts';

export const SCHEMA_VERSION = 1;
/** Our own bookkeeping table; Bareos' `Version` table is left to Bareos. */
export const SCHEMA_TABLE = 'TsbareosSchema';

export type SqlType = 'serial' | 'int2' | 'int4' | 'int8' | 'num' | 'text' | 'char1' | 'ts';

export interface ColumnDef {
  readonly name: string;
  readonly type: SqlType;
  /** SQL literal default; integers default to 0 unless `null`. */
  readonly default?: string | null;
}

export interface TableDef {
  readonly name: CatalogTable;
  readonly columns: readonly ColumnDef[];
}

export type CatalogTable = 'Client' | 'Pool' | 'Storage' | 'FileSet' | 'Media' | 'Job' | 'JobMedia' | 'Log' | 'JobStats' | 'Status';

const c = (name: string, type: SqlType, dflt?: string | null): ColumnDef => (dflt === undefined ? { name, type } : { name, type, default: dflt });

export const TABLES: readonly TableDef[] = [
  {
    name: 'Client',
    columns: [c('ClientId', 'serial'), c('Name', 'text'), c('UName', 'text', "''"), c('AutoPrune', 'int2'), c('FileRetention', 'int8'), c('JobRetention', 'int8')],
  },
  {
    name: 'Pool',
    columns: [
      c('PoolId', 'serial'), c('Name', 'text'), c('NumVols', 'int4'), c('MaxVols', 'int4'), c('UseOnce', 'int2'), c('UseCatalog', 'int2'),
      c('AcceptAnyVolume', 'int2'), c('VolRetention', 'int8'), c('VolUseDuration', 'int8'), c('MaxVolJobs', 'int4'), c('MaxVolFiles', 'int4'),
      c('MaxVolBytes', 'int8'), c('AutoPrune', 'int2'), c('Recycle', 'int2'), c('ActionOnPurge', 'int2'), c('PoolType', 'text'),
      c('LabelType', 'int4'), c('LabelFormat', 'text'), c('Enabled', 'int2', '1'), c('ScratchPoolId', 'int4'), c('RecyclePoolId', 'int4'),
      c('NextPoolId', 'int4'), c('MinBlockSize', 'int4'), c('MaxBlockSize', 'int4'), c('MigrationHighBytes', 'int8'),
      c('MigrationLowBytes', 'int8'), c('MigrationTime', 'int8'),
    ],
  },
  { name: 'Storage', columns: [c('StorageId', 'serial'), c('Name', 'text'), c('AutoChanger', 'int4')] },
  {
    name: 'FileSet',
    columns: [c('FileSetId', 'serial'), c('FileSet', 'text'), c('FileSetText', 'text', "''"), c('MD5', 'text'), c('CreateTime', 'ts')],
  },
  {
    name: 'Media',
    columns: [
      c('MediaId', 'serial'), c('VolumeName', 'text'), c('Slot', 'int8'), c('PoolId', 'int4'), c('MediaType', 'text'), c('MediaTypeId', 'int4'),
      c('LabelType', 'int4'), c('FirstWritten', 'ts'), c('LastWritten', 'ts'), c('LabelDate', 'ts'), c('VolJobs', 'int8'), c('VolFiles', 'int8'),
      c('VolBlocks', 'int8'), c('VolMounts', 'int8'), c('VolBytes', 'int8'), c('VolErrors', 'int8'), c('VolWrites', 'int8'),
      c('VolCapacityBytes', 'int8'), c('VolStatus', 'text'), c('Enabled', 'int2', '1'), c('Recycle', 'int2'), c('ActionOnPurge', 'int2'),
      c('VolRetention', 'int8'), c('VolUseDuration', 'int8'), c('MaxVolJobs', 'int8'), c('MaxVolFiles', 'int8'), c('MaxVolBytes', 'int8'),
      c('InChanger', 'int2'), c('StorageId', 'int4'), c('DeviceId', 'int4'), c('MediaAddressing', 'int2'), c('VolReadTime', 'int8'),
      c('VolWriteTime', 'int8'), c('EndFile', 'int8'), c('EndBlock', 'int8'), c('LocationId', 'int4'), c('RecycleCount', 'int8'),
      c('MinBlockSize', 'int8'), c('MaxBlockSize', 'int8'), c('InitialWrite', 'ts'), c('ScratchPoolId', 'int4'), c('RecyclePoolId', 'int4'),
      c('EncryptionKey', 'text', null), c('Comment', 'text', null),
    ],
  },
  {
    name: 'Job',
    columns: [
      c('JobId', 'serial'), c('Job', 'text'), c('Name', 'text'), c('Type', 'char1'), c('Level', 'char1'), c('ClientId', 'int4'),
      c('JobStatus', 'char1'), c('SchedTime', 'ts'), c('StartTime', 'ts'), c('EndTime', 'ts'), c('RealEndTime', 'ts'), c('JobTDate', 'int8'),
      c('VolSessionId', 'int4'), c('VolSessionTime', 'int4'), c('JobFiles', 'int4'), c('JobBytes', 'int8'), c('ReadBytes', 'int8'),
      c('JobErrors', 'int4'), c('JobMissingFiles', 'int4'), c('PoolId', 'int4'), c('FileSetId', 'int4'), c('PriorJobId', 'int4'),
      c('PurgedFiles', 'int2'), c('HasBase', 'int2'), c('HasCache', 'int2'), c('Reviewed', 'int2'), c('Comment', 'text', null),
    ],
  },
  {
    name: 'JobMedia',
    columns: [
      c('JobMediaId', 'serial'), c('JobId', 'int4'), c('MediaId', 'int4'), c('FirstIndex', 'int4'), c('LastIndex', 'int4'), c('StartFile', 'int4'),
      c('EndFile', 'int4'), c('StartBlock', 'int8'), c('EndBlock', 'int8'), c('JobBytes', 'num'), c('VolIndex', 'int4'),
    ],
  },
  { name: 'Log', columns: [c('LogId', 'serial'), c('JobId', 'int4'), c('Time', 'ts'), c('LogText', 'text')] },
  { name: 'JobStats', columns: [c('DeviceId', 'int4'), c('SampleTime', 'ts'), c('JobId', 'int4'), c('JobFiles', 'int4'), c('JobBytes', 'int8')] },
  { name: 'Status', columns: [c('JobStatus', 'char1'), c('JobStatusLong', 'text'), c('Severity', 'int4')] },
];

export function tableDef(name: CatalogTable): TableDef {
  const def = TABLES.find((t) => t.name === name);
  if (!def) throw new Error(`no table ${name}`);
  return def;
}

const PG_TYPES: Record<SqlType, string> = {
  serial: 'SERIAL PRIMARY KEY', int2: 'SMALLINT', int4: 'INTEGER', int8: 'BIGINT', num: 'NUMERIC(20)',
  text: 'TEXT', char1: 'CHAR(1)', ts: 'TIMESTAMP WITHOUT TIME ZONE',
};
const SQLITE_TYPES: Record<SqlType, string> = {
  serial: 'INTEGER PRIMARY KEY', int2: 'INTEGER', int4: 'INTEGER', int8: 'INTEGER', num: 'INTEGER',
  text: 'TEXT', char1: 'TEXT', ts: 'TEXT',
};
const INTEGER_TYPES: ReadonlySet<SqlType> = new Set(['int2', 'int4', 'int8', 'num']);

function columnDdl(col: ColumnDef, driver: CatalogDriverName): string {
  const type = (driver === 'postgresql' ? PG_TYPES : SQLITE_TYPES)[col.type];
  let dflt = col.default;
  if (dflt === undefined && INTEGER_TYPES.has(col.type)) dflt = '0';
  return dflt === undefined || dflt === null ? `${col.name} ${type}` : `${col.name} ${type} DEFAULT ${dflt}`;
}

/** Statements creating tables and indexes; run inside one transaction by `init`. */
export function schemaStatements(driver: CatalogDriverName): string[] {
  const stmts = TABLES.map((t) => `CREATE TABLE IF NOT EXISTS ${t.name} (${t.columns.map((col) => columnDdl(col, driver)).join(', ')})`);
  stmts.push(`CREATE TABLE IF NOT EXISTS ${SCHEMA_TABLE} (Version INTEGER NOT NULL, CreatedAt TEXT NOT NULL)`);
  return stmts.concat(indexStatements(driver));
}

/** Indexes for the filters the list commands offer; created after bulk seeding for speed. */
export function indexStatements(driver: CatalogDriverName): string[] {
  // Listings order by StartTime with NULLs last (PostgreSQL's ascending order). SQLite cannot walk a
  // plain index for NULLS LAST, so it gets an index on exactly the expression the query sorts by.
  const startIdx = driver === 'postgresql'
    ? 'CREATE INDEX IF NOT EXISTS job_starttime_idx ON Job (StartTime, JobId)'
    : 'CREATE INDEX IF NOT EXISTS job_starttime_idx ON Job ((StartTime IS NULL), StartTime, JobId)';
  return [
    startIdx,
    'CREATE INDEX IF NOT EXISTS job_name_idx ON Job (Name)',
    'CREATE INDEX IF NOT EXISTS job_clientid_idx ON Job (ClientId)',
    'CREATE INDEX IF NOT EXISTS job_schedtime_idx ON Job (SchedTime)',
    'CREATE INDEX IF NOT EXISTS job_job_idx ON Job (Job)',
    'CREATE INDEX IF NOT EXISTS job_poolid_idx ON Job (PoolId)',
    'CREATE UNIQUE INDEX IF NOT EXISTS client_name_idx ON Client (Name)',
    'CREATE UNIQUE INDEX IF NOT EXISTS pool_name_idx ON Pool (Name)',
    'CREATE UNIQUE INDEX IF NOT EXISTS media_volumename_idx ON Media (VolumeName)',
    'CREATE INDEX IF NOT EXISTS media_poolid_idx ON Media (PoolId)',
    'CREATE INDEX IF NOT EXISTS jobmedia_jobid_idx ON JobMedia (JobId, MediaId)',
    'CREATE INDEX IF NOT EXISTS jobmedia_mediaid_idx ON JobMedia (MediaId)',
    'CREATE INDEX IF NOT EXISTS log_jobid_idx ON Log (JobId)',
    'CREATE INDEX IF NOT EXISTS jobstats_jobid_idx ON JobStats (JobId)',
  ];
}

/** The static Status table (reference §1): letter, long text, severity. */
export const JOB_STATUSES: readonly (readonly [string, string, number])[] = [
  ['C', 'Created, not yet running', 15], ['R', 'Running', 15], ['B', 'Blocked', 15], ['T', 'Completed successfully', 10],
  ['E', 'Terminated with errors', 25], ['e', 'Non-fatal error', 20], ['f', 'Fatal error', 100], ['D', 'Verify found differences', 15],
  ['A', 'Canceled by user', 90], ['I', 'Incomplete job', 15], ['L', 'Committing data', 15], ['W', 'Terminated with warnings', 20],
  ['l', 'Doing data despooling', 15], ['F', 'Waiting for Client', 15], ['S', 'Waiting for Storage daemon', 15],
  ['m', 'Waiting for new media', 15], ['M', 'Waiting for media mount', 15], ['s', 'Waiting for storage resource', 15],
  ['j', 'Waiting for job resource', 15], ['c', 'Waiting for client resource', 15], ['d', 'Waiting on maximum jobs', 15],
  ['t', 'Waiting on start time', 15], ['p', 'Waiting on higher priority jobs', 15], ['a', 'SD despooling attributes', 15],
  ['i', 'Doing batch insert file records', 15], ['q', 'Queued waiting for device', 15],
];
