import type { ConsoleResource, DirectorConfig, ProfileResource, UserResource } from './director.ts';
import { ACL_TYPES, type AclType } from './schema.ts';

export { ACL_TYPES, type AclType };

/**
 * ACL evaluation (catalog reference §6.1, Bareos `ua_acl.cc`): entries are tried in order, the first
 * that matches decides; `!entry` denies; `*all*` matches everything; an entry holding any of
 * `.()[]|^$+?*` is also tried as a case-insensitive POSIX extended regex that must match the whole
 * item; otherwise case-insensitive equality; no match denies.
 */

const REGEX_CHARS = /[.()[\]|^$+?*]/;
const MAX_PATTERN_LENGTH = 4096;
const compiled = new Map<string, RegExp | null>();

/** Whether Bareos would also try this entry as a regular expression. */
export function isAclPattern(entry: string): boolean {
  return REGEX_CHARS.test(entry);
}

/** The entry as an anchored, case-insensitive JS regex; undefined when it is not a valid ERE. */
export function compileAclPattern(pattern: string): RegExp | undefined {
  const hit = compiled.get(pattern);
  if (hit !== undefined) return hit ?? undefined;
  const source = pattern.length <= MAX_PATTERN_LENGTH ? ereToJs(pattern) : undefined;
  let re: RegExp | null = null;
  if (source !== undefined) {
    try {
      re = new RegExp(`^(?:${source})$`, 'i');
    } catch {
      re = null;
    }
  }
  if (compiled.size > 1000) compiled.clear();
  compiled.set(pattern, re);
  return re ?? undefined;
}

const POSIX_CLASSES: Readonly<Record<string, string>> = {
  alpha: 'A-Za-z', digit: '0-9', alnum: 'A-Za-z0-9', upper: 'A-Z', lower: 'a-z', space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t', punct: '!-\\/:-@\\[-`{-~', xdigit: '0-9A-Fa-f', cntrl: '\\x00-\\x1f\\x7f', print: ' -~', graph: '!-~',
};

/**
 * POSIX ERE → JS: backslash outside brackets quotes the next character (GNU's \w \s \b kept); inside
 * brackets backslash is literal and `[:class:]` names a class; JS-only syntax such as `(?` is refused.
 */
function ereToJs(p: string): string | undefined {
  let out = '';
  for (let i = 0; i < p.length;) {
    const c = p[i] as string;
    if (c === '\\') {
      const n = p[i + 1];
      if (n === undefined) return undefined;
      out += 'wWsSbB'.includes(n) ? `\\${n}` : escapeLiteral(n);
      i += 2;
    } else if (c === '[') {
      const bracket = translateBracket(p, i);
      if (!bracket) return undefined;
      out += bracket.text;
      i = bracket.end;
    } else if (c === '(' && p[i + 1] === '?') {
      return undefined;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

function escapeLiteral(ch: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(ch) ? `\\${ch}` : ch;
}

/** `[...]` starting at `start`; returns the JS class and the index after `]`. */
function translateBracket(p: string, start: number): { text: string; end: number } | undefined {
  let j = start + 1;
  let body = '';
  if (p[j] === '^') {
    body = '^';
    j++;
  }
  if (p[j] === ']') {
    body += '\\]';
    j++;
  }
  while (j < p.length && p[j] !== ']') {
    if (p.startsWith('[:', j)) {
      const close = p.indexOf(':]', j + 2);
      const cls = close < 0 ? undefined : POSIX_CLASSES[p.slice(j + 2, close)];
      if (cls === undefined) return undefined;
      body += cls;
      j = close + 2;
      continue;
    }
    if (p.startsWith('[=', j) || p.startsWith('[.', j)) return undefined;
    const ch = p[j] as string;
    body += ch === '\\' || ch === '[' ? `\\${ch}` : ch;
    j++;
  }
  if (j >= p.length) return undefined;
  return { text: `[${body}]`, end: j + 1 };
}

function asciiLower(s: string): string {
  return s.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));
}

/** One entry (without its `!`) against one item. */
export function aclEntryMatches(pattern: string, item: string): boolean {
  const lowered = asciiLower(pattern);
  if (lowered === '*all*') return true;
  if (lowered === asciiLower(item)) return true;
  if (!isAclPattern(pattern)) return false;
  return compileAclPattern(pattern)?.test(item) ?? false;
}

/** Bareos names: ASCII letters, digits and `:.-_/ `, no leading or trailing space, 1 to 127 bytes. */
export function isValidAclItemName(item: string): boolean {
  if (item === '' || item.length >= 128) return false;
  if (item.startsWith(' ') || item.endsWith(' ')) return false;
  return /^[A-Za-z0-9:.\-_/ ]+$/.test(item);
}

/** Where and Plugin Options ACLs hold paths and option strings, not resource names. */
function checksItemName(type: AclType | undefined): boolean {
  return type !== 'where' && type !== 'pluginoptions';
}

/** The decision of an entry list for one item (first match decides; no match denies). */
export function aclListAllows(entries: readonly string[], item: string, type?: AclType): boolean {
  if (checksItemName(type) && !isValidAclItemName(item)) return false;
  for (const entry of entries) {
    const deny = entry.startsWith('!');
    if (aclEntryMatches(deny ? entry.slice(1) : entry, item)) return !deny;
  }
  return false;
}

/**
 * Whether a list restricts anything (decides whether the director registers row filters): the first
 * `!` entry → restricted; `*all*` before any `!` → unrestricted; reaching the end → restricted.
 */
export function hasRestrictions(entries: readonly string[]): boolean {
  for (const entry of entries) {
    if (entry.startsWith('!')) return true;
    if (asciiLower(entry) === '*all*') return false;
  }
  return true;
}

type AclHolder = ConsoleResource | UserResource;

/**
 * The ACLs of one session: a named Console's (or a PAM User's) own entries followed by each profile's,
 * in profile order. The default console (`UserAcl.unrestricted()`) has none: everything allowed, except
 * that invalid item names are still refused, as Bareos does.
 */
export class UserAcl {
  private constructor(private readonly lists: ReadonlyMap<AclType, readonly string[]> | undefined) {}

  static unrestricted(): UserAcl {
    return new UserAcl(undefined);
  }

  /** Profiles are looked up by exact name; missing ones (rejected by validation) contribute nothing. */
  static forResource(resource: AclHolder, profiles: readonly ProfileResource[]): UserAcl {
    const used = resource.profile.flatMap((name) => profiles.filter((p) => p.name === name));
    const lists = new Map<AclType, readonly string[]>();
    for (const type of ACL_TYPES) lists.set(type, [...resource[type], ...used.flatMap((p) => p[type])]);
    return new UserAcl(lists);
  }

  static fromConfig(config: DirectorConfig, resource: AclHolder): UserAcl {
    return UserAcl.forResource(resource, config.profiles);
  }

  get isUnrestricted(): boolean {
    return this.lists === undefined;
  }

  /** The effective entry list: own entries first, then each profile's. */
  entries(type: AclType): readonly string[] {
    return this.lists?.get(type) ?? [];
  }

  allows(type: AclType, item: string): boolean {
    if (!this.lists) return !checksItemName(type) || isValidAclItemName(item);
    return aclListAllows(this.entries(type), item, type);
  }

  hasRestrictions(type: AclType): boolean {
    return this.lists ? hasRestrictions(this.entries(type)) : false;
  }
}
