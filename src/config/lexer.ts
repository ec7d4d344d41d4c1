import type { SourcePos } from './ast.ts';
import { ConfigIncludeError, ConfigSyntaxError } from './errors.ts';

export type TokenKind =
  | 'word' | 'string' | 'include'
  | 'lbrace' | 'rbrace' | 'equals' | 'comma' | 'semicolon' | 'newline' | 'eof';

export interface Token {
  readonly kind: TokenKind;
  /** word: trimmed text; string: unescaped content; include: the path; punctuation: the character. */
  readonly text: string;
  readonly pos: SourcePos;
  /** Offsets into the file's text, so the parser can keep a value's raw spelling. */
  readonly start: number;
  readonly end: number;
  /** The token exactly as written (quotes and escapes included). */
  readonly raw: string;
  /** Whitespace separated this token from the previous one on the line (joins `"a" b` as `a b`). */
  readonly spaceBefore: boolean;
}

/**
 * Keys and values are lexed differently: a value may contain `=` (`Run = Level=Full sat at 21:00`,
 * `mail = root = all, !skipped`) while a key ends at it. The lexer tracks which side of `=` it is on.
 */
export type LexMode = 'key' | 'value';

const KEY_STOP = new Set(['\n', ';', ',', '{', '}', '=', '"', '#']);
const VALUE_STOP = new Set(['\n', ';', ',', '{', '}', '"', '#']);
const PUNCTUATION: Record<string, TokenKind> = {
  '{': 'lbrace', '}': 'rbrace', '=': 'equals', ',': 'comma', ';': 'semicolon', '\n': 'newline',
};

function isBlank(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\r' || ch === '\f' || ch === '\v';
}

/** Control characters other than tab, CR, LF, FF and VT are never valid outside quotes. */
function isForbiddenControl(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return (c < 0x20 && !isBlank(ch) && ch !== '\n') || c === 0x7f;
}

/**
 * One file's tokens. Comments run from `#` (anywhere outside quotes) or `//` (at the start of a token or
 * after whitespace, so paths like `/a//b` and URLs survive) to the end of the line. `@path` at the start
 * of a token is an include; the token stream in parser.ts splices the included files in.
 */
export class Lexer {
  private i = 0;
  private line = 1;
  private lineStart = 0;
  private mode: LexMode;
  /** A newline right after a comma continues the list on the next line. */
  private afterComma = false;
  private sawSpace = false;

  constructor(private readonly text: string, private readonly file: string, mode: LexMode = 'key') {
    this.mode = mode;
    if (text.charCodeAt(0) === 0xfeff) {
      this.i = 1;
      this.lineStart = 1;
    }
  }

  get source(): string {
    return this.text;
  }

  get fileName(): string {
    return this.file;
  }

  get currentMode(): LexMode {
    return this.mode;
  }

  next(): Token {
    for (;;) {
      this.sawSpace = this.skipBlanksAndComments() || this.sawSpace;
      const tok = this.scan();
      if (tok.kind === 'newline' && this.afterComma) continue;
      this.afterComma = tok.kind === 'comma';
      this.updateMode(tok.kind);
      this.sawSpace = false;
      return tok;
    }
  }

  private updateMode(kind: TokenKind): void {
    if (kind === 'equals') this.mode = 'value';
    else if (kind === 'newline' || kind === 'semicolon' || kind === 'lbrace' || kind === 'rbrace') this.mode = 'key';
  }

  private pos(at: number): SourcePos {
    return { file: this.file, line: this.line, column: at - this.lineStart + 1 };
  }

  private token(kind: TokenKind, text: string, start: number, end: number, pos = this.pos(start)): Token {
    return { kind, text, pos, start, end, raw: this.text.slice(start, end), spaceBefore: this.sawSpace };
  }

  /** Returns whether anything was skipped. */
  private skipBlanksAndComments(): boolean {
    const from = this.i;
    for (;;) {
      const ch = this.text[this.i];
      if (ch !== undefined && isBlank(ch)) this.i++;
      else if (ch === '#' || (ch === '/' && this.text[this.i + 1] === '/')) this.skipToEol();
      else return this.i > from;
    }
  }

  private skipToEol(): void {
    while (this.i < this.text.length && this.text[this.i] !== '\n') this.i++;
  }

  private scan(): Token {
    const start = this.i;
    const ch = this.text[start];
    if (ch === undefined) return this.token('eof', '', start, start);
    const punct = PUNCTUATION[ch];
    if (punct && !(ch === '=' && this.mode === 'value')) {
      const tok = this.token(punct, ch, start, start + 1);
      this.i++;
      if (ch === '\n') {
        this.line++;
        this.lineStart = this.i;
      }
      return tok;
    }
    if (ch === '"') return this.scanQuoted();
    if (ch === '@') return this.scanInclude();
    return this.scanWord();
  }

  private scanQuoted(): Token {
    const start = this.i;
    const pos = this.pos(start);
    let out = '';
    this.i++;
    for (;;) {
      const ch = this.text[this.i];
      if (ch === undefined) throw new ConfigSyntaxError('unterminated quoted string', pos);
      this.i++;
      if (ch === '"') return this.token('string', out, start, this.i, pos);
      if (ch === '\\') {
        const escaped = this.text[this.i];
        if (escaped === undefined) throw new ConfigSyntaxError('unterminated quoted string', pos);
        this.i++;
        this.noteNewline(escaped);
        out += escaped;
        continue;
      }
      this.noteNewline(ch);
      out += ch;
    }
  }

  /** Quoted strings may span lines; keep line numbers right after them. */
  private noteNewline(ch: string): void {
    if (ch === '\n') {
      this.line++;
      this.lineStart = this.i;
    }
  }

  /** `@/etc/bareos/bareos-dir.d/*\/*.conf` or `@"path with spaces"`; `@|command` is refused. */
  private scanInclude(): Token {
    const start = this.i;
    const pos = this.pos(start);
    this.i++;
    if (this.text[this.i] === '|') throw new ConfigIncludeError('command includes (@|command) are not supported', pos);
    if (this.text[this.i] === '"') {
      const quoted = this.scanQuoted();
      return this.token('include', quoted.text, start, this.i, pos);
    }
    const from = this.i;
    while (this.i < this.text.length && !'\n#;{}'.includes(this.text[this.i] ?? '')) this.i++;
    const path = this.text.slice(from, this.i).trim();
    if (path === '') throw new ConfigIncludeError('@ must be followed by a file name or pattern', pos);
    return this.token('include', path, start, this.i, pos);
  }

  private scanWord(): Token {
    const start = this.i;
    const stop = this.mode === 'key' ? KEY_STOP : VALUE_STOP;
    let end = start;
    while (this.i < this.text.length) {
      const ch = this.text[this.i] ?? '';
      if (stop.has(ch)) break;
      if (ch === '/' && this.text[this.i + 1] === '/' && isBlank(this.text[this.i - 1] ?? '')) break;
      if (isForbiddenControl(ch)) {
        throw new ConfigSyntaxError(`unexpected control character U+${ch.charCodeAt(0).toString(16).padStart(4, '0')}`, this.pos(this.i));
      }
      this.i++;
      if (!isBlank(ch)) end = this.i;
    }
    return this.token('word', this.text.slice(start, end), start, end);
  }
}

/** Every token of one text, without following includes (they come back as `include` tokens). */
export function tokenize(text: string, file = '<text>'): Token[] {
  const lexer = new Lexer(text, file);
  const out: Token[] = [];
  for (;;) {
    const tok = lexer.next();
    out.push(tok);
    if (tok.kind === 'eof') return out;
  }
}
