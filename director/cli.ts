/** `tsbareos director`: run (or check) the director. */
import { Command, Option } from 'commander';
import { join, resolve } from 'node:path';
import { pamAvailability } from '../src/auth/pam/index.ts';
import { checkDirectorConfig, formatConfigCheck } from '../src/config/index.ts';
import { configPermissionWarnings } from './config-permissions.ts';
import { ensureDefaultConfig } from './defaults.ts';
import { disableCoreDumps } from './no-core-dumps.ts';
import { createLogger, type LogFormat } from './log.ts';
import { startDirector } from './start.ts';
import type { SettingsOptions } from './settings-from-config.ts';

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
  devCerts?: boolean;
  allowCoreDumps?: boolean;
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
    .option('--dev-certs', 'make development certificates (CA, director, one per console) in <data-dir>/tls, print their paths, and use them where the Director resource names no TLS Certificate/Key')
    .option('--allow-core-dumps', 'keep the core size limit as inherited (by default the director sets it to 0: a core would hold the passwords)')
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
  let devCertificates: SettingsOptions['devCertificates'];
  try {
    devCertificates = options.devCerts ? await makeDevCertificates(configPath, options.dataDir) : undefined;
  } catch (error) {
    process.stderr.write(`tsbareos director: --dev-certs: ${(error as Error).message}\n`);
    return 1;
  }
  const logger = createLogger(options.logFormat);
  if (!options.allowCoreDumps) {
    const problem = await disableCoreDumps();
    if (problem) logger.log('warn', 'director.core_dumps', problem);
  }
  // Last line of defence: a stray rejection is a bug to log, not a reason to drop every console.
  process.on('unhandledRejection', (reason) => logger.log('error', 'director.unhandled_rejection', String((reason as Error)?.stack ?? reason)));
  let director;
  try {
    director = await startDirector({ configPath, host: options.address, port: options.port, logger, metrics: options.metrics, settings: { pamEnv, devCertificates }, dataDir: resolve(options.dataDir) });
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

/** Names `certs issue` accepts (they are file names too); other console names get no certificate. */
const CERT_NAME = /^[A-Za-z0-9_][A-Za-z0-9 _.:-]{0,63}$/;

/**
 * `--dev-certs` (issue 8): a development CA, a director certificate and one per console in
 * <data-dir>/tls, made once and kept. TLS-PSK stays on; these only fill in a Director resource that
 * names no certificate of its own, so certificate consoles (the PHP webui) can connect on a first run.
 */
async function makeDevCertificates(configPath: string, dataDir: string): Promise<SettingsOptions['devCertificates']> {
  const { loadDirectorConfig } = await import('../src/config/index.ts');
  const { ensureDevCertificates } = await import('../certs/index.ts');
  const config = loadDirectorConfig(configPath);
  const consoleNames = config.consoles.map((c) => c.name).filter((n) => CERT_NAME.test(n));
  const dev = await ensureDevCertificates(join(resolve(dataDir), 'tls'), { directorName: config.director.name, consoleNames });
  const lines = [
    `Development certificates in ${dev.dir} (${dev.created.length === 0 ? 'already there' : `${dev.created.length} files created`}):`,
    `  CA certificate (give it to consoles): ${dev.caCertPath}`,
    `  director certificate and key:         ${dev.director.certPath} ${dev.director.keyPath}`,
    ...Object.entries(dev.consoles).map(([name, pair]) => `  console "${name}":${' '.repeat(Math.max(1, 22 - name.length))}${pair.certPath} ${pair.keyPath}`),
    config.director.tlsCertificate === undefined
      ? '  The director serves them (TLS-PSK stays on for password consoles).'
      : '  The Director resource names its own TLS Certificate, so the director keeps using that one.',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return { certPath: dev.director.certPath, keyPath: dev.director.keyPath, caPath: dev.caCertPath };
}

async function checkOnly(configPath: string, pamEnv: Record<string, string>): Promise<number> {
  const result = checkDirectorConfig(configPath);
  process.stdout.write(formatConfigCheck(result));
  if (!result.ok || !result.config) return 1;
  for (const warning of configPermissionWarnings(result.config.files)) process.stdout.write(`warning: ${warning}\n`);
  const d = result.config.director;
  const pamConsoles = result.config.consoles.filter((c) => c.usePamAuthentication);
  if (pamConsoles.length > 0) {
    const pam = await pamAvailability({ service: d.pamServiceName, helperPath: d.pamHelper, env: pamEnv });
    process.stdout.write(`PAM (${pamConsoles.length} console(s) use it): ${pam.reason}\n`);
  }
  return 0;
}
