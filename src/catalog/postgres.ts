/**
 * The PostgreSQL driver (`pg`). Works on our own databases and, read-only, on an existing Bareos
 * catalog: the queries use only Bareos' tables and columns. Values are read as raw text (no type
 * parsing), so numbers, timestamps and intervals reach the renderers exactly as PostgreSQL prints
 * them under `datestyle ISO, YMD` and the `postgres` IntervalStyle, as in Bareos (reference §0.1).
 * Large listings stream through a server-side cursor (DECLARE/FETCH inside a read-only transaction).
 */
import pg from 'pg';
import { CatalogError, CatalogQueryError, CatalogReadOnlyError, CatalogSchemaError, CatalogSettingsError, CatalogUnavailableError } from './errors.ts';
import { formatTimestamp } from './interval.ts';
import { buildSpec, maxLengthSpec, numberPlaceholders, POSTGRES_DIALECT, type Param, type SqlSpec } from './queries.ts';
import { indexStatements, JOB_STATUSES, SCHEMA_TABLE, SCHEMA_VERSION, schemaStatements, TABLES, tableDef, type CatalogTable, type SqlType } from './schema.ts';
import { history, type SeedRecord } from './seed.ts';
import { insertSql, RECENT_JOBS_SQL, UPDATE_NUMVOLS } from './sqlite.ts';
import type { Catalog, CatalogSettings, InsertValue, JobRef, Listing, ListQuery, NamedId, Row, SeedOptions, SeedReport } from './types.ts';

const TEXT_TYPES: pg.CustomTypesConfig = { getTypeParser: () => (value: string) => value };
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const SEED_BATCH = 5000;

/** Settings plus an optional schema (search_path), which tests use to isolate themselves. */
export interface PostgresSettings extends CatalogSettings {
  readonly schema?: string;
}

/** Settings from a `postgres://user:pass@host:port/db` URL (tests, benchmarks). */
export function settingsFromUrl(url: string, dataDir: string, extra: Partial<PostgresSettings> = {}): PostgresSettings {
  const u = new URL(url);
  return {
    driver: 'postgresql',
    dbName: decodeURIComponent(u.pathname.replace(/^\//, '')),
    dbAddress: u.hostname,
    dbPort: u.port ? Number(u.port) : 5432,
    dbUser: decodeURIComponent(u.username),
    dbPassword: decodeURIComponent(u.password),
    dataDir,
    ...extra,
  };
}

export class PostgresCatalog implements Catalog {
  readonly driver = 'postgresql' as const;
  readonly readOnly: boolean;
  readonly description: string;
  private readonly pool: pg.Pool;
  private readonly schema: string | undefined;
  private closed = false;

  constructor(settings: PostgresSettings) {
    this.readOnly = settings.readOnly === true;
    this.schema = settings.schema;
    if (this.schema !== undefined && !SCHEMA_NAME.test(this.schema)) throw new CatalogSettingsError(`invalid schema name ${JSON.stringify(this.schema)}`);
    const host = settings.dbSocket ?? settings.dbAddress ?? 'localhost';
    this.description = `postgresql:${settings.dbUser ?? ''}@${host}:${settings.dbPort ?? 5432}/${settings.dbName}`;
    const options = ['-c datestyle=ISO,YMD', '-c intervalstyle=postgres'];
    if (this.readOnly) options.push('-c default_transaction_read_only=on');
    if (this.schema) options.push(`-c search_path=${this.schema}`);
    this.pool = new pg.Pool({
      host,
      port: settings.dbPort ?? 5432,
      database: settings.dbName,
      user: settings.dbUser,
      password: settings.dbPassword,
      options: options.join(' '),
      max: 8,
      connectionTimeoutMillis: 5000,
      idleTimeoutMillis: 30_000,
    });
    // An idle client whose server went away emits 'error'; the pool drops it and connects anew on
    // the next query. Without a listener the process would crash.
    this.pool.on('error', () => undefined);
  }

  list(query: ListQuery): Listing {
    const spec = buildSpec(POSTGRES_DIALECT, query);
    return {
      columns: spec.columns,
      batches: (size = 256) => this.stream(spec, size),
      maxLengths: async () => {
        const row = (await this.rows(maxLengthSpec(spec)))[0];
        return spec.columns.map((_, i) => Number(row?.[i] ?? 0));
      },
    };
  }

  private async *stream(spec: SqlSpec, size: number): AsyncGenerator<readonly Row[]> {
    const client = await this.connect();
    let broken = false;
    try {
      await this.run(client, 'BEGIN READ ONLY', []);
      await this.run(client, `DECLARE listing NO SCROLL CURSOR FOR ${numberPlaceholders(spec.sql)}`, spec.params);
      for (;;) {
        const batch = await this.run(client, `FETCH ${size} FROM listing`, []);
        if (batch.length > 0) yield batch;
        if (batch.length < size) break;
      }
      await this.run(client, 'COMMIT', []);
    } catch (err) {
      broken = err instanceof CatalogUnavailableError;
      throw err;
    } finally {
      // Also reached when the consumer stops early: end the transaction before reuse.
      if (!broken) await client.query('ROLLBACK').catch(() => { broken = true; });
      client.release(broken);
    }
  }

  private async connect(): Promise<pg.PoolClient> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (err) {
      throw new CatalogUnavailableError(err);
    }
    // A checked-out client whose server vanishes emits 'error' besides failing its query; the
    // query's rejection is what we report, the event must not crash the process.
    if (!CLIENT_GUARDED.has(client)) {
      client.on('error', () => undefined);
      CLIENT_GUARDED.add(client);
    }
    return client;
  }

  private async run(client: pg.ClientBase, text: string, values: readonly Param[]): Promise<Row[]> {
    try {
      const res = await client.query({ text, values: [...values], rowMode: 'array', types: TEXT_TYPES });
      return (res.rows as (string | null)[][]) ?? [];
    } catch (err) {
      throw mapError(err);
    }
  }

  /** A short query on a pooled connection. */
  private async rows(spec: { sql: string; params: readonly Param[] }): Promise<Row[]> {
    const client = await this.connect();
    let broken = false;
    try {
      return await this.run(client, numberPlaceholders(spec.sql), spec.params);
    } catch (err) {
      broken = err instanceof CatalogUnavailableError;
      throw err;
    } finally {
      client.release(broken);
    }
  }

  async findJob(ref: { jobId?: number; ujobId?: string }): Promise<JobRef | undefined> {
    const param = ref.ujobId ?? ref.jobId;
    if (param === undefined) return undefined;
    const cond = ref.ujobId !== undefined ? 'Job.Job = ?' : 'Job.JobId = ?';
    const row = (await this.rows({ sql: `SELECT Job.JobId, Job.Job, Job.Name, Client.Name FROM Job LEFT JOIN Client ON Client.ClientId = Job.ClientId WHERE ${cond}`, params: [param] }))[0];
    return row ? { jobId: Number(row[0]), job: row[1] ?? '', name: row[2] ?? '', clientName: row[3] ?? null } : undefined;
  }

  async findClient(name: string): Promise<NamedId | undefined> {
    return namedId((await this.rows({ sql: 'SELECT ClientId, Name FROM Client WHERE Name = ?', params: [name] }))[0]);
  }

  async findPool(name: string): Promise<NamedId | undefined> {
    return namedId((await this.rows({ sql: 'SELECT PoolId, Name FROM Pool WHERE Name = ?', params: [name] }))[0]);
  }

  async pools(): Promise<NamedId[]> {
    return (await this.rows({ sql: 'SELECT PoolId, Name FROM Pool ORDER BY PoolId', params: [] })).map((r) => namedId(r) as NamedId);
  }

  async recentJobs(clientName: string, limit: number): Promise<Row[]> {
    return this.rows({ sql: RECENT_JOBS_SQL, params: [clientName, limit] });
  }

  async ping(): Promise<boolean> {
    try {
      await this.rows({ sql: 'SELECT 1', params: [] });
      return true;
    } catch {
      return false;
    }
  }

  /** Runs `fn` in one transaction on one connection (init, seed). */
  private async transaction<T>(fn: (q: (sql: string, values?: readonly unknown[]) => Promise<Row[]>) => Promise<T>): Promise<T> {
    if (this.readOnly) throw new CatalogReadOnlyError();
    const client = await this.connect();
    const q = async (sql: string, values: readonly unknown[] = []): Promise<Row[]> => {
      try {
        return (await client.query({ text: sql, values: [...values], rowMode: 'array', types: TEXT_TYPES })).rows as Row[];
      } catch (err) {
        throw mapError(err);
      }
    };
    try {
      await q('BEGIN');
      const result = await fn(q);
      await q('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  async init(): Promise<{ created: boolean; version: number }> {
    return this.transaction(async (q) => {
      if (this.schema) await q(`CREATE SCHEMA IF NOT EXISTS ${this.schema}`);
      const exists = (await q('SELECT to_regclass($1)', [SCHEMA_TABLE.toLowerCase()]))[0]?.[0];
      if (exists) {
        const v = Number((await q(`SELECT MAX(Version) FROM ${SCHEMA_TABLE}`))[0]?.[0]);
        if (v !== SCHEMA_VERSION) throw new CatalogSchemaError(`schema version ${v}, this tsbareos knows ${SCHEMA_VERSION}`);
        return { created: false, version: v };
      }
      for (const sql of schemaStatements('postgresql')) await q(sql);
      for (const s of JOB_STATUSES) await q('INSERT INTO Status (JobStatus, JobStatusLong, Severity) VALUES ($1, $2, $3)', s);
      await q(`INSERT INTO ${SCHEMA_TABLE} (Version, CreatedAt) VALUES ($1, $2)`, [SCHEMA_VERSION, formatTimestamp(new Date())]);
      return { created: true, version: SCHEMA_VERSION };
    });
  }

  async insert(table: CatalogTable, record: Readonly<Record<string, InsertValue>>): Promise<void> {
    if (this.readOnly) throw new CatalogReadOnlyError();
    const { sql, values } = insertSql(table, record, (i) => `$${i}`);
    await this.transaction((q) => q(sql, values.map((v) => (typeof v === 'bigint' ? v.toString() : v))));
  }

  async seed(options: SeedOptions): Promise<SeedReport> {
    await this.init();
    const started = performance.now();
    const counts = await this.transaction(async (q) => {
      const jobs = (await q('SELECT COUNT(*) FROM Job'))[0]?.[0];
      if (jobs !== '0') throw new CatalogSchemaError('the catalog already holds jobs; seed an empty catalog');
      for (const sql of indexStatements('postgresql')) {
        const name = /INDEX IF NOT EXISTS (\w+)/.exec(sql)?.[1];
        if (name && !UNIQUE_INDEXES.has(name)) await q(`DROP INDEX IF EXISTS ${name}`);
      }
      const loader = new BatchLoader(q);
      const gen = history(options);
      let r = gen.next();
      for (; !r.done; r = gen.next()) await loader.add(r.value[0], r.value[1]);
      await loader.flushAll();
      for (const t of TABLES) {
        const serial = t.columns.find((col) => col.type === 'serial');
        if (serial) await q(`SELECT setval(pg_get_serial_sequence('${t.name.toLowerCase()}', '${serial.name.toLowerCase()}'), COALESCE((SELECT MAX(${serial.name}) FROM ${t.name}), 0) + 1, false)`);
      }
      for (const sql of indexStatements('postgresql')) await q(sql);
      await q(UPDATE_NUMVOLS);
      return r.value;
    });
    await this.rows({ sql: 'ANALYZE', params: [] });
    return { ...counts, millis: Math.round(performance.now() - started) };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}

const CLIENT_GUARDED = new WeakSet<pg.PoolClient>();
const UNIQUE_INDEXES = new Set(['client_name_idx', 'pool_name_idx', 'media_volumename_idx']);

const ARRAY_TYPES: Record<SqlType, string> = {
  serial: 'int4[]', int2: 'int2[]', int4: 'int4[]', int8: 'int8[]', num: 'numeric[]', text: 'text[]', char1: 'text[]', ts: 'timestamp[]',
};

/** Buffers generated rows per table and writes them as `INSERT … SELECT FROM unnest(arrays)`. */
class BatchLoader {
  private readonly buffers = new Map<CatalogTable, { keys: string[]; columns: InsertValue[][] }>();
  constructor(private readonly q: (sql: string, values?: readonly unknown[]) => Promise<Row[]>) {}

  async add(table: CatalogTable, record: SeedRecord): Promise<void> {
    let buf = this.buffers.get(table);
    if (!buf) {
      const keys = Object.keys(record);
      buf = { keys, columns: keys.map(() => []) };
      this.buffers.set(table, buf);
    }
    const values = Object.values(record);
    for (let i = 0; i < values.length; i++) buf.columns[i]?.push(values[i] ?? null);
    if ((buf.columns[0]?.length ?? 0) >= SEED_BATCH) await this.flush(table);
  }

  async flushAll(): Promise<void> {
    for (const table of this.buffers.keys()) await this.flush(table);
  }

  private async flush(table: CatalogTable): Promise<void> {
    const buf = this.buffers.get(table);
    if (!buf || (buf.columns[0]?.length ?? 0) === 0) return;
    const def = tableDef(table);
    const types = buf.keys.map((k) => ARRAY_TYPES[def.columns.find((c) => c.name === k)?.type ?? 'text']);
    const sql = `INSERT INTO ${def.name} (${buf.keys.join(', ')}) SELECT * FROM unnest(${types.map((t, i) => `$${i + 1}::${t}`).join(', ')})`;
    await this.q(sql, buf.columns);
    buf.columns = buf.keys.map(() => []);
  }
}

/** Connection-level failures become "unavailable"; everything else a generic query error. */
function mapError(err: unknown): CatalogError {
  if (err instanceof CatalogError) return err;
  const e = err as { code?: unknown; severity?: unknown; message?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  const isServerError = typeof e.severity === 'string';
  if (!isServerError || code.startsWith('08') || code.startsWith('57P') || code === '53300') return new CatalogUnavailableError(err);
  return new CatalogQueryError(err);
}

function namedId(row: Row | undefined): NamedId | undefined {
  return row ? { id: Number(row[0]), name: row[1] ?? '' } : undefined;
}
