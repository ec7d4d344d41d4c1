/** Where something was written: 1-based line and column (UTF-16 code units within the line). */
export interface SourcePos {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/**
 * `Key = a, "b c", d`: `items` are the comma-separated entries with quotes removed and escapes applied;
 * `raw` is the value as written (comments stripped), kept for `show` and for sizes and durations.
 */
export interface ScalarValue {
  readonly kind: 'scalar';
  readonly items: readonly string[];
  readonly raw: string;
  readonly pos: SourcePos;
}

/** `Key { ... }` or `Key = { ... }` (FileSet Include/Options, DirAddresses, RunScript). */
export interface BlockValue {
  readonly kind: 'block';
  readonly body: readonly DirectiveNode[];
  readonly pos: SourcePos;
}

export interface DirectiveNode {
  /** The key as written, e.g. `Command ACL`. */
  readonly key: string;
  /** The key lowercased with spaces removed, e.g. `commandacl`: what Bareos compares. */
  readonly keyword: string;
  readonly value: ScalarValue | BlockValue;
  readonly pos: SourcePos;
}

/** `Type { ... }` at the top level of a file. */
export interface ResourceNode {
  readonly type: string;
  readonly keyword: string;
  readonly body: readonly DirectiveNode[];
  readonly pos: SourcePos;
}

/** Bareos ignores case and spaces in keywords: `Command ACL` = `commandacl` = `CommandACL`. */
export function normalizeKeyword(key: string): string {
  return key.replace(/\s+/g, '').toLowerCase();
}
