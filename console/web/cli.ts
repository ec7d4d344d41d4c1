/** `tsbareos web`: the browser console gateway. */
import { Command, InvalidArgumentError } from 'commander';
import { readFileSync } from 'node:fs';
import { loadDirectorTargets } from './directors.ts';
import { DEFAULT_PUBLIC_PATHS } from './gateway.ts';
import { DEFAULT_LOGIN_LIMITS } from './login-guard.ts';
import { startWebGateway, type WebTls } from './server.ts';

interface WebCliOptions {
  config: string;
  listen: string;
  tlsCert?: string;
  tlsKey?: string;
  publicPaths?: string[];
  sessionTtl: number;
  idleTimeout: number;
  trustProxy?: boolean;
  secureCookies?: boolean;
  allowedOrigin: string[];
  loginLimitAddress: number;
  loginLimitUser: number;
  loginTokens: boolean;
}

export function register(program: Command): void {
  program
    .command('web')
    .description('Run the web console: a browser page and HTTP API that log users in to the director with PAM')
    .requiredOption('-c, --config <file>', 'bconsole.conf-style file: the Director(s) and the PAM Console to log in through')
    .option('--listen <host:port>', 'address to listen on', '127.0.0.1:9180')
    .option('--tls-cert <file>', 'serve HTTPS with this certificate (PEM); needs --tls-key')
    .option('--tls-key <file>', 'private key (PEM) for --tls-cert')
    .option('--public-paths <paths>', `comma-separated paths answered without login (default ${DEFAULT_PUBLIC_PATHS.join(',')}; "" for none)`, list)
    .option('--session-ttl <seconds>', 'longest life of a session', seconds, 8 * 3600)
    .option('--idle-timeout <seconds>', 'end a session after this long without requests', seconds, 30 * 60)
    .option('--trust-proxy', 'take the client address from X-Forwarded-For (only behind your own reverse proxy)')
    .option('--secure-cookies', 'mark cookies Secure without --tls-cert (a proxy in front terminates HTTPS)')
    .option('--allowed-origin <origin>', 'accept requests from this origin too, e.g. https://backup.example.com (repeatable)', collect, [])
    .option('--login-limit-address <n>', 'failed logins per client address per 5 minutes', seconds, DEFAULT_LOGIN_LIMITS.perAddress)
    .option('--login-limit-user <n>', 'failed logins per user name per 5 minutes', seconds, DEFAULT_LOGIN_LIMITS.perUser)
    .option('--no-login-tokens', 'do not ask the director for login tokens: a dropped director connection then ends the session')
    .action(async (options: WebCliOptions) => {
      process.exitCode = await runWeb(options);
    });
}

function seconds(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError('must be a positive whole number');
  return Number(value);
}

function list(value: string): string[] {
  return value.split(',').map((s) => s.trim()).filter((s) => s !== '');
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parseListen(value: string): { host: string; port: number } {
  const match = /^(\[[^\]]+\]|[^:]+):(\d{1,5})$/.exec(value);
  const port = Number(match?.[2]);
  if (!match || port > 65535) throw new Error(`--listen must be host:port, got "${value}"`);
  return { host: (match[1] ?? '').replace(/^\[|\]$/g, ''), port };
}

function readTls(options: WebCliOptions): WebTls | undefined {
  if (!options.tlsCert && !options.tlsKey) return undefined;
  if (!options.tlsCert || !options.tlsKey) throw new Error('--tls-cert and --tls-key go together');
  return { cert: readFileSync(options.tlsCert), key: readFileSync(options.tlsKey) };
}

function logLine(event: string, fields: Record<string, unknown>): void {
  process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), event, ...fields })}\n`);
}

async function runWeb(options: WebCliOptions): Promise<number> {
  try {
    const { host, port } = parseListen(options.listen);
    const tls = readTls(options);
    const running = await startWebGateway({
      host,
      port,
      directors: loadDirectorTargets(options.config),
      sessionTtlSeconds: options.sessionTtl,
      idleTimeoutSeconds: options.idleTimeout,
      trustProxy: options.trustProxy === true,
      secureCookies: options.secureCookies === true,
      allowedOrigins: options.allowedOrigin,
      loginLimits: { perAddress: options.loginLimitAddress, perUser: options.loginLimitUser, windowMs: DEFAULT_LOGIN_LIMITS.windowMs },
      loginTokens: options.loginTokens,
      log: logLine,
      ...(tls ? { tls } : {}),
      ...(options.publicPaths ? { publicPaths: options.publicPaths } : {}),
    });
    process.stdout.write(`tsbareos web: listening on ${running.url}\n`);
    const stop = (): void => {
      void running.close().then(() => process.exit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return 0;
  } catch (error) {
    process.stderr.write(`tsbareos web: ${(error as Error).message}\n`);
    return 1;
  }
}
