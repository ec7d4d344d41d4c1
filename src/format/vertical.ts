/** The vertical renderer of plain `llist` (reference §0.3). */
import { charLength, plainCell, type ColumnSpec, type TextRow } from './columns.ts';

/** Width of the name column: the longest visible column name. */
export function verticalKeyWidth(columns: readonly ColumnSpec[]): number {
  return columns.reduce((max, c) => Math.max(max, charLength(c.name)), 0);
}

/** One record: ` name: value` lines with names right-aligned, then an empty line. */
export function verticalRow(columns: readonly ColumnSpec[], row: TextRow, keyWidth = verticalKeyWidth(columns)): string {
  let text = '';
  columns.forEach((column, i) => {
    text += ' ' + column.name.padStart(keyWidth) + ': ' + plainCell(column, row[i] ?? null) + '\n';
  });
  return text + '\n';
}

/**
 * `llist pools` has its own printer in Bareos: unaligned `key: value`, no commas, NULL as empty,
 * no blank line between records (reference §2.5).
 */
export function keyValueRow(columns: readonly ColumnSpec[], row: TextRow): string {
  let text = '';
  columns.forEach((column, i) => {
    text += column.name + ': ' + (row[i] ?? '') + '\n';
  });
  return text;
}
