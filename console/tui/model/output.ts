/**
 * The output pane's content, free of terminal code: logical lines with a kind, wrapped into rows for
 * a given width, a scroll position, and search. Everything the director sends is cleaned first:
 * control characters and escape sequences must never reach the terminal (a director, or a job log
 * it relays, could otherwise move the cursor or retitle the window), and a single huge line is cut
 * into pieces so wrapping it stays cheap.
 */
export type LineKind = 'output' | 'command' | 'info' | 'error';

export interface OutputLine {
  text: string;
  readonly kind: LineKind;
}

export interface Row {
  readonly text: string;
  readonly kind: LineKind;
}

export const MAX_LINES = 20_000;
export const MAX_LINE_CHARS = 4096;
const TAB_WIDTH = 8;

// CSI/OSC sequences first, then any other C0/C1 control except tab and newline.
const ESCAPE_SEQUENCE = /\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])/g;
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;

/** Text safe to draw: no escape sequences, tabs expanded, other controls shown as U+FFFD. */
export function sanitize(text: string): string {
  return expandTabs(text.replace(/\r\n/g, '\n').replace(ESCAPE_SEQUENCE, '').replace(/\r(?!\n)/g, '\n').replace(CONTROL, '\ufffd'));
}

function expandTabs(text: string): string {
  if (!text.includes('\t')) return text;
  return text
    .split('\n')
    .map((line) => {
      let out = '';
      for (const ch of line) out += ch === '\t' ? ' '.repeat(TAB_WIDTH - (out.length % TAB_WIDTH)) : ch;
      return out;
    })
    .join('\n');
}

export function wrap(text: string, width: number): string[] {
  if (width <= 0 || text.length <= width) return [text];
  const rows: string[] = [];
  for (let i = 0; i < text.length; i += width) rows.push(text.slice(i, i + width));
  return rows;
}

export class OutputBuffer {
  private lines: OutputLine[] = [];
  /** The last line has no newline yet: the next chunk continues it. */
  private open = false;
  private cache: { width: number; rows: Row[]; done: number; lastStart: number } | undefined;
  private top = 0;
  private follow = true;
  private term: string | undefined;

  constructor(private readonly maxLines = MAX_LINES) {}

  get lineCount(): number {
    return this.lines.length;
  }

  get searchTerm(): string | undefined {
    return this.term;
  }

  get following(): boolean {
    return this.follow;
  }

  /** All logical lines, as text (tests and pipe mode). */
  text(): string {
    return this.lines.map((l) => l.text).join('\n');
  }

  /** The unfinished last line (a sub-prompt's question), or ''. */
  get openLine(): string {
    return this.open ? (this.lines[this.lines.length - 1]?.text ?? '') : '';
  }

  /** A chunk of director output; not line-aligned. */
  append(chunk: string, kind: LineKind = 'output'): void {
    if (chunk === '') return;
    const parts = sanitize(chunk).split('\n');
    const last = this.lines[this.lines.length - 1];
    let start = 0;
    if (this.open && last && last.kind === kind) {
      this.invalidateLast();
      last.text += parts[0] ?? '';
      this.splitLong(this.lines.length - 1);
      start = 1;
    }
    for (let i = start; i < parts.length; i++) {
      const part = parts[i] ?? '';
      // "a\n" ends the line; it does not start an empty one.
      if (i === parts.length - 1 && part === '') break;
      this.push({ text: part, kind });
    }
    this.open = parts[parts.length - 1] !== '';
    this.trim();
  }

  /** Whole lines of our own (command echo, notices, tables). */
  appendLines(lines: readonly string[], kind: LineKind): void {
    this.open = false;
    for (const line of lines) this.push({ text: sanitize(line).replace(/\n/g, ' '), kind });
    this.trim();
  }

  clear(): void {
    this.lines = [];
    this.open = false;
    this.cache = undefined;
    this.top = 0;
    this.follow = true;
  }

  rows(width: number): readonly Row[] {
    if (!this.cache || this.cache.width !== width) this.cache = { width, rows: [], done: 0, lastStart: 0 };
    const cache = this.cache;
    for (; cache.done < this.lines.length; cache.done++) {
      const line = this.lines[cache.done];
      cache.lastStart = cache.rows.length;
      if (line) for (const text of wrap(line.text, width)) cache.rows.push({ text, kind: line.kind });
    }
    return cache.rows;
  }

  /** The rows to draw in a pane of width x height, and where they start. */
  view(width: number, height: number): { readonly rows: readonly Row[]; readonly top: number; readonly total: number } {
    const all = this.rows(width);
    const maxTop = Math.max(0, all.length - height);
    if (this.follow || this.top > maxTop) this.top = maxTop;
    this.follow = this.top >= maxTop;
    return { rows: all.slice(this.top, this.top + height), top: this.top, total: all.length };
  }

  /** Scroll by rows (negative = up, towards older output). */
  scroll(delta: number, width: number, height: number): void {
    const total = this.rows(width).length;
    const maxTop = Math.max(0, total - height);
    const base = this.follow ? maxTop : this.top;
    this.top = Math.min(maxTop, Math.max(0, base + delta));
    this.follow = this.top >= maxTop;
  }

  scrollToEnd(): void {
    this.follow = true;
  }

  /**
   * Finds `term` (case-insensitive) in a row before the top of the view (`older`) or after its end,
   * scrolls so that row is on screen, and remembers the term for highlighting. Returns false if none.
   */
  search(term: string, older: boolean, width: number, height: number): boolean {
    this.term = term === '' ? undefined : term;
    if (term === '') return false;
    const all = this.rows(width);
    const needle = term.toLowerCase();
    const { top } = this.view(width, height);
    const sameTerm = (i: number) => (all[i]?.text.toLowerCase().includes(needle) ?? false);
    // The first search from the bottom also looks at the rows on screen.
    const from = older ? (this.follow ? all.length - 1 : top - 1) : top + height;
    const step = older ? -1 : 1;
    for (let i = from; i >= 0 && i < all.length; i += step) {
      if (!sameTerm(i)) continue;
      this.top = Math.max(0, Math.min(i, Math.max(0, all.length - height)));
      this.follow = false;
      return true;
    }
    return false;
  }

  clearSearch(): void {
    this.term = undefined;
  }

  private push(line: OutputLine): void {
    this.lines.push(line);
    this.splitLong(this.lines.length - 1);
  }

  /** A line over MAX_LINE_CHARS continues on further logical lines. */
  private splitLong(index: number): void {
    const line = this.lines[index];
    if (!line || line.text.length <= MAX_LINE_CHARS) return;
    const pieces = wrap(line.text, MAX_LINE_CHARS);
    line.text = pieces[0] ?? '';
    this.lines.splice(index + 1, 0, ...pieces.slice(1).map((text) => ({ text, kind: line.kind })));
  }

  /** The last line is about to grow: drop its rows from the cache (only the last line ever changes). */
  private invalidateLast(): void {
    const cache = this.cache;
    if (!cache || cache.done < this.lines.length) return;
    cache.rows.length = cache.lastStart;
    cache.done = this.lines.length - 1;
  }

  private trim(): void {
    const excess = this.lines.length - this.maxLines;
    if (excess <= 0) return;
    this.lines.splice(0, excess);
    this.cache = undefined;
  }
}
