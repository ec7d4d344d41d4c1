/** The raw and lines renderers (reference §0.4): log text and file names carry their own layout. */
import type { TextRow } from './columns.ts';

/** ` value` per column, nothing between rows (the log text ends with its own newline). */
export function rawRow(row: TextRow): string {
  let text = '';
  for (const value of row) text += ' ' + (value ?? 'NULL');
  return text;
}

/** ` value\n` per row. */
export function linesRow(row: TextRow): string {
  let text = '';
  for (const value of row) text += ' ' + (value ?? 'NULL');
  return text + '\n';
}
