/**
 * The running director: its current config and settings, the live sessions, the command registry,
 * PAM, the failure limiter and the catalogs. Listener and sessions share this one object.
 */
import type { Catalog } from '../src/catalog/types.ts';
import type { DirectorConfig } from '../src/config/index.ts';
import type { CommandOutput } from '../src/format/output.ts';
import { ConnectionClosedError } from '../src/net/errors.ts';
import type { Command, DirectorView, SessionView } from './commands/types.ts';
import type { CommandRegistry } from './commands/registry.ts';
import type { Logger } from './log.ts';
import { FailureLimiter } from './login/failure-limiter.ts';
import type { PamService } from './login/pam.ts';
import { LoginMetrics } from './metrics.ts';
import type { ConsoleSession } from './session/session.ts';
import type { DirectorSettings } from './settings.ts';
import { CatalogPool } from './catalog-pool.ts';

export interface LoadedConfig {
  readonly config: DirectorConfig;
  readonly settings: DirectorSettings;
  readonly warnings: readonly string[];
}

export interface RuntimeOptions {
  readonly loaded: LoadedConfig;
  /** Re-reads the configuration (for `reload` and SIGHUP). */
  readonly reloadConfig?: () => Promise<LoadedConfig>;
  readonly registry: CommandRegistry;
  readonly logger: Logger;
  readonly pam: PamService;
  readonly dataDir: string;
}

export class DirectorRuntime implements DirectorView {
  readonly startedAt = new Date();
  readonly live = new Set<ConsoleSession>();
  readonly metrics = new LoginMetrics();
  readonly registry: CommandRegistry;
  readonly logger: Logger;
  readonly pam: PamService;
  readonly catalogs: CatalogPool;
  private loaded: LoadedConfig;
  private limiterInstance: FailureLimiter;
  private readonly reloadConfig: (() => Promise<LoadedConfig>) | undefined;

  constructor(options: RuntimeOptions) {
    this.loaded = options.loaded;
    this.registry = options.registry;
    this.logger = options.logger;
    this.pam = options.pam;
    this.reloadConfig = options.reloadConfig;
    this.limiterInstance = limiterFor(options.loaded.settings);
    this.catalogs = new CatalogPool(options.dataDir, options.logger);
  }

  get config(): DirectorConfig {
    return this.loaded.config;
  }

  get settings(): DirectorSettings {
    return this.loaded.settings;
  }

  get limiter(): FailureLimiter {
    return this.limiterInstance;
  }

  commands(): readonly Command[] {
    return this.registry.all();
  }

  sessions(): readonly SessionView[] {
    return [...this.live];
  }

  namedConsoleCount(): number {
    let n = 0;
    for (const s of this.live) if (!s.isDefaultConsole) n++;
    return n;
  }

  async reload(): Promise<{ ok: boolean; errors: readonly string[] }> {
    if (!this.reloadConfig) return { ok: false, errors: ['this director was started without a config file to re-read'] };
    try {
      const next = await this.reloadConfig();
      this.loaded = next;
      this.limiterInstance = limiterFor(next.settings);
      this.catalogs.reset();
      this.logger.log('info', 'config.reloaded', 'configuration re-read; existing sessions keep their login', { warnings: next.warnings.length });
      return { ok: true, errors: [] };
    } catch (error) {
      const message = (error as Error).message;
      this.logger.log('error', 'config.reload_failed', `configuration not reloaded: ${message}`);
      return { ok: false, errors: [message] };
    }
  }

  openCatalogFor(session: ConsoleSession, out: CommandOutput, name: string | undefined): Promise<Catalog> {
    return this.catalogs.openFor(this.config, session, out, name);
  }

  onSessionError(session: ConsoleSession, error: unknown): void {
    if (error instanceof ConnectionClosedError) return;
    this.logger.log('warn', 'session.error', `session ended: ${(error as Error).message}`, { session: session.id, console: session.consoleName, remote: session.remoteAddress });
  }
}

function limiterFor(settings: DirectorSettings): FailureLimiter {
  return new FailureLimiter(settings.loginFailureLimit, settings.loginFailureWindowMs);
}
