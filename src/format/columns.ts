/**
 * Column metadata shared by the catalog renderers (reference §0). A listing is a list of columns and
 * rows of database text; `numeric` marks columns whose SQL type is an integer or numeric type, which
 * decides right alignment and thousands separators in plain mode.
 */
export interface ColumnSpec {
  readonly name: string;
  readonly numeric: boolean;
}

/** One row as the database returned it: text or NULL per column, in SELECT order. */
export type TextRow = readonly (string | null)[];

/** Bareos never puts separators into job ids (§0.2). */
export function wantsCommas(column: ColumnSpec): boolean {
  return column.numeric && column.name !== 'jobid';
}

const DIGITS = /^[0-9]+$/;

/** `7340032123` -> `7,340,032,123`; anything that is not digits only is returned unchanged. */
export function addCommas(value: string): string {
  if (!DIGITS.test(value)) return value;
  let out = '';
  for (let i = 0; i < value.length; i++) {
    if (i > 0 && (value.length - i) % 3 === 0) out += ',';
    out += value[i];
  }
  return out;
}

/** The plain-mode text of one cell: NULL spelled out, commas where Bareos adds them. */
export function plainCell(column: ColumnSpec, value: string | null): string {
  if (value === null) return 'NULL';
  return wantsCommas(column) ? addCommas(value) : value;
}

/** Length in characters (code points), as Bareos' `cstrlen` counts UTF-8 sequences. */
export function charLength(value: string): number {
  let n = 0;
  for (const _ of value) n++;
  return n;
}
