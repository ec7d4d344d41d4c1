/**
 * The embedded SQLite driver (better-sqlite3). better-sqlite3 is synchronous and refuses other
 * statements on a connection while an iterator is open, so each streaming listing borrows its own
 * reader connection (WAL lets readers and the writer work side by side); short queries use the main one.
 */
import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { CatalogQueryError, CatalogReadOnlyError, CatalogSchemaError, CatalogUnavailableError } from './errors.ts';
import { formatInterval, formatTimestamp } from './interval.ts';
import { buildSpec, maxLengthSpec, SQLITE_DIALECT, type Param, type SqlSpec } from './queries.ts';
import { indexStatements, JOB_STATUSES, SCHEMA_TABLE, SCHEMA_VERSION, schemaStatements, tableDef, type CatalogTable } from './schema.ts';
import { history } from './seed.ts';
import type { Catalog, CatalogSettings, InsertValue, JobRef, Listing, ListQuery, NamedId, Row, SeedOptions, SeedReport } from './types.ts';

type Db = Database.Database;
const MAX_IDLE_READERS = 4;

export function sqlitePath(settings: CatalogSettings): string {
  const name = settings.dbName.endsWith('.db') ? settings.dbName : `${settings.dbName}.db`;
  return isAbsolute(name) ? name : resolve(settings.dataDir, name);
}

export class SqliteCatalog implements Catalog {
  readonly driver = 'sqlite3' as const;
  readonly readOnly: boolean;
  readonly description: string;
  private main: Db | undefined;
  private readonly idle: Db[] = [];

  constructor(readonly path: string, readOnly = false) {
    this.readOnly = readOnly;
    this.description = `sqlite3:${path}`;
  }

  private connect(): Db {
    try {
      if (this.readOnly && !existsSync(this.path)) throw new Error(`no such file ${this.path}`);
      if (!this.readOnly) mkdirSync(dirname(this.path), { recursive: true });
      const db = new Database(this.path, { readonly: this.readOnly, fileMustExist: this.readOnly });
      db.pragma('busy_timeout = 5000');
      if (!this.readOnly) db.pragma('journal_mode = WAL');
      // Durations are printed like PostgreSQL intervals; the width pass needs them in SQL too.
      db.function('bareos_interval', { deterministic: true }, (s: unknown) => (typeof s === 'number' || typeof s === 'bigint' ? formatInterval(Number(s)) : null));
      return db;
    } catch (err) {
      throw new CatalogUnavailableError(err);
    }
  }

  private db(): Db {
    if (!this.main || !this.main.open) this.main = this.connect();
    return this.main;
  }

  private borrowReader(): Db {
    return this.idle.pop() ?? this.connect();
  }

  private returnReader(db: Db): void {
    if (this.idle.length < MAX_IDLE_READERS && db.open) this.idle.push(db);
    else db.close();
  }

  list(query: ListQuery): Listing {
    const spec = buildSpec(SQLITE_DIALECT, query);
    return {
      columns: spec.columns,
      batches: (size = 256) => this.stream(spec, size),
      maxLengths: async () => this.maxLengths(spec),
    };
  }

  private async *stream(spec: SqlSpec, size: number): AsyncGenerator<readonly Row[]> {
    const db = this.borrowReader();
    let iter: IterableIterator<unknown[]> | undefined;
    try {
      iter = this.guard(() => db.prepare(spec.sql).raw(true).safeIntegers(true).iterate(...spec.params) as IterableIterator<unknown[]>);
      for (;;) {
        const batch = this.guard(() => nextBatch(iter as IterableIterator<unknown[]>, size));
        if (batch.length > 0) yield batch;
        if (batch.length < size) break;
      }
    } finally {
      iter?.return?.();
      this.returnReader(db);
    }
  }

  private maxLengths(spec: SqlSpec): number[] {
    const row = this.all(maxLengthSpec(spec))[0];
    return spec.columns.map((_, i) => Number(row?.[i] ?? 0));
  }

  private all(spec: { sql: string; params: readonly Param[] }): Row[] {
    return this.guard(() => (this.db().prepare(spec.sql).raw(true).safeIntegers(true).all(...spec.params) as unknown[][]).map(toTextRow));
  }

  /** Every driver error leaves as a CatalogError without SQL text. */
  private guard<T>(fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      if (err instanceof CatalogUnavailableError) throw err;
      const code = (err as { code?: unknown }).code;
      if (code === 'SQLITE_CANTOPEN' || code === 'SQLITE_NOTADB' || code === 'SQLITE_IOERR') throw new CatalogUnavailableError(err);
      throw new CatalogQueryError(err);
    }
  }

  async findJob(ref: { jobId?: number; ujobId?: string }): Promise<JobRef | undefined> {
    const cond = ref.ujobId !== undefined ? 'Job.Job = ?' : 'Job.JobId = ?';
    const param = ref.ujobId ?? ref.jobId;
    if (param === undefined) return undefined;
    const row = this.all({ sql: `SELECT Job.JobId, Job.Job, Job.Name, Client.Name FROM Job LEFT JOIN Client ON Client.ClientId = Job.ClientId WHERE ${cond}`, params: [param] })[0];
    return row ? { jobId: Number(row[0]), job: row[1] ?? '', name: row[2] ?? '', clientName: row[3] ?? null } : undefined;
  }

  async findClient(name: string): Promise<NamedId | undefined> {
    return namedId(this.all({ sql: 'SELECT ClientId, Name FROM Client WHERE Name = ?', params: [name] })[0]);
  }

  async findPool(name: string): Promise<NamedId | undefined> {
    return namedId(this.all({ sql: 'SELECT PoolId, Name FROM Pool WHERE Name = ?', params: [name] })[0]);
  }

  async pools(): Promise<NamedId[]> {
    return this.all({ sql: 'SELECT PoolId, Name FROM Pool ORDER BY PoolId', params: [] }).map((r) => namedId(r) as NamedId);
  }

  async recentJobs(clientName: string, limit: number): Promise<Row[]> {
    return this.all({ sql: RECENT_JOBS_SQL, params: [clientName, limit] });
  }

  async ping(): Promise<boolean> {
    try {
      this.all({ sql: 'SELECT 1', params: [] });
      return true;
    } catch {
      return false;
    }
  }

  async init(): Promise<{ created: boolean; version: number }> {
    if (this.readOnly) throw new CatalogReadOnlyError();
    const db = this.db();
    const existing = this.schemaVersion(db);
    if (existing !== undefined) {
      if (existing !== SCHEMA_VERSION) throw new CatalogSchemaError(`schema version ${existing}, this tsbareos knows ${SCHEMA_VERSION}`);
      return { created: false, version: existing };
    }
    this.guard(() => db.transaction(() => {
      for (const sql of schemaStatements('sqlite3')) db.exec(sql);
      const ins = db.prepare('INSERT INTO Status (JobStatus, JobStatusLong, Severity) VALUES (?, ?, ?)');
      for (const s of JOB_STATUSES) ins.run(...s);
      db.prepare(`INSERT INTO ${SCHEMA_TABLE} (Version, CreatedAt) VALUES (?, ?)`).run(SCHEMA_VERSION, formatTimestamp(new Date()));
    })());
    return { created: true, version: SCHEMA_VERSION };
  }

  private schemaVersion(db: Db): number | undefined {
    const t = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?").get(SCHEMA_TABLE);
    if (!t) return undefined;
    const row = db.prepare(`SELECT MAX(Version) AS v FROM ${SCHEMA_TABLE}`).get() as { v: number | null };
    return row.v ?? undefined;
  }

  async insert(table: CatalogTable, record: Readonly<Record<string, InsertValue>>): Promise<void> {
    if (this.readOnly) throw new CatalogReadOnlyError();
    const { sql, values } = insertSql(table, record);
    this.guard(() => this.db().prepare(sql).run(...values));
  }

  async seed(options: SeedOptions): Promise<SeedReport> {
    if (this.readOnly) throw new CatalogReadOnlyError();
    await this.init();
    const db = this.db();
    const started = performance.now();
    const jobs = this.all({ sql: 'SELECT COUNT(*) FROM Job', params: [] })[0]?.[0];
    if (jobs !== '0') throw new CatalogSchemaError('the catalog already holds jobs; seed an empty catalog');
    // Bulk load without the secondary indexes, then build them once: much faster than maintaining
    // them row by row.
    for (const name of indexNames()) db.exec(`DROP INDEX IF EXISTS ${name}`);
    // A bulk load of a fresh database: a crash mid-way leaves a catalog to delete anyway, so skip
    // the rollback journal and fsyncs, and give SQLite a large page cache for the index builds.
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -262144');
    const prepared = new Map<string, Database.Statement>();
    const counts = this.guard(() => db.transaction(() => {
      const gen = history(options);
      for (let r = gen.next(); ; r = gen.next()) {
        if (r.done) return r.value;
        const [table, record] = r.value;
        let stmt = prepared.get(table);
        if (!stmt) {
          stmt = db.prepare(insertSql(table, record).sql);
          prepared.set(table, stmt);
        }
        stmt.run(...Object.values(record));
      }
    })());
    this.guard(() => {
      for (const sql of indexStatements('sqlite3')) db.exec(sql);
      db.exec(UPDATE_NUMVOLS);
      db.exec('ANALYZE');
    });
    db.pragma('synchronous = FULL');
    db.pragma('journal_mode = WAL');
    return { ...counts, millis: Math.round(performance.now() - started) };
  }

  async close(): Promise<void> {
    for (const db of this.idle.splice(0)) db.close();
    this.main?.close();
    this.main = undefined;
  }
}

export const UPDATE_NUMVOLS = 'UPDATE Pool SET NumVols = (SELECT COUNT(*) FROM Media WHERE Media.PoolId = Pool.PoolId)';

/** Secondary indexes that seeding drops and rebuilds (unique name indexes stay). */
export function indexNames(): string[] {
  return indexStatements('sqlite3')
    .map((sql) => /INDEX IF NOT EXISTS (\w+)/.exec(sql)?.[1] ?? '')
    .filter((name) => name !== '' && !isUniqueIndex(name));
}

function isUniqueIndex(name: string): boolean {
  return name === 'client_name_idx' || name === 'pool_name_idx' || name === 'media_volumename_idx';
}

export const RECENT_JOBS_SQL = 'SELECT Job.JobId, Job.Name, Job.Level, Job.Type, Job.JobStatus, Job.JobFiles, Job.JobBytes, Job.StartTime, Job.EndTime ' +
  'FROM Job JOIN Client ON Client.ClientId = Job.ClientId WHERE Client.Name = ? ORDER BY Job.JobId DESC LIMIT ?';

/** INSERT for a record whose keys must all be columns of the table (checked, case-insensitive). */
export function insertSql(table: CatalogTable, record: Readonly<Record<string, InsertValue>>, placeholder: (i: number) => string = () => '?'): { sql: string; values: InsertValue[] } {
  const def = tableDef(table);
  const names: string[] = [];
  const values: InsertValue[] = [];
  for (const [key, value] of Object.entries(record)) {
    const col = def.columns.find((c) => c.name.toLowerCase() === key.toLowerCase());
    if (!col) throw new CatalogSchemaError(`table ${table} has no column ${JSON.stringify(key)}`);
    names.push(col.name);
    values.push(value);
  }
  return { sql: `INSERT INTO ${def.name} (${names.join(', ')}) VALUES (${names.map((_, i) => placeholder(i + 1)).join(', ')})`, values };
}

function nextBatch(iter: IterableIterator<unknown[]>, size: number): Row[] {
  const batch: Row[] = [];
  while (batch.length < size) {
    const r = iter.next();
    if (r.done) break;
    batch.push(toTextRow(r.value));
  }
  return batch;
}

function toTextRow(values: unknown[]): Row {
  return values.map(toText);
}

function toText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'bigint' || typeof v === 'number') return String(v);
  if (Buffer.isBuffer(v)) return v.toString('utf8');
  return String(v);
}

function namedId(row: Row | undefined): NamedId | undefined {
  return row ? { id: Number(row[0]), name: row[1] ?? '' } : undefined;
}
