/** `tsbareos director`: run (or check) the director. */
import { Command, Option } from 'commander';
import { resolve } from 'node:path';
import { pamAvailability } from '../src/auth/pam/index.ts';
import { checkDirectorConfig, formatConfigCheck } from '../src/config/index.ts';
import { ensureDefaultConfig } from './defaults.ts';
import { createLogger, type LogFormat } from './log.ts';
import { startDirector } from './start.ts';

interface DirectorCliOptions {
  config?: string;
  defaults?: boolean;
  dataDir: string;
  port?: number;
  address?: string;
  foreground?: boolean;
  test?: boolean;
  logFormat: LogFormat;
  metrics?: string;
  pamEnv: string[];
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function register(program: Command): void {
  program
    .command('director')
    .description('Run the director: the daemon consoles log into (Bareos console protocol on port 9101)')
    .option('-c, --config <path>', 'config file, or a directory holding bareos-dir.conf or a bareos-dir.d tree')
    .option('--defaults', 'use (and on first run create) the embedded default config in --data-dir')
    .option('--data-dir <dir>', 'data directory for --defaults and the SQLite catalog', './data')
    .option('-p, --port <n>', 'listen on this port instead of the configured DirPort', (v) => Number.parseInt(v, 10))
    .option('--address <host>', 'listen on this address instead of the configured DirAddress')
    .option('-f, --foreground', 'stay in the foreground (always the case; accepted for bareos-dir compatibility)')
    .option('-t, --test', 'check the configuration and PAM, print what is wrong, and exit')
    .addOption(new Option('--log-format <format>', 'log line format').choices(['text', 'json']).default('text'))
    .option('--metrics <host:port>', 'serve Prometheus metrics on http://host:port/metrics')
    .option('--pam-env <KEY=VALUE>', 'extra environment for the PAM helper only (e.g. pam_wrapper in tests); repeatable', collect, [])
    .action(async (options: DirectorCliOptions) => {
      process.exitCode = await runDirectorCommand(options);
    });
}

async function runDirectorCommand(options: DirectorCliOptions): Promise<number> {
  let configPath = options.config;
  if (!configPath && options.defaults) {
    const generated = ensureDefaultConfig(options.dataDir, options.port ?? 9101);
    configPath = generated.configDir;
    if (generated.created) {
      process.stdout.write(
        `First run: created ${generated.configDir}\n` +
          `  director (default console) password: ${generated.directorPassword}\n` +
          `  console "admin" password:            ${generated.consolePassword}\n` +
          `  (kept in ${resolve(options.dataDir)}/*.password, mode 0600)\n` +
          `Log in with:  node bin/tsbareos.js console -c ${generated.bconsoleConf}\n` +
          `         or:  node bin/tsbareos.js call -f ${generated.bconsoleConf} -c "list jobs"\n`,
      );
    }
  }
  if (!configPath) {
    process.stderr.write('tsbareos director: give a config with -c PATH, or --defaults for the embedded defaults\n');
    return 2;
  }
  const pamEnv = Object.fromEntries(options.pamEnv.map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
  if (options.test) return checkOnly(configPath, pamEnv);
  const logger = createLogger(options.logFormat);
  // Last line of defence: a stray rejection is a bug to log, not a reason to drop every console.
  process.on('unhandledRejection', (reason) => logger.log('error', 'director.unhandled_rejection', String((reason as Error)?.stack ?? reason)));
  let director;
  try {
    director = await startDirector({ configPath, host: options.address, port: options.port, logger, metrics: options.metrics, settings: { pamEnv }, dataDir: resolve(options.dataDir) });
  } catch (error) {
    process.stderr.write(`tsbareos director: ${(error as Error).message}\n`);
    return 1;
  }
  if (options.defaults) await initDefaultCatalog(director.runtime);
  process.on('SIGHUP', () => void director.runtime.reload());
  await new Promise<void>((done) => {
    const stop = (signal: string): void => {
      logger.log('info', 'director.stopping', `${signal}: closing the listener and all sessions`);
      void director.stop().then(done);
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
  return 0;
}

/** The embedded default's catalog: create it and a little demo history on first use. */
async function initDefaultCatalog(runtime: import('./runtime.ts').DirectorRuntime): Promise<void> {
  const resource = runtime.config.catalogs[0];
  if (!resource) return;
  const { openCatalog } = await import('../src/catalog/index.ts');
  const catalog = await openCatalog({ driver: resource.dbDriver, dbName: resource.dbName, dataDir: runtime.config.director.dataDirectory ?? '.' });
  try {
    const { created } = await catalog.init();
    if (created) await catalog.seed({ jobs: 200, clients: 5, seed: 1 });
  } finally {
    await catalog.close();
  }
}

async function checkOnly(configPath: string, pamEnv: Record<string, string>): Promise<number> {
  const result = checkDirectorConfig(configPath);
  process.stdout.write(formatConfigCheck(result));
  if (!result.ok || !result.config) return 1;
  const d = result.config.director;
  const pamConsoles = result.config.consoles.filter((c) => c.usePamAuthentication);
  if (pamConsoles.length > 0) {
    const pam = await pamAvailability({ service: d.pamServiceName, helperPath: d.pamHelper, env: pamEnv });
    process.stdout.write(`PAM (${pamConsoles.length} console(s) use it): ${pam.reason}\n`);
  }
  return 0;
}
