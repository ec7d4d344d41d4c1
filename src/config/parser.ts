import { resolve } from 'node:path';
import { normalizeKeyword, type BlockValue, type DirectiveNode, type ResourceNode, type ScalarValue, type SourcePos } from './ast.ts';
import { ConfigError, ConfigIncludeError, ConfigSyntaxError } from './errors.ts';
import { Lexer, type Token } from './lexer.ts';
import {
  fileSystemSource, isGlobPattern, MAX_CONFIG_FILES, MAX_INCLUDE_DEPTH, resolveIncludePath, type ConfigSource,
} from './source.ts';

/** Deeper nesting than any real FileSet; the cap keeps recursion bounded on hostile input. */
export const MAX_BLOCK_DEPTH = 32;

const KEYWORD = /^[A-Za-z][A-Za-z0-9 _\-]*$/;

export interface ParseOptions {
  source?: ConfigSource;
}

export interface ParsedConfig {
  readonly resources: readonly ResourceNode[];
  /** Every file read, in the order it was opened (the root first). */
  readonly files: readonly string[];
  /** Glob includes that matched nothing: harmless, but worth a warning. */
  readonly emptyGlobs: readonly { readonly pattern: string; readonly pos: SourcePos }[];
}

/** Parses one text (file name used for positions and for resolving relative includes). */
export function parseConfigText(text: string, fileName: string, options: ParseOptions = {}): ParsedConfig {
  const stream = new TokenStream(new Lexer(text, fileName), options.source ?? fileSystemSource);
  return new Parser(stream).parseResources();
}

/** Parses several root files into one resource list (a `bareos-dir.d` tree). */
export function parseConfigFiles(paths: readonly string[], options: ParseOptions = {}): ParsedConfig {
  const source = options.source ?? fileSystemSource;
  const resources: ResourceNode[] = [];
  const files: string[] = [];
  const emptyGlobs: ParsedConfig['emptyGlobs'][number][] = [];
  for (const path of paths) {
    const parsed = parseConfigText(source.readFile(path), path, { source });
    resources.push(...parsed.resources);
    files.push(...parsed.files);
    emptyGlobs.push(...parsed.emptyGlobs);
  }
  return { resources, files, emptyGlobs };
}

/**
 * Tokens of the root file with includes spliced in. An include pushes the included files' lexers; each
 * starts in the mode of the includer so `Password = @/etc/secret` works as it does in Bareos.
 */
class TokenStream {
  private readonly stack: Lexer[];
  private peeked: Token | undefined;
  readonly files: string[];
  readonly emptyGlobs: { pattern: string; pos: SourcePos }[] = [];

  constructor(root: Lexer, private readonly source: ConfigSource) {
    this.stack = [root];
    this.files = [root.fileName];
  }

  peek(): Token {
    this.peeked ??= this.read();
    return this.peeked;
  }

  next(): Token {
    const tok = this.peek();
    this.peeked = undefined;
    return tok;
  }

  private read(): Token {
    for (;;) {
      const lexer = this.stack[this.stack.length - 1];
      if (!lexer) throw new Error('token stream underflow');
      const tok = lexer.next();
      if (tok.kind === 'include') {
        this.include(tok, lexer);
        continue;
      }
      if (tok.kind === 'eof' && this.stack.length > 1) {
        this.stack.pop();
        this.openNextPending();
        continue;
      }
      return tok;
    }
  }

  private include(tok: Token, includer: Lexer): void {
    const target = resolveIncludePath(tok.text, includer.fileName);
    let matches: string[];
    try {
      matches = this.source.expand(target);
    } catch (err) {
      throw asIncludeError(err, tok.pos);
    }
    if (matches.length === 0) {
      if (!isGlobPattern(target)) throw new ConfigIncludeError(`included file not found: ${target}`, tok.pos);
      this.emptyGlobs.push({ pattern: target, pos: tok.pos });
      return;
    }
    if (this.stack.length > MAX_INCLUDE_DEPTH) throw new ConfigIncludeError(`includes nested deeper than ${MAX_INCLUDE_DEPTH}`, tok.pos);
    const active = new Set(this.stack.map((l) => resolve(l.fileName)));
    for (const m of matches) {
      if (active.has(resolve(m))) throw new ConfigIncludeError(`include cycle: ${m} includes itself`, tok.pos);
    }
    this.pendingFrames.push({ files: [...matches], mode: includer.currentMode, pos: tok.pos });
    this.openFrame();
  }

  private readonly pendingFrames: { files: string[]; mode: Lexer['currentMode']; pos: SourcePos }[] = [];

  /** Opens the next file of the innermost include that still has files to read. */
  private openFrame(): void {
    const frame = this.pendingFrames[this.pendingFrames.length - 1];
    if (!frame) return;
    const file = frame.files.shift();
    if (file === undefined) {
      this.pendingFrames.pop();
      return;
    }
    if (this.files.length >= MAX_CONFIG_FILES) throw new ConfigIncludeError(`more than ${MAX_CONFIG_FILES} configuration files`, frame.pos);
    let text: string;
    try {
      text = this.source.readFile(file);
    } catch (err) {
      throw asIncludeError(err, frame.pos);
    }
    this.files.push(file);
    this.stack.push(new Lexer(text, file, frame.mode));
  }

  /** After an included file ends: the next file of the same glob, if any. */
  private openNextPending(): void {
    const frame = this.pendingFrames[this.pendingFrames.length - 1];
    if (!frame) return;
    if (frame.files.length === 0) {
      this.pendingFrames.pop();
      return;
    }
    this.openFrame();
  }
}

function asIncludeError(err: unknown, pos: SourcePos): ConfigError {
  if (err instanceof ConfigIncludeError) return err;
  if (err instanceof ConfigError) return new ConfigIncludeError(err.message, pos);
  return new ConfigIncludeError(err instanceof Error ? err.message : String(err), pos);
}

function describeToken(tok: Token): string {
  switch (tok.kind) {
    case 'eof': return 'end of file';
    case 'newline': return 'end of line';
    case 'word': return `'${tok.text}'`;
    case 'string': return 'a quoted string';
    default: return `'${tok.text}'`;
  }
}

class Parser {
  constructor(private readonly tokens: TokenStream) {}

  parseResources(): ParsedConfig {
    const resources: ResourceNode[] = [];
    for (;;) {
      const tok = this.skipSeparators();
      if (tok.kind === 'eof') break;
      resources.push(this.parseResource());
    }
    return { resources, files: this.tokens.files, emptyGlobs: this.tokens.emptyGlobs };
  }

  private skipSeparators(): Token {
    let tok = this.tokens.peek();
    while (tok.kind === 'newline' || tok.kind === 'semicolon') {
      this.tokens.next();
      tok = this.tokens.peek();
    }
    return tok;
  }

  private parseResource(): ResourceNode {
    const typeTok = this.tokens.next();
    if (typeTok.kind !== 'word' || !KEYWORD.test(typeTok.text)) {
      throw new ConfigSyntaxError(`expected a resource type, found ${describeToken(typeTok)}`, typeTok.pos);
    }
    let open = this.tokens.next();
    if (open.kind === 'equals') open = this.tokens.next();
    if (open.kind !== 'lbrace') {
      throw new ConfigSyntaxError(`expected '{' after resource type '${typeTok.text}', found ${describeToken(open)}`, open.pos);
    }
    const body = this.parseBody(typeTok, 1);
    return { type: typeTok.text, keyword: normalizeKeyword(typeTok.text), body, pos: typeTok.pos };
  }

  /** Statements up to and including the matching `}`. */
  private parseBody(opener: Token, depth: number): DirectiveNode[] {
    if (depth > MAX_BLOCK_DEPTH) throw new ConfigSyntaxError(`blocks nested deeper than ${MAX_BLOCK_DEPTH}`, opener.pos);
    const body: DirectiveNode[] = [];
    for (;;) {
      const tok = this.skipSeparators();
      if (tok.kind === 'rbrace') {
        this.tokens.next();
        return body;
      }
      if (tok.kind === 'eof') {
        throw new ConfigSyntaxError(`missing '}' for '${opener.text}' opened at line ${opener.pos.line}, column ${opener.pos.column}`, tok.pos);
      }
      body.push(this.parseDirective(depth));
    }
  }

  private parseDirective(depth: number): DirectiveNode {
    const keyTok = this.tokens.next();
    if (keyTok.kind !== 'word' || !KEYWORD.test(keyTok.text)) {
      throw new ConfigSyntaxError(`expected a directive name, found ${describeToken(keyTok)}`, keyTok.pos);
    }
    const base = { key: keyTok.text, keyword: normalizeKeyword(keyTok.text), pos: keyTok.pos };
    const tok = this.tokens.next();
    if (tok.kind === 'lbrace') return { ...base, value: this.parseBlock(keyTok, tok, depth) };
    if (tok.kind !== 'equals') {
      throw new ConfigSyntaxError(`expected '=' or '{' after '${keyTok.text}', found ${describeToken(tok)}`, tok.pos);
    }
    const after = this.tokens.peek();
    if (after.kind === 'lbrace') {
      this.tokens.next();
      return { ...base, value: this.parseBlock(keyTok, after, depth) };
    }
    return { ...base, value: this.parseScalar(keyTok) };
  }

  private parseBlock(keyTok: Token, brace: Token, depth: number): BlockValue {
    return { kind: 'block', body: this.parseBody(keyTok, depth + 1), pos: brace.pos };
  }

  /** `a, "b", c` up to end of line, `;` or `}` (the `}` is left for the enclosing block). */
  private parseScalar(keyTok: Token): ScalarValue {
    const items: string[] = [];
    const all: Token[] = [];
    for (;;) {
      const parts = this.parseItem(keyTok, items.length > 0);
      all.push(...parts);
      items.push(joinParts(parts));
      const sep = this.tokens.peek();
      if (sep.kind !== 'comma') break;
      all.push(this.tokens.next());
    }
    const end = this.tokens.peek();
    if (end.kind === 'newline' || end.kind === 'semicolon') this.tokens.next();
    const first = all[0] as Token;
    return { kind: 'scalar', items, raw: rawOf(all), pos: first.pos };
  }

  private parseItem(keyTok: Token, afterComma: boolean): Token[] {
    const parts: Token[] = [];
    for (;;) {
      const tok = this.tokens.peek();
      if (tok.kind === 'word' || tok.kind === 'string') {
        parts.push(this.tokens.next());
        continue;
      }
      if (tok.kind === 'comma' || tok.kind === 'newline' || tok.kind === 'semicolon' || tok.kind === 'rbrace' || tok.kind === 'eof') {
        if (parts.length > 0) return parts;
        const what = afterComma ? 'an entry after \',\'' : `a value for '${keyTok.text}'`;
        throw new ConfigSyntaxError(`expected ${what}, found ${describeToken(tok)}`, tok.pos);
      }
      throw new ConfigSyntaxError(`unexpected ${describeToken(tok)} in the value of '${keyTok.text}'`, tok.pos);
    }
  }
}

/** The value as written, comments dropped: tokens joined with a space where the source had blanks. */
function rawOf(tokens: readonly Token[]): string {
  let out = '';
  for (const [i, t] of tokens.entries()) out += (i > 0 && t.spaceBefore ? ' ' : '') + t.raw;
  return out;
}

function joinParts(parts: readonly Token[]): string {
  let out = '';
  for (const [i, p] of parts.entries()) out += (i > 0 && p.spaceBefore ? ' ' : '') + p.text;
  return out;
}
