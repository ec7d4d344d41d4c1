/** The catalog: open one by settings, whatever the driver. */
import { CatalogSettingsError } from './errors.ts';
import { PostgresCatalog } from './postgres.ts';
import { SqliteCatalog, sqlitePath } from './sqlite.ts';
import type { Catalog, CatalogSettings } from './types.ts';

export * from './types.ts';
export * from './errors.ts';
export { formatInterval, formatTimestamp } from './interval.ts';

/**
 * Open a catalog. SQLite opens lazily (the file is created by `init` unless read-only);
 * PostgreSQL connects on first use through a pool that reconnects after the server comes back.
 */
export async function openCatalog(settings: CatalogSettings): Promise<Catalog> {
  if (!settings.dbName) throw new CatalogSettingsError('a database name is required');
  switch (settings.driver) {
    case 'sqlite3':
      return new SqliteCatalog(sqlitePath(settings), settings.readOnly === true);
    case 'postgresql':
      return new PostgresCatalog(settings);
    default:
      throw new CatalogSettingsError(`unknown driver ${JSON.stringify(settings.driver as string)} (sqlite3 or postgresql)`);
  }
}
