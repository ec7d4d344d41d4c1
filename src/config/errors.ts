import type { SourcePos } from './ast.ts';

/**
 * Errors of the configuration layer. One base class so callers can `instanceof ConfigError` and switch
 * on the stable `code`; `file`, `line` and `column` (1-based) say where, when a place is known.
 */
export class ConfigError extends Error {
  readonly code: string;
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly column: number | undefined;
  /** The message without the `file:line:column: ` prefix. */
  readonly detail: string;

  constructor(code: string, detail: string, where?: SourcePos | { file: string }) {
    super(`${formatWhere(where)}${detail}`);
    this.name = new.target.name;
    this.code = code;
    this.detail = detail;
    this.file = where?.file;
    this.line = where && 'line' in where ? where.line : undefined;
    this.column = where && 'column' in where ? where.column : undefined;
  }
}

function formatWhere(where: SourcePos | { file: string } | undefined): string {
  if (!where) return '';
  if ('line' in where) return `${where.file}:${where.line}:${where.column}: `;
  return `${where.file}: `;
}

/** The text is not Bareos resource syntax (bad token, missing brace, unterminated string, ...). */
export class ConfigSyntaxError extends ConfigError {
  constructor(detail: string, pos: SourcePos) {
    super('ERR_CONFIG_SYNTAX', detail, pos);
  }
}

/** An `@include` cannot be honoured: missing file, cycle, too deep, or a command include (`@|cmd`). */
export class ConfigIncludeError extends ConfigError {
  constructor(detail: string, pos: SourcePos) {
    super('ERR_CONFIG_INCLUDE', detail, pos);
  }
}

/** A configuration file or directory cannot be read, is too large, or holds no configuration. */
export class ConfigFileError extends ConfigError {
  constructor(detail: string, file: string) {
    super('ERR_CONFIG_FILE', detail, { file });
  }
}

/** A directive's value does not fit its kind (bool, int, size, duration, enum, block, ...). */
export class ConfigValueError extends ConfigError {
  constructor(detail: string, pos: SourcePos) {
    super('ERR_CONFIG_VALUE', detail, pos);
  }
}

/** A single-valued directive appears twice in one resource. */
export class ConfigDuplicateDirectiveError extends ConfigError {
  constructor(detail: string, pos: SourcePos) {
    super('ERR_CONFIG_DUPLICATE_DIRECTIVE', detail, pos);
  }
}

/** A required directive is absent; the position is the resource's opening line. */
export class ConfigMissingDirectiveError extends ConfigError {
  constructor(detail: string, pos: SourcePos) {
    super('ERR_CONFIG_MISSING_DIRECTIVE', detail, pos);
  }
}

/** Two resources of one type share a name. */
export class ConfigDuplicateResourceError extends ConfigError {
  constructor(detail: string, pos: SourcePos) {
    super('ERR_CONFIG_DUPLICATE_RESOURCE', detail, pos);
  }
}

/** A directive names a resource (Profile, JobDefs) that is not defined. */
export class ConfigReferenceError extends ConfigError {
  constructor(detail: string, pos: SourcePos) {
    super('ERR_CONFIG_REFERENCE', detail, pos);
  }
}

/** The director configuration must define exactly one Director resource. */
export class ConfigDirectorCountError extends ConfigError {
  constructor(detail: string, where: SourcePos | { file: string }) {
    super('ERR_CONFIG_DIRECTOR_COUNT', detail, where);
  }
}

/** An ACL entry is not well formed (empty, or a bare `!`). */
export class ConfigAclEntryError extends ConfigError {
  constructor(detail: string, pos: SourcePos) {
    super('ERR_CONFIG_ACL_ENTRY', detail, pos);
  }
}

/** More than one problem: `errors` holds them all, in file order; the position is the first one's. */
export class ConfigInvalidError extends ConfigError {
  readonly errors: readonly ConfigError[];
  constructor(errors: readonly ConfigError[]) {
    const first = errors[0];
    const where = first?.file === undefined ? undefined
      : first.line === undefined ? { file: first.file }
      : { file: first.file, line: first.line, column: first.column ?? 1 };
    super('ERR_CONFIG_INVALID', `${errors.length} configuration errors:\n${errors.map((e) => `  ${e.message}`).join('\n')}`, where);
    this.errors = errors;
  }
}

/** bconsole.conf: no usable Director (none, unknown `-D` name, or several and no choice made). */
export class BconsoleSelectionError extends ConfigError {
  constructor(code: 'ERR_BCONSOLE_NO_DIRECTOR' | 'ERR_BCONSOLE_UNKNOWN_DIRECTOR' | 'ERR_BCONSOLE_DIRECTOR_CHOICE' | 'ERR_BCONSOLE_NO_PASSWORD', detail: string, file?: string) {
    super(code, detail, file === undefined ? undefined : { file });
  }
}

/** Throw one error as itself, several as a ConfigInvalidError. */
export function throwConfigErrors(errors: readonly ConfigError[]): never {
  if (errors.length === 1 && errors[0]) throw errors[0];
  throw new ConfigInvalidError(errors);
}
