import type { BlockValue } from './ast.ts';

/**
 * Directive tables: one line per directive. Adding a directive = adding a line here; the typed resource
 * (see `ResolvedDirectives`) picks it up, defaults and required checks included, and docs/config.md
 * lists it.
 *
 * Kinds: `string`/`name`/`password`/`path` are text; `bool` is yes/no/true/false/on/off; `int` a
 * non-negative integer; `size` bytes and `duration` seconds (their spelling stays in the AST's `raw`);
 * `list` and `acl` accumulate comma-separated entries over repeats; `rawlist` keeps each occurrence's
 * raw text (Schedule `Run`); `enum` is one of `values` (case-insensitive); `addresses` is the
 * `DirAddresses = { ip = { addr = ...; port = ... } }` block; `block` keeps nested blocks as parsed.
 */
export type DirectiveKind =
  | 'string' | 'name' | 'password' | 'path' | 'bool' | 'int' | 'size' | 'duration'
  | 'list' | 'acl' | 'rawlist' | 'enum' | 'addresses' | 'block';

export type DirectiveDefault = string | number | boolean;

export interface DirectiveOptions {
  readonly default?: DirectiveDefault;
  readonly required?: boolean;
  readonly values?: readonly string[];
  /** A tsbareos extension, not a Bareos directive (docs mark it). */
  readonly extension?: boolean;
  /** One phrase for docs/config.md. */
  readonly doc?: string;
}

export interface DirectiveSpec extends DirectiveOptions {
  /** Canonical spelling first, then aliases (`DirPort`, `Port`). */
  readonly names: readonly string[];
  readonly kind: DirectiveKind;
}

export type DirectiveTable = Readonly<Record<string, DirectiveSpec>>;

/** Declares one directive; `const` generics keep `required`/`default`/`values` literal for the types below. */
export function d<const K extends DirectiveKind, const O extends DirectiveOptions = Record<never, never>>(
  names: string | readonly string[], kind: K, options?: O,
): { readonly names: readonly string[]; readonly kind: K } & O {
  const list = typeof names === 'string' ? [names] : [...names];
  return { names: list, kind, ...(options ?? ({} as O)) };
}

/** One listening address from `DirAddresses`. */
export interface ListenAddress {
  readonly family: 'ip' | 'ipv4' | 'ipv6';
  readonly addr: string;
  readonly port: number;
}

type ValueOf<S> =
  S extends { kind: 'bool' } ? boolean
  : S extends { kind: 'int' | 'size' | 'duration' } ? number
  : S extends { kind: 'list' | 'acl' | 'rawlist' } ? readonly string[]
  : S extends { kind: 'addresses' } ? readonly ListenAddress[]
  : S extends { kind: 'block' } ? readonly BlockValue[]
  : S extends { values: readonly (infer V)[] } ? V
  : string;

type Present<S> =
  S extends { required: true } ? true
  : S extends { default: DirectiveDefault } ? true
  : S extends { kind: 'list' | 'acl' | 'rawlist' | 'addresses' | 'block' } ? true
  : false;

/** The typed values a table yields: required, defaulted and list directives are always present. */
export type ResolvedDirectives<T> =
  { readonly [K in keyof T as Present<T[K]> extends true ? K : never]: ValueOf<T[K]> }
  & { readonly [K in keyof T as Present<T[K]> extends true ? never : K]?: ValueOf<T[K]> };

// ---------------------------------------------------------------------------------------------- TLS

/** TLS directives every TLS-capable resource has, in the director's config and in bconsole.conf. */
export const TLS_CORE = {
  tlsEnable: d('TLS Enable', 'bool', { default: true }),
  tlsRequire: d('TLS Require', 'bool', { default: true }),
  tlsCertificate: d('TLS Certificate', 'path'),
  tlsKey: d('TLS Key', 'path'),
  tlsCaCertificateFile: d('TLS CA Certificate File', 'path'),
  tlsVerifyPeer: d('TLS Verify Peer', 'bool', { default: false }),
  tlsAllowedCn: d('TLS Allowed CN', 'list'),
} as const;

/** TLS directives Bareos accepts on every TLS-capable resource but that we only keep. */
const TLS_KEPT = [
  'TLS Authenticate', 'TLS CA Certificate Dir', 'TLS Certificate Revocation List', 'TLS Cipher List',
  'TLS Cipher Suites', 'TLS DH File', 'TLS Protocol', 'TLS PSK Enable', 'TLS PSK Require', 'Enable kTLS',
] as const;

// ---------------------------------------------------------------------------------------------- ACLs

/** ACL types by the names the director's commands use (lowercase, as in `AclView`). */
export const ACL_DIRECTIVES = {
  job: d('Job ACL', 'acl'),
  client: d('Client ACL', 'acl'),
  storage: d('Storage ACL', 'acl'),
  schedule: d('Schedule ACL', 'acl'),
  pool: d('Pool ACL', 'acl'),
  command: d('Command ACL', 'acl'),
  fileset: d('FileSet ACL', 'acl'),
  catalog: d('Catalog ACL', 'acl'),
  where: d('Where ACL', 'acl'),
  pluginoptions: d('Plugin Options ACL', 'acl'),
} as const;

export type AclType = keyof typeof ACL_DIRECTIVES;
export const ACL_TYPES = Object.keys(ACL_DIRECTIVES) as AclType[];

// ---------------------------------------------------------------------------------- Director daemon

export const DIRECTOR_DIRECTIVES = {
  name: d('Name', 'name', { required: true }),
  description: d('Description', 'string'),
  password: d('Password', 'password', { required: true, doc: 'key of the default console *UserAgent*' }),
  port: d(['DirPort', 'Port'], 'int', { default: 9101 }),
  address: d(['DirAddress', 'Address'], 'string'),
  addresses: d(['DirAddresses', 'Addresses'], 'addresses'),
  maximumConsoleConnections: d('Maximum Console Connections', 'int', { default: 20 }),
  ...TLS_CORE,
  tlsCaCertificateDir: d('TLS CA Certificate Dir', 'path'),
  tlsCertificateRevocationList: d('TLS Certificate Revocation List', 'path'),
  tlsCipherList: d('TLS Cipher List', 'string'),
  tlsCipherSuites: d('TLS Cipher Suites', 'string'),
  tlsProtocol: d('TLS Protocol', 'string'),
  tlsDhFile: d('TLS DH File', 'path'),
  verId: d('Ver Id', 'string'),
  pamServiceName: d('PAM Service Name', 'string', { default: 'bareos', extension: true }),
  pamHelper: d('PAM Helper', 'path', { extension: true, doc: 'path of the PAM helper program' }),
  pamTimeout: d('PAM Timeout', 'duration', { default: 60, extension: true }),
  maximumConcurrentPam: d('Maximum Concurrent PAM', 'int', { default: 16, extension: true }),
  handshakeTimeout: d('Handshake Timeout', 'duration', { default: 10, extension: true }),
  maximumPendingConnections: d('Maximum Pending Connections', 'int', { default: 1000, extension: true, doc: 'connections not yet authenticated' }),
  authFailureDelay: d('Auth Failure Delay', 'duration', { default: 2, extension: true }),
  refuseVersionlessHello: d('Refuse Versionless Hello', 'bool', { default: false, extension: true }),
  loginFailureLimit: d('Login Failure Limit', 'int', { default: 10, extension: true, doc: 'per address and per user within the window' }),
  loginFailureWindow: d('Login Failure Window', 'duration', { default: 300, extension: true }),
  dataDirectory: d('Data Directory', 'path', { extension: true }),
  // issue 8: longest lifetime `.logintoken` grants (0 = no tokens); at most 12 h, see docs/tls.md §3
  loginTokenLifetime: d('Login Token Lifetime', 'duration', { default: 3600, extension: true, doc: 'longest lifetime of a signed login token; 0 disables them' }),
} as const;

/** Bareos Director directives accepted and kept raw in `extras`, without a warning. */
export const DIRECTOR_KEPT = [
  'Messages', 'Dir Source Address', 'Query File', 'Working Directory', 'Pid Directory', 'Plugin Directory',
  'Plugin Names', 'Scripts Directory', 'Backend Directory', 'Subscriptions', 'Sub Sys Directory',
  'Maximum Concurrent Jobs', 'Maximum Connections', 'FD Connect Timeout', 'SD Connect Timeout',
  'Heartbeat Interval', 'Statistics Retention', 'Statistics Collect Interval', 'Optimize For Size',
  'Optimize For Speed', 'Omit Defaults', 'Key Encryption Key', 'Ndmp Snooping', 'Ndmp Log Level',
  'Ndmp Namelist Fallback', 'Absolute Job Timeout', 'Auditing', 'Audit Events', 'Secure Erase Command',
  'Log Timestamp Format', 'TLS Authenticate', 'TLS PSK Enable', 'TLS PSK Require', 'Enable kTLS',
] as const;

export const CONSOLE_DIRECTIVES = {
  name: d('Name', 'name', { required: true }),
  description: d('Description', 'string'),
  password: d('Password', 'password', { required: true }),
  profile: d('Profile', 'list'),
  usePamAuthentication: d('Use Pam Authentication', 'bool', { default: false }),
  ...ACL_DIRECTIVES,
  ...TLS_CORE,
  allowCleartextPam: d('Allow Cleartext Pam', 'bool', { default: false, extension: true, doc: 'allow PAM over a cleartext session' }),
  certificateIdentity: d('Certificate Identity', 'string', { extension: true, doc: 'client certificate CN bound to this console' }),
} as const;

export const CONSOLE_KEPT = ['Run ACL', ...TLS_KEPT] as const;

export const USER_DIRECTIVES = {
  name: d('Name', 'name', { required: true }),
  description: d('Description', 'string'),
  profile: d('Profile', 'list'),
  ...ACL_DIRECTIVES,
} as const;

export const PROFILE_DIRECTIVES = {
  name: d('Name', 'name', { required: true }),
  description: d('Description', 'string'),
  ...ACL_DIRECTIVES,
} as const;

export const CATALOG_DIRECTIVES = {
  name: d('Name', 'name', { required: true }),
  description: d('Description', 'string'),
  dbDriver: d(['DB Driver'], 'enum', { required: true, values: ['sqlite3', 'postgresql'] }),
  dbName: d('DB Name', 'string', { required: true }),
  dbAddress: d(['DB Address', 'Address'], 'string'),
  dbPort: d(['DB Port', 'Port'], 'int'),
  dbUser: d(['DB User', 'User'], 'string'),
  dbPassword: d(['DB Password', 'Password'], 'password'),
  dbSocket: d('DB Socket', 'path'),
} as const;

export const CATALOG_KEPT = [
  'Multiple Connections', 'Disable Batch Insert', 'Reconnect', 'Exit On Fatal', 'Min Connections',
  'Max Connections', 'Inc Connections', 'Idle Timeout', 'Validate Timeout',
] as const;

// ------------------------------------------------- light views of resources the director only reads

/** Job and JobDefs share one table; a Job inherits every directive it leaves out from its JobDefs. */
export const JOB_DIRECTIVES = {
  name: d('Name', 'name', { required: true }),
  description: d('Description', 'string'),
  type: d('Type', 'string'),
  level: d('Level', 'string'),
  enabled: d('Enabled', 'bool', { default: true }),
  client: d('Client', 'string'),
  pool: d('Pool', 'string'),
  fileSet: d('FileSet', 'string'),
  schedule: d('Schedule', 'string'),
  storage: d('Storage', 'list'),
  messages: d('Messages', 'string'),
  jobDefs: d('JobDefs', 'string'),
  priority: d('Priority', 'int', { default: 10 }),
  fullBackupPool: d('Full Backup Pool', 'string'),
  incrementalBackupPool: d('Incremental Backup Pool', 'string'),
  differentialBackupPool: d('Differential Backup Pool', 'string'),
  catalog: d('Catalog', 'string'),
} as const;

export const CLIENT_DIRECTIVES = {
  name: d('Name', 'name', { required: true }),
  description: d('Description', 'string'),
  address: d(['Address', 'FD Address'], 'string'),
  port: d(['Port', 'FD Port'], 'int', { default: 9102 }),
  enabled: d('Enabled', 'bool', { default: true }),
  catalog: d('Catalog', 'string'),
} as const;

export const POOL_DIRECTIVES = {
  name: d('Name', 'name', { required: true }),
  description: d('Description', 'string'),
  poolType: d('Pool Type', 'string', { default: 'Backup' }),
  labelFormat: d('Label Format', 'string'),
  maximumVolumes: d('Maximum Volumes', 'int'),
  catalog: d('Catalog', 'string'),
} as const;

export const STORAGE_DIRECTIVES = {
  name: d('Name', 'name', { required: true }),
  description: d('Description', 'string'),
  address: d(['Address', 'SD Address'], 'string'),
  port: d(['Port', 'SD Port'], 'int', { default: 9103 }),
  device: d('Device', 'list'),
  mediaType: d('Media Type', 'string'),
  enabled: d('Enabled', 'bool', { default: true }),
  autochanger: d('Auto Changer', 'bool', { default: false }),
} as const;

export const FILESET_DIRECTIVES = {
  name: d('Name', 'name', { required: true }),
  description: d('Description', 'string'),
  include: d('Include', 'block'),
  exclude: d('Exclude', 'block'),
} as const;

export const SCHEDULE_DIRECTIVES = {
  name: d('Name', 'name', { required: true }),
  description: d('Description', 'string'),
  enabled: d('Enabled', 'bool', { default: true }),
  run: d('Run', 'rawlist'),
} as const;

/** Director resource types by keyword, with the spelling `show` and dot commands use. */
export const DIRECTOR_RESOURCE_TYPES: Readonly<Record<string, string>> = {
  director: 'Director', client: 'Client', job: 'Job', jobdefs: 'JobDefs', storage: 'Storage',
  catalog: 'Catalog', schedule: 'Schedule', fileset: 'FileSet', pool: 'Pool', messages: 'Messages',
  counter: 'Counter', console: 'Console', profile: 'Profile', user: 'User',
};
