/**
 * Assemble and start a director: config -> settings -> runtime -> listener. Used by the CLI and by
 * tests (which pass port 0 and a memory logger).
 */
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import { PamAuthenticator } from '../src/auth/pam/index.ts';
import { loadDirectorConfig } from '../src/config/index.ts';
import { createRegistry } from './commands/index.ts';
import { DirectorServer } from './listener/server.ts';
import { createLogger, type Logger } from './log.ts';
import type { PamService } from './login/pam.ts';
import { DirectorRuntime, type LoadedConfig } from './runtime.ts';
import { configPermissionWarnings } from './config-permissions.ts';
import { settingsFromConfig, type SettingsOptions } from './settings-from-config.ts';
import { DirectorLoginTokens, withLoginTokens } from './login/tokens.ts';

export interface StartOptions {
  readonly configPath: string;
  readonly host?: string;
  readonly port?: number;
  readonly logger?: Logger;
  readonly settings?: SettingsOptions;
  /** Replace PAM (tests of the relay); default: the out-of-process helper. */
  readonly pam?: PamService;
  /** Where the SQLite catalog lives when the config names no Data Directory. */
  readonly dataDir?: string;
  /** `host:port` for a Prometheus text endpoint. */
  readonly metrics?: string;
}

export interface RunningDirector {
  readonly runtime: DirectorRuntime;
  readonly server: DirectorServer;
  readonly addresses: readonly AddressInfo[];
  /** The first bound port (tests listen on port 0). */
  readonly port: number;
  readonly metricsAddress: AddressInfo | undefined;
  stop(): Promise<void>;
}

export function loadConfig(configPath: string, options: SettingsOptions = {}): LoadedConfig {
  const config = loadDirectorConfig(configPath);
  const warnings = [...config.warnings.map((w) => w.message), ...configPermissionWarnings(config.files)];
  return { config, settings: settingsFromConfig(config, options), warnings };
}

export async function startDirector(options: StartOptions): Promise<RunningDirector> {
  const logger = options.logger ?? createLogger('text');
  const first = loadConfig(options.configPath, options.settings);
  const dataDir = options.dataDir ?? resolve(dirname(first.config.files[0] ?? '.'));
  // issue 8: one token issuer for the director's lifetime (revocations live in it), kept across reloads.
  const loginTokens = await openLoginTokens(first.config.director.dataDirectory ?? dataDir, logger);
  const loaded = withLoginTokens(first, loginTokens);
  const pamSettings = loaded.settings.pam;
  const pam: PamService =
    options.pam ??
    new PamAuthenticator({
      service: pamSettings.service,
      helperPath: pamSettings.helperPath,
      timeoutMs: pamSettings.timeoutMs,
      maxConcurrent: pamSettings.maxConcurrent,
      env: pamSettings.env,
    });
  const runtime = new DirectorRuntime({
    loaded,
    reloadConfig: () => Promise.resolve(withLoginTokens(loadConfig(options.configPath, options.settings), loginTokens)),
    registry: createRegistry(loginTokens),
    logger,
    pam,
    dataDir,
  });
  for (const w of loaded.warnings) logger.log('warn', 'config.warning', w);
  const server = new DirectorServer(runtime);
  const addresses = await server.listen({ host: options.host, port: options.port });
  const metricsServer = options.metrics ? await serveMetrics(options.metrics, runtime, server) : undefined;
  return {
    runtime,
    server,
    addresses,
    port: addresses[0]?.port ?? 0,
    metricsAddress: metricsServer?.address() as AddressInfo | undefined,
    async stop() {
      metricsServer?.close();
      await server.close();
      await runtime.catalogs.closeAll();
    },
  };
}

/** Without a usable key the director still runs, without login tokens (issue 8). */
async function openLoginTokens(dir: string, logger: Logger): Promise<DirectorLoginTokens | undefined> {
  try {
    return await DirectorLoginTokens.open(dir, logger);
  } catch (error) {
    logger.log('warn', 'token.key_unusable', `login tokens are off: ${(error as Error).message}`);
    return undefined;
  }
}

async function serveMetrics(listen: string, runtime: DirectorRuntime, server: DirectorServer): Promise<HttpServer> {
  const at = listen.lastIndexOf(':');
  const host = at > 0 ? listen.slice(0, at) : '127.0.0.1';
  const port = Number(at >= 0 ? listen.slice(at + 1) : listen);
  const http = createHttpServer((req, res) => {
    if (req.url !== '/metrics') {
      res.writeHead(404).end('only /metrics here\n');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
    res.end(runtime.metrics.toPrometheus({ activeConsoles: runtime.live.size, pendingConnections: server.pendingConnections }));
  });
  await new Promise<void>((done) => http.listen(port, host, done));
  return http;
}
