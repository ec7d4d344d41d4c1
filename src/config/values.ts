/**
 * Scalar value syntax shared by all Bareos daemons. Each parser returns undefined for text it does not
 * accept, so the caller can raise a ConfigValueError that names the directive and its position.
 */

const TRUE_WORDS = new Set(['yes', 'true', 'on']);
const FALSE_WORDS = new Set(['no', 'false', 'off']);

export function parseBool(text: string): boolean | undefined {
  const word = text.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return undefined;
}

/** Non-negative decimal integer within the safe range. */
export function parseInteger(text: string): number | undefined {
  const t = text.trim();
  if (!/^\+?\d{1,15}$/.test(t)) return undefined;
  return Number(t);
}

/** Bareos time modifiers; a bare number is seconds, `m` is months (minutes are `n`/`min`). */
const TIME_UNITS: Record<string, number> = {
  '': 1, s: 1, sec: 1, secs: 1, second: 1, seconds: 1,
  n: 60, min: 60, mins: 60, minute: 60, minutes: 60,
  h: 3600, hour: 3600, hours: 3600,
  d: 86_400, day: 86_400, days: 86_400,
  w: 604_800, week: 604_800, weeks: 604_800,
  m: 2_592_000, month: 2_592_000, months: 2_592_000,
  q: 7_776_000, quarter: 7_776_000, quarters: 7_776_000,
  y: 31_536_000, year: 31_536_000, years: 31_536_000,
};

/** `60`, `5 min`, `1 day 12 hours`, `2h30n` → seconds. */
export function parseDuration(text: string): number | undefined {
  return parseSum(text, TIME_UNITS);
}

/** Bareos sizes: `k`/`m`/`g`/`t`/`p` are powers of 1024, `kb`/`mb`/... powers of 1000. */
const SIZE_UNITS: Record<string, number> = {
  '': 1, b: 1,
  k: 1024, kb: 1000, m: 1024 ** 2, mb: 1000 ** 2, g: 1024 ** 3, gb: 1000 ** 3,
  t: 1024 ** 4, tb: 1000 ** 4, p: 1024 ** 5, pb: 1000 ** 5,
};

/** `1048576`, `512 k`, `10 GB` → bytes. */
export function parseSize(text: string): number | undefined {
  return parseSum(text, SIZE_UNITS);
}

/** A sequence of `<number>[ ]<unit>` pairs added together; at least one pair, nothing else. */
function parseSum(text: string, units: Record<string, number>): number | undefined {
  const t = text.trim().toLowerCase();
  if (t === '' || t.length > 200) return undefined;
  const pair = /\s*(\d+(?:\.\d+)?)\s*([a-z]*)/y;
  let total = 0;
  let at = 0;
  while (at < t.length) {
    pair.lastIndex = at;
    const m = pair.exec(t);
    if (!m) return undefined;
    const factor = units[m[2] ?? ''];
    if (factor === undefined) return undefined;
    total += Number(m[1]) * factor;
    at = pair.lastIndex;
    while (t[at] === ' ' || t[at] === ',') at++;
  }
  return Number.isFinite(total) ? Math.round(total) : undefined;
}
