import type { ResourceNode } from './ast.ts';
import { BconsoleSelectionError, ConfigDuplicateResourceError, throwConfigErrors } from './errors.ts';
import { parseConfigText, type ParseOptions } from './parser.ts';
import { applyTable, Diagnostics, type ConfigWarning, type TypedResource } from './resource.ts';
import { d, TLS_CORE } from './schema.ts';
import { fileSystemSource } from './source.ts';

/** bconsole.conf resources (reference §8.3), as our console clients read them. */
export const BCONSOLE_DIRECTOR_DIRECTIVES = {
  name: d('Name', 'name', { required: true }),
  description: d('Description', 'string'),
  address: d('Address', 'string', { required: true }),
  port: d(['DirPort', 'Port'], 'int', { default: 9101 }),
  password: d('Password', 'password', { doc: 'key of the default console *UserAgent*' }),
  heartbeatInterval: d('Heartbeat Interval', 'duration', { default: 0 }),
  ...TLS_CORE,
} as const;

export const BCONSOLE_CONSOLE_DIRECTIVES = {
  name: d('Name', 'name', { required: true }),
  description: d('Description', 'string'),
  password: d('Password', 'password', { required: true }),
  director: d('Director', 'string', { doc: 'name of the Director resource this console belongs to' }),
  heartbeatInterval: d('Heartbeat Interval', 'duration', { default: 0 }),
  historyFile: d('History File', 'path'),
  historyLength: d('History Length', 'int', { default: 100 }),
  rcFile: d('Rc File', 'path'),
  ...TLS_CORE,
} as const;

const BCONSOLE_TLS_KEPT = [
  'TLS Authenticate', 'TLS CA Certificate Dir', 'TLS Certificate Revocation List', 'TLS Cipher List',
  'TLS Cipher Suites', 'TLS DH File', 'TLS Protocol', 'TLS PSK Enable', 'TLS PSK Require', 'Enable kTLS',
];

export type BconsoleDirector = TypedResource<typeof BCONSOLE_DIRECTOR_DIRECTIVES>;
export type BconsoleConsole = TypedResource<typeof BCONSOLE_CONSOLE_DIRECTIVES>;

export interface BconsoleConfig {
  readonly file: string;
  readonly directors: readonly BconsoleDirector[];
  readonly consoles: readonly BconsoleConsole[];
  /** Generic resources other than Director and Console (kept, warned). */
  readonly others: readonly ResourceNode[];
  readonly warnings: readonly ConfigWarning[];
}

/** Parses bconsole.conf text; throws ConfigError (one) or ConfigInvalidError (several). */
export function parseBconsoleConfigText(text: string, fileName = 'bconsole.conf', options: ParseOptions = {}): BconsoleConfig {
  const parsed = parseConfigText(text, fileName, options);
  const diag = new Diagnostics();
  const of = (kw: string) => parsed.resources.filter((r) => r.keyword === kw);
  const directors = of('director').map((n) => applyTable(n, BCONSOLE_DIRECTOR_DIRECTIVES, { kept: BCONSOLE_TLS_KEPT, warnUnknown: true }, diag));
  const consoles = of('console').map((n) => applyTable(n, BCONSOLE_CONSOLE_DIRECTIVES, { kept: BCONSOLE_TLS_KEPT, warnUnknown: true }, diag));
  const others = parsed.resources.filter((r) => r.keyword !== 'director' && r.keyword !== 'console');
  for (const o of others) diag.warn('W_UNKNOWN_RESOURCE_TYPE', `unknown resource type '${o.type}' in bconsole configuration (kept, not used)`, o.pos);
  checkUnique(directors, diag);
  checkUnique(consoles, diag);
  if (diag.errors.length > 0) throwConfigErrors(diag.errors);
  return { file: fileName, directors, consoles, others, warnings: diag.warnings };
}

export function loadBconsoleConfig(path: string, options: ParseOptions = {}): BconsoleConfig {
  const source = options.source ?? fileSystemSource;
  return parseBconsoleConfigText(source.readFile(path), path, { source });
}

function checkUnique(list: readonly { readonly name: string; readonly node: ResourceNode }[], diag: Diagnostics): void {
  const seen = new Set<string>();
  for (const r of list) {
    if (seen.has(r.name)) diag.error(new ConfigDuplicateResourceError(`${r.node.type} '${r.name}' is defined twice`, r.node.pos));
    seen.add(r.name);
  }
}

/** The chosen Director: by `-D name`, else the only one; several without a name is the caller's prompt. */
export function selectDirector(config: BconsoleConfig, name?: string): BconsoleDirector {
  if (config.directors.length === 0) throw new BconsoleSelectionError('ERR_BCONSOLE_NO_DIRECTOR', 'no Director resource in the console configuration', config.file);
  if (name !== undefined) {
    const found = config.directors.find((dir) => dir.name === name);
    if (!found) throw new BconsoleSelectionError('ERR_BCONSOLE_UNKNOWN_DIRECTOR', `no Director resource named '${name}'`, config.file);
    return found;
  }
  const [only, ...rest] = config.directors;
  if (!only || rest.length > 0) {
    throw new BconsoleSelectionError('ERR_BCONSOLE_DIRECTOR_CHOICE', `${config.directors.length} Director resources: choose one by name`, config.file);
  }
  return only;
}

/** What a client needs to log in. */
export interface BconsoleLogin {
  readonly director: BconsoleDirector;
  /** The Console resource used, or undefined for the default console. */
  readonly console: BconsoleConsole | undefined;
  /** Name sent in Hello: the Console's, or `*UserAgent*`. */
  readonly consoleName: string;
  /** Config value of the password (derive the key with `storedPassword`). */
  readonly password: string;
  /** bconsole starts TLS first when the used resource (Console if any, else Director) has TLS Enable. */
  readonly tlsEnable: boolean;
  readonly tlsRequire: boolean;
  readonly heartbeatInterval: number;
}

export const DEFAULT_CONSOLE_NAME = '*UserAgent*';

/**
 * §8.3: the first Console whose `Director` is the chosen Director, else the first Console without
 * `Director`, else the first Console; no Console at all → the default console with the Director password.
 */
export function selectConsole(config: BconsoleConfig, director: BconsoleDirector): BconsoleConsole | undefined {
  return config.consoles.find((c) => c.director === director.name)
    ?? config.consoles.find((c) => c.director === undefined)
    ?? config.consoles[0];
}

export function resolveBconsoleLogin(config: BconsoleConfig, directorName?: string): BconsoleLogin {
  const director = selectDirector(config, directorName);
  const console = selectConsole(config, director);
  if (console) {
    return {
      director, console, consoleName: console.name, password: console.password,
      tlsEnable: console.tlsEnable, tlsRequire: console.tlsRequire, heartbeatInterval: console.heartbeatInterval,
    };
  }
  if (director.password === undefined) {
    throw new BconsoleSelectionError('ERR_BCONSOLE_NO_PASSWORD', `Director '${director.name}' has no Password and there is no Console resource`, config.file);
  }
  return {
    director, console: undefined, consoleName: DEFAULT_CONSOLE_NAME, password: director.password,
    tlsEnable: director.tlsEnable, tlsRequire: director.tlsRequire, heartbeatInterval: director.heartbeatInterval,
  };
}
