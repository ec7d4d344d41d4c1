/**
 * Errors of the catalog layer. Messages are fit for a console: they never contain SQL text or
 * driver messages (those stay in `cause` for logs). Callers switch on `code` or use `instanceof`.
 */
export class CatalogError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** The database cannot be reached (server down, socket gone, file missing). Retrying later may work. */
export class CatalogUnavailableError extends CatalogError {
  constructor(cause?: unknown) {
    super('ERR_CATALOG_UNAVAILABLE', 'the catalog database is not reachable; try again later', { cause });
  }
}

/** A query failed for another reason (schema mismatch, constraint, driver bug). */
export class CatalogQueryError extends CatalogError {
  constructor(cause?: unknown) {
    super('ERR_CATALOG_QUERY', 'a catalog query failed', { cause });
  }
}

/** A write (init, seed, insert) was attempted on a catalog opened read-only. */
export class CatalogReadOnlyError extends CatalogError {
  constructor() {
    super('ERR_CATALOG_READ_ONLY', 'the catalog is opened read-only');
  }
}

/** The database lacks tables or columns we need, or has a schema version we do not know. */
export class CatalogSchemaError extends CatalogError {
  constructor(detail: string) {
    super('ERR_CATALOG_SCHEMA', `catalog schema problem: ${detail}`);
  }
}

/** Settings that cannot work (unknown driver, missing database name). */
export class CatalogSettingsError extends CatalogError {
  constructor(detail: string) {
    super('ERR_CATALOG_SETTINGS', `catalog settings: ${detail}`);
  }
}
