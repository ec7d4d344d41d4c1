/**
 * Tab completion from what the connected director says about itself:
 * - command names and their keywords from `.help` (plain `<name> <description> -- <arguments>` lines,
 *   or the api 2 object keyed by command name);
 * - values after `job=`, `client=`, ... from the matching dot command (`.jobs`, `.clients`, ...),
 *   fetched on first use and cached for the session.
 */
export interface CommandInfo {
  readonly name: string;
  readonly description: string;
  readonly keywords: readonly string[];
}

/** Which dot command lists the values of a keyword. */
export const VALUE_SOURCES: Readonly<Record<string, string>> = {
  job: '.jobs',
  jobname: '.jobs',
  client: '.clients',
  pool: '.pools',
  storage: '.storages',
  fileset: '.filesets',
  schedule: '.schedule',
  catalog: '.catalogs',
  level: '.levels',
  type: '.types',
  jobdefs: '.jobdefs',
  user: '.users',
  profile: '.profiles',
  console: '.consoles',
};

export interface Completion {
  /** The whole new line (cursor at its end). */
  readonly line: string;
  /** Shown to the user when more than one candidate is left. */
  readonly candidates: readonly string[];
}

export type ValueFetcher = (dotCommand: string) => Promise<readonly string[]>;

/** Words of an argument synopsis: `jobs [client=<client-name>] | jobid=<id>` -> jobs, client=, jobid=. */
export function keywordsOf(synopsis: string): string[] {
  const bare = synopsis.replace(/<[^>]*>/g, ' ');
  const words = bare.match(/[A-Za-z_][A-Za-z0-9_]*=?/g) ?? [];
  return [...new Set(words)];
}

/** Plain `.help` output: `list List catalog records -- jobs [client=<client-name>] ...`. */
export function parsePlainHelp(text: string): CommandInfo[] {
  const commands: CommandInfo[] = [];
  for (const line of text.split('\n')) {
    const match = /^(\S+)\s+(.*?)(?:\s+--\s*(.*))?$/.exec(line.trim());
    if (!match || !match[1]) continue;
    commands.push({ name: match[1], description: match[2] ?? '', keywords: keywordsOf(match[3] ?? '') });
  }
  return commands;
}

/** api 2 `.help`: `{ "<name>": { "description": ..., "arguments": ..., "permission": bool } }`. */
export function parseJsonHelp(result: unknown): CommandInfo[] {
  if (typeof result !== 'object' || result === null || Array.isArray(result)) return [];
  const commands: CommandInfo[] = [];
  for (const [name, value] of Object.entries(result as Record<string, unknown>)) {
    if (typeof value !== 'object' || value === null) continue;
    const entry = value as Record<string, unknown>;
    if (entry['permission'] === false) continue;
    const args = typeof entry['arguments'] === 'string' ? entry['arguments'] : '';
    const description = typeof entry['description'] === 'string' ? entry['description'] : '';
    commands.push({ name, description, keywords: keywordsOf(args) });
  }
  return commands;
}

/** One value per line (dot command output in api 0); blank lines and `Using Catalog` noise dropped. */
export function parseValueList(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !/^(Using Catalog|Automatically selected)/.test(l));
}

export function commonPrefix(words: readonly string[]): string {
  const [first, ...rest] = words;
  if (first === undefined) return '';
  let end = first.length;
  for (const word of rest) {
    let i = 0;
    while (i < end && i < word.length && word[i] === first[i]) i++;
    end = i;
  }
  return first.slice(0, end);
}

function quoteValue(value: string): string {
  return /[\s"]/.test(value) ? `"${value.replace(/"/g, '\\"')}"` : value;
}

export class Completer {
  private commands: CommandInfo[] = [];
  private readonly values = new Map<string, readonly string[]>();

  setCommands(commands: readonly CommandInfo[]): void {
    this.commands = [...commands].sort((a, b) => a.name.localeCompare(b.name));
  }

  get commandNames(): readonly string[] {
    return this.commands.map((c) => c.name);
  }

  setValues(dotCommand: string, values: readonly string[]): void {
    this.values.set(dotCommand, values);
  }

  clearValues(): void {
    this.values.clear();
  }

  /** Completes the last word of `line`; `fetch` is asked for values not yet cached. */
  async complete(line: string, fetch?: ValueFetcher): Promise<Completion> {
    const start = line.search(/\S+$/);
    const word = start < 0 ? '' : line.slice(start);
    const head = start < 0 ? line : line.slice(0, start);
    if (head.trim() === '') return this.finish(head, word, this.commandNames);
    const eq = word.indexOf('=');
    if (eq > 0) {
      const keyword = word.slice(0, eq).toLowerCase();
      const values = await this.valuesFor(keyword, fetch);
      return this.finish(`${head}${word.slice(0, eq + 1)}`, word.slice(eq + 1).replace(/^"/, ''), values, quoteValue);
    }
    return this.finish(head, word, this.keywordsFor(head));
  }

  private keywordsFor(head: string): string[] {
    const words = head.trim().split(/\s+/);
    const first = (words[0] ?? '').toLowerCase();
    // The director picks the first command (in table order) of which the word is a prefix.
    const command = this.commands.find((c) => c.name === first) ?? this.commands.find((c) => c.name.startsWith(first));
    if (!command) return [];
    const used = new Set(words.slice(1).map((w) => w.replace(/=.*$/, '=')));
    return command.keywords.filter((k) => !used.has(k));
  }

  private async valuesFor(keyword: string, fetch: ValueFetcher | undefined): Promise<readonly string[]> {
    const source = VALUE_SOURCES[keyword];
    if (source === undefined) return [];
    const cached = this.values.get(source);
    if (cached) return cached;
    if (!fetch) return [];
    const fetched = await fetch(source).catch(() => [] as string[]);
    this.values.set(source, fetched);
    return fetched;
  }

  /** Matches `word` against `pool`; a single match is written out whole (`render` quotes values). */
  private finish(head: string, word: string, pool: readonly string[], render: (word: string) => string = (w) => w): Completion {
    const candidates = pool.filter((c) => c.toLowerCase().startsWith(word.toLowerCase()));
    if (candidates.length === 0) return { line: head + word, candidates: [] };
    if (candidates.length === 1) {
      const only = candidates[0] ?? '';
      return { line: head + render(only) + (only.endsWith('=') ? '' : ' '), candidates: [] };
    }
    const prefix = commonPrefix(candidates);
    return { line: head + (prefix.length > word.length ? prefix : word), candidates: candidates.map(render) };
  }
}
