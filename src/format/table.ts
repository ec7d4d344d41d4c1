/**
 * The table renderer of plain `list` (reference §0.2). Widths need every row SQL returned, so they
 * are computed separately (from rows in memory, or from per-column maximum lengths a database pass
 * produced) and the rows are then rendered one at a time.
 */
import { charLength, plainCell, wantsCommas, type ColumnSpec, type TextRow } from './columns.ts';

export const NO_RESULTS = 'No results to list.\n';
const MIN_WIDTH = 4;
const MAX_WIDTH = 100;
const NULL_LENGTH = 4;

/**
 * Column widths from the longest raw value per column (`null` entry = no rows at all).
 * `maxLengths[i]` counts characters of the database text, NULL counted as 4.
 */
export function tableWidths(columns: readonly ColumnSpec[], maxLengths: readonly number[]): number[] {
  return columns.map((column, i) => {
    let m = maxLengths[i] ?? 0;
    // Room for the thousands separators added at print time.
    if (wantsCommas(column) && m > 0) m += Math.floor((m - 1) / 3);
    return Math.max(charLength(column.name), m, MIN_WIDTH);
  });
}

/** Longest value per column over rows held in memory (small results). */
export function maxLengthsOf(columns: readonly ColumnSpec[], rows: Iterable<TextRow>): number[] {
  const lengths = columns.map(() => 0);
  for (const row of rows) {
    for (let i = 0; i < columns.length; i++) {
      const v = row[i] ?? null;
      const len = v === null ? NULL_LENGTH : charLength(v);
      if (len > (lengths[i] as number)) lengths[i] = len;
    }
  }
  return lengths;
}

export function tableBorder(widths: readonly number[]): string {
  let line = '+';
  for (const w of widths) line += '-'.repeat(Math.min(w + 2, MAX_WIDTH)) + '+';
  return line + '\n';
}

export function tableHeader(columns: readonly ColumnSpec[], widths: readonly number[]): string {
  let line = '|';
  columns.forEach((column, i) => {
    line += ' ' + padRight(column.name, clamp(widths[i])) + ' |';
  });
  return line + '\n';
}

export function tableRow(columns: readonly ColumnSpec[], widths: readonly number[], row: TextRow): string {
  let line = '|';
  columns.forEach((column, i) => {
    const value = row[i] ?? null;
    const text = plainCell(column, value);
    const w = clamp(widths[i]);
    const right = value !== null && column.numeric && isNumberText(value);
    line += ' ' + (right ? padLeft(text, w) : padRight(text, w)) + ' |';
  });
  return line + '\n';
}

/** The three lines above the first row. */
export function tableTop(columns: readonly ColumnSpec[], widths: readonly number[]): string {
  const border = tableBorder(widths);
  return border + tableHeader(columns, widths) + border;
}

/** A whole table from rows in memory (small results, tests). */
export function renderTable(columns: readonly ColumnSpec[], rows: readonly TextRow[]): string {
  if (rows.length === 0) return NO_RESULTS;
  const widths = tableWidths(columns, maxLengthsOf(columns, rows));
  let text = tableTop(columns, widths);
  for (const row of rows) text += tableRow(columns, widths, row);
  return text + tableBorder(widths);
}

function clamp(w: number | undefined): number {
  return Math.min(w ?? MIN_WIDTH, MAX_WIDTH);
}

/** Bareos pads with printf, which counts bytes, so non-ASCII values end up short: do the same. */
function padRight(text: string, width: number): string {
  const pad = width - Buffer.byteLength(text, 'utf8');
  return pad > 0 ? text + ' '.repeat(pad) : text;
}

function padLeft(text: string, width: number): string {
  const pad = width - Buffer.byteLength(text, 'utf8');
  return pad > 0 ? ' '.repeat(pad) + text : text;
}

const NUMBER_TEXT = /^-?[0-9]+(\.[0-9]+)?$/;

function isNumberText(value: string): boolean {
  return NUMBER_TEXT.test(value);
}
