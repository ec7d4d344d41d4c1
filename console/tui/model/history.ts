/**
 * Command history: Up/Down navigation with the unfinished line kept as a draft, and a per-director
 * file in the user's data dir. Only what the caller adds is kept: the app adds main-prompt commands,
 * never PAM answers or sub-prompt answers (those may be secrets).
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { HistoryFileError } from '../errors.ts';

export const HISTORY_LIMIT = 1000;

export class History {
  private entries: string[];
  /** entries.length while not navigating. */
  private cursor: number;
  private draft = '';

  constructor(initial: readonly string[] = [], private readonly limit = HISTORY_LIMIT) {
    this.entries = initial.slice(-limit);
    this.cursor = this.entries.length;
  }

  get all(): readonly string[] {
    return this.entries;
  }

  /** Records a command; returns false when it was not kept (blank, or same as the last one). */
  add(line: string): boolean {
    this.cursor = this.entries.length;
    this.draft = '';
    const trimmed = line.trim();
    if (trimmed === '' || /[\r\n]/.test(line) || this.entries[this.entries.length - 1] === trimmed) {
      this.cursor = this.entries.length;
      return false;
    }
    this.entries.push(trimmed);
    if (this.entries.length > this.limit) this.entries = this.entries.slice(-this.limit);
    this.cursor = this.entries.length;
    return true;
  }

  /** Up: the previous entry; `current` is the line being edited (kept as draft on the first step). */
  previous(current: string): string {
    if (this.cursor === this.entries.length) this.draft = current;
    if (this.cursor > 0) this.cursor--;
    return this.entries[this.cursor] ?? current;
  }

  /** Down: the next entry, and finally the draft again. */
  next(): string {
    if (this.cursor >= this.entries.length) return this.draft;
    this.cursor++;
    return this.cursor === this.entries.length ? this.draft : (this.entries[this.cursor] ?? this.draft);
  }

  resetNavigation(): void {
    this.cursor = this.entries.length;
    this.draft = '';
  }
}

/** `$XDG_DATA_HOME/tsbareos`, else `~/.local/share/tsbareos`. */
export function consoleDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env['XDG_DATA_HOME'];
  const base = xdg && xdg.startsWith('/') ? xdg : join(env['HOME'] ?? homedir(), '.local', 'share');
  return join(base, 'tsbareos');
}

/** One file per director, named after it (anything unusual in the name becomes `_`). */
export function historyFile(directorLabel: string, env: NodeJS.ProcessEnv = process.env): string {
  const safe = directorLabel.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_') || 'director';
  return join(consoleDataDir(env), 'history', `${safe}.history`);
}

export function loadHistory(file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new HistoryFileError(`cannot read history ${file}: ${(error as Error).message}`, { cause: error });
  }
  return text.split('\n').filter((line) => line.trim() !== '');
}

/** Whole file rewritten through a temp file: a crash never leaves half a history; mode 0600. */
export function saveHistory(file: string, entries: readonly string[]): void {
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, entries.length > 0 ? `${entries.join('\n')}\n` : '', { mode: 0o600 });
    renameSync(temp, file);
  } catch (error) {
    throw new HistoryFileError(`cannot write history ${file}: ${(error as Error).message}`, { cause: error });
  }
}
