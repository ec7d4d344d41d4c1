/**
 * The catalog as the director sees it: typed list queries that stream rows of database text, a few
 * lookups, and maintenance (init, seed, insert). SQL stays inside src/catalog; commands describe what
 * they want with a `ListQuery` and never build SQL.
 */
import type { CatalogTable } from './schema.ts';

export type { CatalogTable } from './schema.ts';

export type CatalogDriverName = 'sqlite3' | 'postgresql';

export interface CatalogSettings {
  readonly driver: CatalogDriverName;
  /** Database name (PostgreSQL) or file name (SQLite; relative to `dataDir`, or absolute). */
  readonly dbName: string;
  readonly dbAddress?: string;
  readonly dbPort?: number;
  readonly dbUser?: string;
  readonly dbPassword?: string;
  /** PostgreSQL unix socket directory (used instead of dbAddress). */
  readonly dbSocket?: string;
  readonly dataDir: string;
  /** Open an existing (e.g. Bareos') catalog without ever writing to it. */
  readonly readOnly?: boolean;
}

/** A column of a listing: the lower-case name that becomes the header / JSON key, and whether its SQL type is numeric. */
export interface Column {
  readonly name: string;
  readonly numeric: boolean;
}

/** One row of database text (NULL = null), in column order. */
export type Row = readonly (string | null)[];

/** A query ready to run: rows stream in batches, widths come from a separate bounded pass. */
export interface Listing {
  readonly columns: readonly Column[];
  /** Rows in batches of about `batchSize`; memory stays bounded however many rows match. */
  batches(batchSize?: number): AsyncIterable<readonly Row[]>;
  /** Per column, the longest value in characters over every row (NULL counts as 4); 0 when no rows. */
  maxLengths(): Promise<number[]>;
}

export interface Range {
  /** SQL LIMIT; 0 is a valid limit (no rows). */
  readonly limit?: number;
  readonly offset?: number;
}

export interface JobFilter {
  readonly jobId?: number;
  readonly ujobId?: string;
  readonly jobName?: string;
  readonly clientName?: string;
  readonly jobStatus?: readonly string[];
  readonly levels?: readonly string[];
  readonly types?: readonly string[];
  readonly volumeName?: string;
  readonly poolName?: string;
  /** Only jobs scheduled after this local time `YYYY-MM-DD HH:MM:SS`. */
  readonly schedAfter?: string;
  /** Only jobs whose fileset name is in this list (`list backups`). */
  readonly fileSets?: readonly string[];
}

export type ListQuery =
  | { readonly kind: 'jobs'; readonly long: boolean; readonly filter: JobFilter; readonly last?: boolean; readonly count?: boolean; readonly reverse?: boolean; readonly range?: Range }
  | { readonly kind: 'joblog'; readonly jobId: number; readonly count?: boolean; readonly range?: Range }
  | { readonly kind: 'jobtotals' }
  | { readonly kind: 'jobtotalsSum' }
  | { readonly kind: 'clients'; readonly long: boolean; readonly name?: string }
  | { readonly kind: 'pools'; readonly long: boolean; readonly name?: string; readonly poolId?: number }
  /** `llist pools`: the dedicated long form with the prunable counters (reference §2.5). */
  | { readonly kind: 'poolsDetail'; readonly name?: string }
  | { readonly kind: 'volumes'; readonly long: boolean; readonly poolId?: number; readonly volumeName?: string; readonly mediaId?: number; readonly count?: boolean; readonly range?: Range }
  | { readonly kind: 'volumesOfJob'; readonly long: boolean; readonly jobId: number }
  | { readonly kind: 'filesets'; readonly filesetId?: number; readonly jobId?: number; readonly range?: Range }
  | { readonly kind: 'storages' }
  | { readonly kind: 'log'; readonly clientName?: string; readonly reverse?: boolean; readonly range: Range }
  | { readonly kind: 'jobstats'; readonly jobId: number }
  | { readonly kind: 'jobstatus'; readonly status?: string };

export type ListKind = ListQuery['kind'];

export interface JobRef {
  readonly jobId: number;
  readonly job: string;
  readonly name: string;
  readonly clientName: string | null;
}

export interface NamedId {
  readonly id: number;
  readonly name: string;
}

export interface SeedOptions {
  readonly jobs: number;
  readonly clients: number;
  readonly seed?: number;
  /** Reference "now" for generated history (default: the current time). */
  readonly now?: Date;
}

export interface SeedReport {
  readonly jobs: number;
  readonly clients: number;
  readonly media: number;
  readonly logs: number;
  readonly millis: number;
}

/** A value for `insert`: numbers, text, or NULL. */
export type InsertValue = string | number | bigint | null;

export interface Catalog {
  readonly driver: CatalogDriverName;
  readonly readOnly: boolean;
  /** Human description for logs: file path or host/database (never a password). */
  readonly description: string;

  list(query: ListQuery): Listing;

  findJob(ref: { readonly jobId?: number; readonly ujobId?: string }): Promise<JobRef | undefined>;
  findClient(name: string): Promise<NamedId | undefined>;
  findPool(name: string): Promise<NamedId | undefined>;
  /** All pools in PoolId order. */
  pools(): Promise<NamedId[]>;
  /** The jobs of one client, newest first (for `status client`). */
  recentJobs(clientName: string, limit: number): Promise<Row[]>;

  /** Create tables, indexes and the Status rows; idempotent. */
  init(): Promise<{ created: boolean; version: number }>;
  /** Fill with generated history (demo, benchmarks). */
  seed(options: SeedOptions): Promise<SeedReport>;
  /** Insert one record; table and column names are checked against the schema (fixtures). */
  insert(table: CatalogTable, record: Readonly<Record<string, InsertValue>>): Promise<void>;
  /** True when a trivial query succeeds. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
