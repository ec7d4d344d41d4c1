/**
 * Catalog resources opened on demand, one connection pool per Catalog resource, shared by all
 * sessions. Choosing the catalog for a session follows Bareos (catalog reference §6.5): an explicit
 * or `use catalog=` choice, else the only one the Catalog ACL allows.
 */
import { openCatalog, type Catalog } from '../src/catalog/index.ts';
import type { CatalogResource, DirectorConfig } from '../src/config/index.ts';
import type { CommandOutput } from '../src/format/output.ts';
import type { Logger } from './log.ts';
import type { ConsoleSession } from './session/session.ts';

export class CatalogChoiceError extends Error {
  readonly code = 'ERR_CATALOG_CHOICE';
  constructor(message: string) {
    super(message);
    this.name = 'CatalogChoiceError';
  }
}

export class CatalogPool {
  private readonly open = new Map<string, Promise<Catalog>>();

  constructor(
    private readonly dataDir: string,
    private readonly logger: Logger,
  ) {}

  /** Forget open catalogs (after a reload); they are closed once in-flight commands are done. */
  reset(): void {
    const old = [...this.open.values()];
    this.open.clear();
    for (const p of old) void p.then((c) => c.close()).catch(() => undefined);
  }

  async closeAll(): Promise<void> {
    const old = [...this.open.values()];
    this.open.clear();
    await Promise.allSettled(old.map(async (p) => (await p).close()));
  }

  async openFor(config: DirectorConfig, session: ConsoleSession, out: CommandOutput, name: string | undefined): Promise<Catalog> {
    const { resource, automatic } = choose(config, session, name ?? session.settings.get('catalog'));
    if (out.api === 0 && !session.catalogAnnounced) {
      if (automatic) out.send(`Automatically selected Catalog: ${resource.name}\n`);
      out.send(`Using Catalog "${resource.name}"\n`);
    }
    session.catalogAnnounced = true;
    return this.get(resource, config.director.dataDirectory ?? this.dataDir);
  }

  private get(resource: CatalogResource, dataDir: string): Promise<Catalog> {
    let catalog = this.open.get(resource.name);
    if (!catalog) {
      catalog = openCatalog({
        driver: resource.dbDriver,
        dbName: resource.dbName,
        dbAddress: resource.dbAddress,
        dbPort: resource.dbPort,
        dbUser: resource.dbUser,
        dbPassword: resource.dbPassword,
        dbSocket: resource.dbSocket,
        dataDir,
      });
      catalog.catch((error: unknown) => {
        this.open.delete(resource.name);
        this.logger.log('error', 'catalog.open_failed', `catalog "${resource.name}": ${(error as Error).message}`);
      });
      this.open.set(resource.name, catalog);
    }
    return catalog;
  }
}

function choose(config: DirectorConfig, session: ConsoleSession, wanted: string | undefined): { resource: CatalogResource; automatic: boolean } {
  const allowed = config.catalogs.filter((c) => session.acl.allows('catalog', c.name));
  if (wanted !== undefined) {
    const found = config.catalogs.find((c) => c.name === wanted);
    if (!found) throw new CatalogChoiceError(`Catalog "${wanted}" does not exist.`);
    if (!allowed.includes(found)) throw new CatalogChoiceError(`No authorization for Catalog "${wanted}"`);
    return { resource: found, automatic: false };
  }
  const [only] = allowed;
  if (allowed.length === 1 && only) return { resource: only, automatic: true };
  if (allowed.length === 0) throw new CatalogChoiceError('Could not find a Catalog resource');
  throw new CatalogChoiceError(`Several catalogs are allowed (${allowed.map((c) => c.name).join(', ')}); choose one with "use catalog=<name>".`);
}
