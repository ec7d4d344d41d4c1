/**
 * api 2 results as text: arrays of objects become tables (the `+---+` style bconsole users know),
 * scalar fields `key: value` lines, anything else indented JSON.
 */
import type { JsonValue } from '../../../src/client/index.ts';

export const MAX_CELL = 40;

type JsonObject = { [key: string]: JsonValue };

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isTable(value: JsonValue | undefined): value is JsonObject[] {
  return Array.isArray(value) && value.length > 0 && value.every(isObject);
}

function cell(value: JsonValue | undefined): string {
  if (value === undefined || value === null) return '';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const flat = text.replace(/[\r\n\t]/g, ' ');
  return flat.length > MAX_CELL ? `${flat.slice(0, MAX_CELL - 1)}…` : flat;
}

export function renderTable(rows: readonly JsonObject[]): string[] {
  const columns: string[] = [];
  for (const row of rows) for (const key of Object.keys(row)) if (!columns.includes(key)) columns.push(key);
  const cells = rows.map((row) => columns.map((c) => cell(row[c])));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => (r[i] ?? '').length)));
  const numeric = columns.map((_, i) => cells.every((r) => /^-?\d+(\.\d+)?$/.test(r[i] ?? '') || (r[i] ?? '') === ''));
  const rule = `+${widths.map((w) => '-'.repeat(w + 2)).join('+')}+`;
  const line = (values: readonly string[], header: boolean) =>
    `| ${values.map((v, i) => (numeric[i] && !header ? v.padStart(widths[i] ?? 0) : v.padEnd(widths[i] ?? 0))).join(' | ')} |`;
  return [rule, line(columns, true), rule, ...cells.map((r) => line(r, false)), rule];
}

export function renderJsonResult(result: JsonValue): string[] {
  if (isTable(result)) return renderTable(result);
  if (!isObject(result)) return JSON.stringify(result, null, 2).split('\n');
  const lines: string[] = [];
  for (const [key, value] of Object.entries(result)) {
    if (isTable(value)) {
      lines.push(`${key}: ${value.length} row${value.length === 1 ? '' : 's'}`, ...renderTable(value));
    } else if (isObject(value) && Object.values(value).every((v) => !isObject(v) && !Array.isArray(v))) {
      lines.push(`${key}:`, ...Object.entries(value).map(([k, v]) => `  ${k}: ${cell(v)}`));
    } else if (isObject(value) || Array.isArray(value)) {
      lines.push(`${key}: ${JSON.stringify(value)}`);
    } else {
      lines.push(`${key}: ${cell(value)}`);
    }
  }
  return lines.length > 0 ? lines : ['(empty result)'];
}
