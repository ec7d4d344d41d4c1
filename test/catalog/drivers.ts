/**
 * The catalog drivers every catalog test runs against: SQLite always; PostgreSQL when
 * TSBAREOS_PG_URL is set (.ci/setup-postgres.sh), and under TSBAREOS_CI=1 its absence is a failure.
 * Each PostgreSQL catalog lives in its own schema so test files can run in parallel.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openCatalog } from '../../src/catalog/index.ts';
import { PostgresCatalog, settingsFromUrl } from '../../src/catalog/postgres.ts';
import type { Catalog } from '../../src/catalog/types.ts';
import { STRICT } from '../helpers/prereqs.ts';

export const PG_URL = process.env['TSBAREOS_PG_URL'];
if (STRICT && !PG_URL) throw new Error('prerequisite missing under TSBAREOS_CI=1: TSBAREOS_PG_URL (run .ci/setup-postgres.sh)');
if (!PG_URL) console.warn('[skipped] PostgreSQL catalog tests: TSBAREOS_PG_URL is not set; source .ci/setup-postgres.sh');

export interface DriverUnderTest {
  readonly name: 'sqlite3' | 'postgresql';
  /** A fresh, empty catalog (schema created); `dispose` removes it. */
  create(): Promise<{ catalog: Catalog; dispose: () => Promise<void> }>;
}

const sqlite: DriverUnderTest = {
  name: 'sqlite3',
  async create() {
    const dir = mkdtempSync(join(tmpdir(), 'tsbareos-cat-'));
    const catalog = await openCatalog({ driver: 'sqlite3', dbName: 'catalog', dataDir: dir });
    await catalog.init();
    return {
      catalog,
      dispose: async () => {
        await catalog.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

let schemaCounter = 0;
const postgres: DriverUnderTest = {
  name: 'postgresql',
  async create() {
    const url = PG_URL as string;
    const schema = `t_${process.pid}_${Date.now().toString(36)}_${schemaCounter++}`;
    const catalog = new PostgresCatalog(settingsFromUrl(url, tmpdir(), { schema }));
    await catalog.init();
    return {
      catalog,
      dispose: async () => {
        await catalog.close();
        const admin = new pg.Client({ connectionString: url });
        await admin.connect();
        await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await admin.end();
      },
    };
  },
};

export const DRIVERS: readonly DriverUnderTest[] = PG_URL ? [sqlite, postgres] : [sqlite];
