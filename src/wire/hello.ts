/**
 * The Hello line (reference §3): the first frame a peer sends, in cleartext or inside TLS.
 *   current bconsole:  Hello <name> calling version <full> Version="<maj>.<min>.<patch>"\n
 *   bconsole 18.2-25:  Hello <name> calling version <full>\n
 *   old / Bacula:      Hello <name> calling[ <anything>]\n
 * Names carry spaces as SOH (0x01), "bashed".
 */
import { MalformedMessageError } from './errors.ts';

/** Hello frame length bounds the director enforces (§3.2). */
export const HELLO_MIN_LENGTH = 15;
export const HELLO_MAX_LENGTH = 153;
export const MAX_NAME_LENGTH = 127;

export type PeerKind = 'console' | 'director' | 'storage' | 'client' | 'job';

export interface HelloVersion {
  /** The token as sent, e.g. `25.0.0~pre123.abcdef`. */
  readonly text: string;
  readonly major: number;
  readonly minor: number;
}

export interface Hello {
  readonly kind: PeerKind;
  /** Console name with SOH turned back into spaces; empty for daemon kinds that carry none. */
  readonly name: string;
  /** Version from the 4th token, if any. */
  readonly version: HelloVersion | undefined;
  /** True from 18.2 on: the console gets response messages and may use PAM (§3.3). */
  readonly modern: boolean;
}

export function bashSpaces(name: string): string {
  return name.replace(/ /g, '\x01');
}

export function unbashSpaces(name: string): string {
  return name.replace(/\x01/g, ' ');
}

export interface BuildHelloOptions {
  readonly name: string;
  /** Omit for the pre-18.2 / Bacula form. */
  readonly version?: string;
  /** Add the `Version="x.y.z"` suffix current bconsole sends. */
  readonly withVersionSuffix?: boolean;
}

export function buildHello(options: BuildHelloOptions): string {
  const name = bashSpaces(options.name);
  if (options.version === undefined) return `Hello ${name} calling\n`;
  const base = `Hello ${name} calling version ${options.version}`;
  if (!options.withVersionSuffix) return `${base}\n`;
  const short = /^(\d+\.\d+\.\d+)/.exec(options.version)?.[1] ?? options.version;
  return `${base} Version="${short}"\n`;
}

// Daemon Hellos, checked before the plain console form, in the director's order (§2.3).
const DAEMON_PREFIXES: ReadonlyArray<readonly [string, PeerKind]> = [
  ['Hello Storage calling Start Job', 'job'],
  ['Hello Start Storage Job', 'job'],
  ['Hello Start Job', 'job'],
  ['Hello Director', 'director'],
  ['Hello Storage', 'storage'],
  ['Hello Client', 'client'],
];

/** Parse a version token: the first two dot-separated parts must start with decimal digits. */
export function parseVersionToken(token: string): HelloVersion | undefined {
  const parts = token.split('.');
  const major = /^\d+/.exec(parts[0] ?? '');
  const minor = /^\d+/.exec(parts[1] ?? '');
  if (!major || !minor) return undefined;
  return { text: token, major: Number(major[0]), minor: Number(minor[0]) };
}

/**
 * Parse a Hello payload (bytes or text). Throws MalformedMessageError for anything that is no Hello.
 * Unlike Bareos' prefix table, a console whose name merely begins with `Director`/`Client`/... is
 * recognised as a console when the line has the console shape (`Hello <name> calling`).
 */
export function parseHello(payload: Buffer | string): Hello {
  const raw = typeof payload === 'string' ? payload : payload.toString('latin1');
  if (raw.length < HELLO_MIN_LENGTH || raw.length > HELLO_MAX_LENGTH) {
    throw new MalformedMessageError('Hello', `length ${raw.length} outside ${HELLO_MIN_LENGTH}..${HELLO_MAX_LENGTH}`);
  }
  const line = raw.replace(/\0.*$/s, '').replace(/\r?\n$/, '');
  if (/[\n\r\0]/.test(line)) throw new MalformedMessageError('Hello', 'control characters in the line');
  const tokens = line.split(' ');
  if (tokens[0] !== 'Hello') throw new MalformedMessageError('Hello', 'does not start with "Hello "');
  // Job Hellos first: `Hello Storage calling Start Job ...` also has the console shape.
  for (const [prefix, kind] of DAEMON_PREFIXES) {
    if (kind === 'job' && line.startsWith(prefix)) return { kind, name: '', version: undefined, modern: false };
  }
  const consoleShape = tokens.length >= 3 && tokens[2] === 'calling' && (tokens[1] ?? '') !== '';
  if (!consoleShape) {
    for (const [prefix, kind] of DAEMON_PREFIXES) {
      if (line.startsWith(`${prefix} `)) return { kind, name: unbashSpaces(tokens[2] ?? ''), version: undefined, modern: false };
    }
    throw new MalformedMessageError('Hello', 'expected "Hello <name> calling"');
  }
  const name = unbashSpaces(tokens[1] ?? '');
  if (Buffer.byteLength(name) > MAX_NAME_LENGTH) throw new MalformedMessageError('Hello', 'name longer than 127 bytes');
  let version: HelloVersion | undefined;
  if (tokens[3] === 'version') {
    const token = tokens[4];
    if (token === undefined || token === '') throw new MalformedMessageError('Hello', 'empty version');
    version = parseVersionToken(token);
    if (!version) throw new MalformedMessageError('Hello', `unparsable version "${token}"`);
  }
  const modern = version !== undefined && version.major * 100 + version.minor >= 1802;
  return { kind: 'console', name, version, modern };
}
