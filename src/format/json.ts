/**
 * api 2 records (reference §0.5): one object per row, keys = lower-case column names in SELECT order,
 * every catalog value a JSON string. NULL becomes "" in table/vertical listings and "NULL" in raw
 * ones. Invalid UTF-8 cannot reach here: database text arrives as JS strings, where lone surrogates
 * are the only hazard, and those are replaced by U+FFFD so clients that decode strictly accept it.
 */
import type { ColumnSpec, TextRow } from './columns.ts';

export type NullSpelling = '' | 'NULL';

export function rowObject(columns: readonly ColumnSpec[], row: TextRow, nullAs: NullSpelling = ''): Record<string, string> {
  const obj: Record<string, string> = {};
  columns.forEach((column, i) => {
    const value = row[i] ?? null;
    obj[column.name.toLowerCase()] = value === null ? nullAs : wellFormed(value);
  });
  return obj;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function wellFormed(value: string): string {
  // A global regex in replace() starts from index 0 every time, so sharing it is safe.
  return value.replace(LONE_SURROGATE, '\uFFFD');
}
