/**
 * Command-line splitting as the director does it (reference §7.1): whitespace separates arguments,
 * double quotes group (and are removed), a backslash makes the next character literal, and each
 * argument is split at its first `=` into keyword and value. At most 30 arguments are kept.
 */
export const MAX_ARGUMENTS = 30;

export interface Argument {
  readonly keyword: string;
  /** Undefined when the argument had no `=`. */
  readonly value: string | undefined;
}

export class CommandArgs {
  constructor(readonly raw: string, readonly list: readonly Argument[]) {}

  /** The command word (first argument), as typed. */
  get command(): string {
    return this.list[0]?.keyword ?? '';
  }

  /** Arguments after the command word. */
  get rest(): readonly Argument[] {
    return this.list.slice(1);
  }

  /** Value of the first argument whose keyword matches case-insensitively (skipping the command). */
  value(keyword: string): string | undefined {
    return this.find(keyword)?.value;
  }

  /** True when an argument with this keyword is present (with or without a value). */
  has(keyword: string): boolean {
    return this.find(keyword) !== undefined;
  }

  find(keyword: string): Argument | undefined {
    const wanted = keyword.toLowerCase();
    return this.rest.find((a) => a.keyword.toLowerCase() === wanted);
  }
}

export function parseCommandLine(line: string): CommandArgs {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (ch === '\\' && i + 1 < line.length) {
      current += line[++i];
      inWord = true;
    } else if (ch === '"') {
      quoted = !quoted;
      inWord = true;
    } else if (!quoted && /\s/.test(ch)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else {
      current += ch;
      inWord = true;
    }
  }
  if (inWord) words.push(current);
  const list = words.slice(0, MAX_ARGUMENTS).map(splitKeyword);
  return new CommandArgs(line.trim(), list);
}

function splitKeyword(word: string): Argument {
  const eq = word.indexOf('=');
  if (eq === -1) return { keyword: word, value: undefined };
  return { keyword: word.slice(0, eq), value: word.slice(eq + 1) };
}
