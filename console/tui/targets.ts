/**
 * Where to log in: one DirectorTarget per Director the user may pick, from a bconsole.conf (`-c`)
 * and/or the connection options. Flags given on the command line win over the config file.
 */
import { readFileSync } from 'node:fs';
import { loadBconsoleConfig, resolveBconsoleLogin, DEFAULT_CONSOLE_NAME, type BconsoleConfig } from '../../src/config/index.ts';
import { DEFAULT_PORT, connectOptionsFromBconsole, type CertificateOptions, type ConnectOptions, type PamOptions, type TlsMode } from '../../src/client/index.ts';
import { ConsoleUsageError } from './errors.ts';

export interface ConsoleFlags {
  readonly config?: string;
  readonly director?: string;
  readonly host?: string;
  readonly port?: number;
  readonly name?: string;
  readonly passwordFile?: string;
  readonly tls?: TlsMode;
  readonly caFile?: string;
  readonly certFile?: string;
  readonly keyFile?: string;
  readonly pamUser?: string;
  readonly pamPasswordFile?: string;
  readonly allowPamCleartext?: boolean;
  /** Connect and each login step, ms. */
  readonly timeout?: number;
  /** Longest silence inside a command's output, seconds. */
  readonly commandTimeout?: number;
}

/** Everything needed to log in except the PAM answers, which come from the user. */
export interface DirectorTarget {
  /** Director name as the user knows it (config Name, or host:port). */
  readonly label: string;
  readonly consoleName: string;
  readonly options: ConnectOptions;
}

export const DEFAULT_COMMAND_TIMEOUT_S = 120;

export function describeConsole(name: string): string {
  return name === DEFAULT_CONSOLE_NAME ? 'default console (*UserAgent*)' : `console "${name}"`;
}

export function resolveTargets(flags: ConsoleFlags): DirectorTarget[] {
  if (flags.config === undefined) return [targetFromFlags(flags)];
  const config = loadConfig(flags.config);
  if (config.directors.length === 0) throw new ConsoleUsageError(`${flags.config} has no Director resource`);
  if (flags.director !== undefined && !config.directors.some((d) => d.name === flags.director)) {
    throw new ConsoleUsageError(`${flags.config} has no Director named "${flags.director}" (it has: ${config.directors.map((d) => d.name).join(', ')})`);
  }
  const names = flags.director !== undefined ? [flags.director] : config.directors.map((d) => d.name);
  return names.map((name) => targetFromConfig(config, name, flags));
}

function loadConfig(file: string): BconsoleConfig {
  try {
    return loadBconsoleConfig(file);
  } catch (error) {
    throw new ConsoleUsageError(`cannot use ${file}: ${(error as Error).message}`, { cause: error });
  }
}

function targetFromConfig(config: BconsoleConfig, directorName: string, flags: ConsoleFlags): DirectorTarget {
  let login;
  try {
    login = resolveBconsoleLogin(config, directorName);
  } catch (error) {
    throw new ConsoleUsageError(`cannot use Director "${directorName}" from ${config.file}: ${(error as Error).message}`, { cause: error });
  }
  const fromConfig = connectOptionsFromBconsole(login);
  const consoleName = flags.name ?? login.consoleName;
  return {
    label: directorName,
    consoleName,
    options: commonOptions(flags, {
      host: flags.host ?? fromConfig.host,
      port: flags.port ?? fromConfig.port,
      name: consoleName,
      password: flags.passwordFile ? firstLine(flags.passwordFile, 'password') : fromConfig.password,
      tls: flags.tls ?? fromConfig.tls,
      certificate: certificateFlags(flags) ?? fromConfig.certificate,
    }),
  };
}

function targetFromFlags(flags: ConsoleFlags): DirectorTarget {
  if (flags.host === undefined) throw new ConsoleUsageError('no director given: use -c bconsole.conf, or --host with --password-file');
  if (flags.passwordFile === undefined) throw new ConsoleUsageError('no password given: use --password-file (or -c bconsole.conf)');
  const port = flags.port ?? DEFAULT_PORT;
  const consoleName = flags.name ?? DEFAULT_CONSOLE_NAME;
  const certificate = certificateFlags(flags);
  return {
    label: `${flags.host}:${port}`,
    consoleName,
    options: commonOptions(flags, {
      host: flags.host,
      port,
      name: consoleName,
      password: firstLine(flags.passwordFile, 'password'),
      tls: flags.tls ?? 'psk',
      ...(certificate ? { certificate } : {}),
    }),
  };
}

function commonOptions(flags: ConsoleFlags, base: ConnectOptions): ConnectOptions {
  return {
    ...base,
    allowPamWithoutTls: flags.allowPamCleartext === true,
    commandTimeoutMs: (flags.commandTimeout ?? DEFAULT_COMMAND_TIMEOUT_S) * 1000,
    ...(flags.timeout !== undefined ? { timeoutMs: flags.timeout } : {}),
  };
}

function certificateFlags(flags: ConsoleFlags): CertificateOptions | undefined {
  if (!flags.caFile && !flags.certFile && !flags.keyFile) return undefined;
  return {
    ...(flags.caFile ? { caFile: flags.caFile } : {}),
    ...(flags.certFile ? { certFile: flags.certFile } : {}),
    ...(flags.keyFile ? { keyFile: flags.keyFile } : {}),
  };
}

/** Direct-mode PAM credentials when both user and password file are given (pipe mode needs them). */
export function directPamFromFlags(flags: ConsoleFlags): PamOptions | undefined {
  if (flags.pamUser === undefined || flags.pamPasswordFile === undefined) return undefined;
  return { user: flags.pamUser, password: firstLine(flags.pamPasswordFile, 'PAM password') };
}

export function firstLine(file: string, what: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConsoleUsageError(`cannot read the ${what} file ${file}: ${(error as Error).message}`, { cause: error });
  }
  return text.split(/\r?\n/, 1)[0] ?? '';
}
