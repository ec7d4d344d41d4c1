/**
 * From a parsed director config to the daemon's runtime settings: defaults already applied by the
 * config layer; here files are read (certificates), durations become milliseconds, the default
 * console `*UserAgent*` is added with the Director password, and ACLs are compiled.
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { UserAcl, type ConsoleResource, type DirectorConfig } from '../src/config/index.ts';
import type { ServerTlsSettings } from '../src/tls/options.ts';
import { parseCertificateIdentity } from './login/certificate-identity.ts';
import { MAX_LOGIN_TOKEN_LIFETIME_SECONDS } from './login/tokens.ts';
import { ALLOW_ALL, DEFAULT_CONSOLE, tlsPolicyOf, type ConsoleAccount, type DirectorSettings, type ListenAddress } from './settings.ts';

export class SettingsError extends Error {
  readonly code = 'ERR_SETTINGS';
  constructor(message: string) {
    super(message);
    this.name = 'SettingsError';
  }
}

export interface SettingsOptions {
  /** Extra environment for the PAM helper (pam_wrapper in tests). */
  readonly pamEnv?: Readonly<Record<string, string>>;
  /** Default PAM helper path when the config names none. */
  readonly defaultPamHelper?: string;
  /** `--dev-certs` (issue 8): used when the Director resource names no TLS Certificate/Key/CA. */
  readonly devCertificates?: { readonly certPath: string; readonly keyPath: string; readonly caPath: string };
}

export function settingsFromConfig(config: DirectorConfig, options: SettingsOptions = {}): DirectorSettings {
  const d = config.director;
  const base = dirname(config.files[0] ?? '.');
  const file = (path: string | undefined): Buffer | undefined => (path ? readConfigFile(base, path) : undefined);
  const dev = d.tlsCertificate === undefined && d.tlsKey === undefined ? options.devCertificates : undefined;
  const tls: ServerTlsSettings = {
    cert: file(d.tlsCertificate ?? dev?.certPath),
    key: file(d.tlsKey ?? dev?.keyPath),
    ca: file(d.tlsCaCertificateFile ?? dev?.caPath),
    crl: file(d.tlsCertificateRevocationList),
    verifyPeer: d.tlsVerifyPeer,
    cipherList: d.tlsCipherList,
    cipherSuites: d.tlsCipherSuites,
  };
  const consoles = new Map<string, ConsoleAccount>();
  consoles.set(DEFAULT_CONSOLE, {
    name: DEFAULT_CONSOLE,
    password: d.password,
    isDefault: true,
    tlsPolicy: tlsPolicyOf(d.tlsEnable, d.tlsRequire),
    usePam: false,
    allowCleartextPam: false,
    legacyTls: tls.cert ? tls : undefined,
    acl: ALLOW_ALL,
    certificateIdentity: undefined,
  });
  for (const c of config.consoles) consoles.set(c.name, consoleAccount(config, c, file));
  const users = new Map(config.users.map((u) => [u.name, UserAcl.fromConfig(config, u)] as const));
  return {
    name: d.name,
    addresses: listenAddresses(config),
    maxConsoleConnections: d.maximumConsoleConnections,
    tlsPolicy: tlsPolicyOf(d.tlsEnable, d.tlsRequire),
    tls,
    tlsAllowedCN: d.tlsAllowedCn,
    handshakeTimeoutMs: d.handshakeTimeout * 1000,
    maxPendingConnections: d.maximumPendingConnections,
    authFailureDelayMs: d.authFailureDelay * 1000,
    refuseVersionlessHello: d.refuseVersionlessHello,
    loginFailureLimit: d.loginFailureLimit,
    loginFailureWindowMs: d.loginFailureWindow * 1000,
    pam: {
      service: d.pamServiceName,
      helperPath: d.pamHelper ?? options.defaultPamHelper,
      timeoutMs: d.pamTimeout * 1000,
      maxConcurrent: d.maximumConcurrentPam,
      env: options.pamEnv ?? {},
    },
    consoles,
    users,
    loginTokenLifetimeSeconds: loginTokenLifetime(d.loginTokenLifetime),
  };
}

/** Ours (issue 8): the verifier refuses longer tokens, so a longer setting would be a silent lie. */
function loginTokenLifetime(seconds: number): number {
  if (seconds > MAX_LOGIN_TOKEN_LIFETIME_SECONDS) throw new SettingsError(`Login Token Lifetime is ${seconds} s; at most ${MAX_LOGIN_TOKEN_LIFETIME_SECONDS} s (12 hours) is allowed`);
  return seconds;
}

/** Ours (issue 8): which certificate field names the user; refused at load time, not at login. */
function certificateIdentity(c: ConsoleResource): string | undefined {
  if (c.certificateIdentity === undefined) return undefined;
  const parsed = parseCertificateIdentity(c.certificateIdentity);
  if (typeof parsed !== 'string') throw new SettingsError(`Console "${c.name}": ${parsed.error}`);
  return parsed;
}

function consoleAccount(config: DirectorConfig, c: ConsoleResource, file: (p: string | undefined) => Buffer | undefined): ConsoleAccount {
  const cert = file(c.tlsCertificate);
  return {
    name: c.name,
    password: c.password,
    isDefault: false,
    tlsPolicy: tlsPolicyOf(c.tlsEnable, c.tlsRequire),
    usePam: c.usePamAuthentication,
    allowCleartextPam: c.allowCleartextPam,
    legacyTls: cert ? { cert, key: file(c.tlsKey), ca: file(c.tlsCaCertificateFile), verifyPeer: c.tlsVerifyPeer } : undefined,
    acl: UserAcl.fromConfig(config, c),
    certificateIdentity: certificateIdentity(c),
  };
}

function listenAddresses(config: DirectorConfig): ListenAddress[] {
  const d = config.director;
  if (d.addresses.length > 0) return d.addresses.map((a) => ({ host: a.addr, port: a.port }));
  return [{ host: d.address ?? '0.0.0.0', port: d.port }];
}

function readConfigFile(base: string, path: string): Buffer {
  const full = isAbsolute(path) ? path : resolve(base, path);
  try {
    return readFileSync(full);
  } catch (error) {
    throw new SettingsError(`cannot read ${full}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}
