import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { ConfigFileError } from './errors.ts';

/** Bounds so a hostile or broken tree cannot exhaust memory: per file and in total. */
export const MAX_CONFIG_FILE_BYTES = 16 * 1024 * 1024;
export const MAX_CONFIG_FILES = 10_000;
export const MAX_INCLUDE_DEPTH = 32;

/** How the parser reaches files; tests may supply their own. */
export interface ConfigSource {
  /** The file's text; throws ConfigFileError when it cannot be read. */
  readFile(path: string): string;
  /** Files matching a pattern (`*`, `?`, `[...]` per path segment), sorted; a plain path is returned as is. */
  expand(pattern: string): string[];
}

export function isGlobPattern(path: string): boolean {
  return /[*?[]/.test(path);
}

/** Relative include paths resolve against the including file's directory (Bareos does the same). */
export function resolveIncludePath(path: string, includingFile: string): string {
  return isAbsolute(path) ? path : resolve(dirname(includingFile), path);
}

export const fileSystemSource: ConfigSource = {
  readFile(path: string): string {
    let size: number;
    try {
      const st = statSync(path);
      if (!st.isFile()) throw new ConfigFileError('not a regular file', path);
      size = st.size;
    } catch (err) {
      if (err instanceof ConfigFileError) throw err;
      throw new ConfigFileError(`cannot read: ${describe(err)}`, path);
    }
    if (size > MAX_CONFIG_FILE_BYTES) throw new ConfigFileError(`larger than ${MAX_CONFIG_FILE_BYTES} bytes`, path);
    try {
      return readFileSync(path, 'utf8');
    } catch (err) {
      throw new ConfigFileError(`cannot read: ${describe(err)}`, path);
    }
  },
  expand(pattern: string): string[] {
    if (!isGlobPattern(pattern)) return [pattern];
    return globFiles(pattern);
  },
};

function describe(err: unknown): string {
  if (err && typeof err === 'object' && 'code' in err && typeof err.code === 'string') return err.code;
  return err instanceof Error ? err.message : String(err);
}

/** Shell-style matching of one path segment: `*`, `?` and `[...]` (`[!...]` negates); never matches dot files with a wildcard. */
export function segmentMatcher(segment: string): RegExp {
  let re = '';
  for (let i = 0; i < segment.length; i++) {
    const ch = segment[i] ?? '';
    if (ch === '*') re += '[^/]*';
    else if (ch === '?') re += '[^/]';
    else if (ch === '[') {
      const close = segment.indexOf(']', i + 2);
      if (close < 0) re += '\\[';
      else {
        let body = segment.slice(i + 1, close);
        if (body.startsWith('!')) body = `^${body.slice(1)}`;
        re += `[${body.replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else re += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** A small glob (Node 20 has no fs.glob): expands each segment that holds a wildcard, sorted like glob(3). */
export function globFiles(pattern: string): string[] {
  const absolute = isAbsolute(pattern);
  const parts = pattern.split(/[\\/]+/).filter((p) => p !== '');
  let candidates = [absolute ? sep : '.'];
  for (const [index, part] of parts.entries()) {
    const last = index === parts.length - 1;
    const next: string[] = [];
    for (const base of candidates) next.push(...expandSegment(base, part, last));
    candidates = next;
    if (candidates.length > MAX_CONFIG_FILES) throw new ConfigFileError(`pattern matches more than ${MAX_CONFIG_FILES} paths`, pattern);
  }
  return candidates.filter(isFile);
}

function expandSegment(base: string, part: string, last: boolean): string[] {
  if (!isGlobPattern(part)) return [join(base, part)];
  const matcher = segmentMatcher(part);
  let names: string[];
  try {
    names = readdirSync(base);
  } catch {
    return [];
  }
  return names
    .filter((n) => !n.startsWith('.') && matcher.test(n))
    .sort()
    .map((n) => join(base, n))
    .filter((p) => last || isDirectory(p));
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
