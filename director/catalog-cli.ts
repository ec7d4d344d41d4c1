/**
 * `tsbareos catalog init|seed -c CONFIG`: create the schema of the Catalog resource's database, or
 * fill it with generated history. The SQLite file lives in the director's Data Directory, else in
 * `data/` next to the configuration.
 */
import type { Command } from 'commander';
import { statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { CatalogError, openCatalog, type Catalog, type CatalogSettings } from '../src/catalog/index.ts';
import { ConfigError, loadDirectorConfig, type DirectorConfig } from '../src/config/index.ts';

interface CatalogCliOptions {
  config: string;
  catalog?: string;
}

interface SeedCliOptions extends CatalogCliOptions {
  jobs: number;
  clients: number;
  seed: number;
}

const positiveInt = (value: string): number => {
  const n = Number.parseInt(value, 10);
  if (!Number.isSafeInteger(n) || n < 0 || String(n) !== value.trim()) throw new Error(`not a non-negative integer: ${value}`);
  return n;
};

export function register(program: Command): void {
  const catalog = program.command('catalog').description('Create or fill the catalog database named by the director configuration');
  catalog
    .command('init')
    .description('create tables, indexes and the schema version (idempotent)')
    .requiredOption('-c, --config <path>', 'director configuration (file or directory)')
    .option('--catalog <name>', 'Catalog resource to use (default: the first one)')
    .action(async (options: CatalogCliOptions) => {
      process.exitCode = await withCatalog(options, async (cat) => {
        const started = performance.now();
        const r = await cat.init();
        const what = r.created ? `created schema version ${r.version}` : `schema version ${r.version} already present`;
        process.stdout.write(`${cat.description}: ${what} (${elapsed(started)})\n`);
      });
    });
  catalog
    .command('seed')
    .description('fill an empty catalog with generated backup history (demos, benchmarks)')
    .requiredOption('-c, --config <path>', 'director configuration (file or directory)')
    .option('--catalog <name>', 'Catalog resource to use (default: the first one)')
    .option('--jobs <n>', 'number of jobs', positiveInt, 1000)
    .option('--clients <n>', 'number of clients', positiveInt, 10)
    .option('--seed <n>', 'random seed (same seed, same history)', positiveInt, 1)
    .action(async (options: SeedCliOptions) => {
      process.exitCode = await withCatalog(options, async (cat) => {
        const r = await cat.seed({ jobs: options.jobs, clients: Math.max(1, options.clients), seed: options.seed });
        process.stdout.write(
          `${cat.description}: seeded ${r.jobs} jobs, ${r.clients} clients, ${r.media} volumes, ${r.logs} log lines in ${(r.millis / 1000).toFixed(1)} s\n`,
        );
      });
    });
}

async function withCatalog(options: CatalogCliOptions, work: (catalog: Catalog) => Promise<void>): Promise<number> {
  let catalog: Catalog | undefined;
  try {
    const config = loadDirectorConfig(options.config);
    catalog = await openCatalog(catalogSettings(config, options.config, options.catalog));
    await work(catalog);
    return 0;
  } catch (err) {
    if (err instanceof ConfigError || err instanceof CatalogError || err instanceof CatalogCliError) {
      process.stderr.write(`tsbareos catalog: ${err.message}\n`);
      return 1;
    }
    throw err;
  } finally {
    await catalog?.close();
  }
}

export class CatalogCliError extends Error {
  readonly code = 'ERR_CATALOG_CLI';
}

/** The Catalog resource as driver settings; SQLite files go to the data directory. */
export function catalogSettings(config: DirectorConfig, configPath: string, name?: string): CatalogSettings {
  const resource = name === undefined ? config.catalogs[0] : config.catalogs.find((c) => c.name === name);
  if (!resource) throw new CatalogCliError(name === undefined ? 'the configuration has no Catalog resource' : `no Catalog resource named "${name}"`);
  const base = isDirectory(configPath) ? resolve(configPath) : dirname(resolve(configPath));
  const configured = config.director.dataDirectory;
  const dataDir = configured === undefined ? resolve(base, 'data') : isAbsolute(configured) ? configured : resolve(base, configured);
  return {
    driver: resource.dbDriver,
    dbName: resource.dbName,
    ...(resource.dbAddress !== undefined ? { dbAddress: resource.dbAddress } : {}),
    ...(resource.dbPort !== undefined ? { dbPort: resource.dbPort } : {}),
    ...(resource.dbUser !== undefined ? { dbUser: resource.dbUser } : {}),
    ...(resource.dbPassword !== undefined ? { dbPassword: String(resource.dbPassword) } : {}),
    ...(resource.dbSocket !== undefined ? { dbSocket: resource.dbSocket } : {}),
    dataDir,
  };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function elapsed(started: number): string {
  return `${Math.round(performance.now() - started)} ms`;
}
