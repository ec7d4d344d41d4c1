/**
 * Options every `list`/`llist` sub-command accepts (reference §3): parsed and validated before
 * dispatch, so `list clients jobstatus=` fails like in Bareos. Errors are the Bareos texts.
 */
import type { CommandArgs } from '../args.ts';
import { formatTimestamp } from '../../../src/catalog/interval.ts';

export class ListOptionError extends Error {
  readonly code = 'ERR_LIST_OPTION';
  constructor(readonly messages: readonly { kind: 'error' | 'warning'; text: string }[]) {
    super(messages.map((m) => m.text).join(''));
    this.name = 'ListOptionError';
  }
}

export interface ListOptions {
  readonly jobStatus?: string[];
  readonly levels?: string[];
  readonly types?: string[];
  readonly current: boolean;
  readonly enabled: boolean;
  readonly disabled: boolean;
  readonly count: boolean;
  readonly last: boolean;
  readonly reverse: boolean;
  readonly limit?: number;
  readonly offset?: number;
}

const STATUS_WORDS: Readonly<Record<string, string>> = { terminated: 'T', warnings: 'W', canceled: 'A', running: 'R', error: 'E', fatal: 'f' };
const LEVEL_WORDS: Readonly<Record<string, string>> = { full: 'F', differential: 'D', incremental: 'I' };
const TYPE_LETTERS = new Set(['B', 'D', 'A', 'V', 'R', 'g', 'c', 'O']);
const TYPE_NAMES: Readonly<Record<string, string>> = {
  Backup: 'B', Admin: 'D', Archive: 'A', Verify: 'V', Restore: 'R', Migrate: 'g', Copy: 'c', Consolidate: 'O',
};

/** One character between `A` and `z` (ASCII), as Bareos accepts for status and level letters. */
function isLetterCode(item: string): boolean {
  return item.length === 1 && item >= 'A' && item <= 'z';
}

function parseList(value: string | undefined, word: Readonly<Record<string, string>>, error: string): string[] {
  if (value === undefined || value === '') throw new ListOptionError([{ kind: 'error', text: `${error}\n` }]);
  return value.split(',').map((item) => {
    if (isLetterCode(item)) return item;
    const mapped = word[item.toLowerCase()];
    if (mapped === undefined) throw new ListOptionError([{ kind: 'error', text: `${error}\n` }]);
    return mapped;
  });
}

function parseTypes(value: string | undefined): string[] {
  const items = (value ?? '').split(',');
  return items.map((item) => {
    if (TYPE_LETTERS.has(item)) return item;
    const mapped = TYPE_NAMES[item];
    if (mapped !== undefined) return mapped;
    throw new ListOptionError([
      { kind: 'warning', text: `Illegal jobtype ${item}\n` },
      { kind: 'error', text: 'invalid jobtype parameter\n' },
    ]);
  });
}

/**
 * Bareos reads limit/offset as unsigned 64-bit decimal: leading spaces and `+` allowed, trailing
 * junk ignored, anything unparsable or out of range is 0 (so `limit=abc` lists nothing).
 */
export function parseCount(value: string | undefined): number {
  const m = /^\s*\+?([0-9]+)/.exec(value ?? '');
  if (!m) return 0;
  const n = BigInt(m[1] as string);
  if (n > 18446744073709551615n) return 0;
  return n > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(n);
}

export function parseListOptions(args: CommandArgs): ListOptions {
  const opts: { -readonly [K in keyof ListOptions]: ListOptions[K] } = {
    current: args.has('current'), enabled: args.has('enabled'), disabled: args.has('disabled'),
    count: args.has('count'), last: args.has('last'), reverse: args.has('reverse'),
  };
  if (args.has('jobstatus')) opts.jobStatus = parseList(args.value('jobstatus'), STATUS_WORDS, 'invalid jobstatus parameter');
  const level = args.find('joblevel') ?? args.find('level');
  if (level) opts.levels = parseList(level.value, LEVEL_WORDS, 'invalid joblevel parameter');
  if (args.has('jobtype')) opts.types = parseTypes(args.value('jobtype'));
  if (args.has('limit')) {
    opts.limit = parseCount(args.value('limit'));
    opts.offset = args.has('offset') ? parseCount(args.value('offset')) : 0;
  }
  return opts;
}

/** `days=N` / `hours=N` (hours wins): only jobs scheduled after now minus that; junk counts as 0. */
export function schedAfter(args: CommandArgs, now = new Date()): string | undefined {
  const hours = args.has('hours') ? parseCount(args.value('hours')) : undefined;
  const days = args.has('days') ? parseCount(args.value('days')) : undefined;
  const seconds = hours !== undefined ? hours * 3600 : days !== undefined ? days * 86400 : undefined;
  if (seconds === undefined) return undefined;
  return formatTimestamp(new Date(now.getTime() - Math.min(seconds, 1e11) * 1000));
}

/** Bareos' IsNameValid for `client=` and friends: the reason text, or undefined when valid. */
export function nameProblem(name: string): string | undefined {
  if (name.length === 0) return 'Name must be at least one character long.';
  if (Buffer.byteLength(name) >= 128) return 'Name too long.';
  for (const ch of name) {
    if (!/[A-Za-z0-9:.\-_ /]/.test(ch)) return `Illegal character "${ch}" in name.`;
  }
  return undefined;
}
