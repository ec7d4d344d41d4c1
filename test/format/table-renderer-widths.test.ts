/** Table widths follow reference §0.2: NULL counts 4, comma room for numbers except jobid, minimum 4, clamp 100. */
import { describe, expect, it } from 'vitest';
import { NO_RESULTS, renderTable, tableBorder, tableWidths } from '../../src/format/table.ts';

const num = (name: string) => ({ name, numeric: true });
const txt = (name: string) => ({ name, numeric: false });

describe('table renderer', () => {
  it('prints "No results to list." and no border for zero rows', () => {
    expect(renderTable([txt('name')], [])).toBe(NO_RESULTS);
  });

  it('keeps the minimum width of 4 and counts NULL as 4', () => {
    expect(renderTable([txt('md5'), txt('x')], [['abc', null]])).toBe(
      '+------+------+\n| md5  | x    |\n+------+------+\n| abc  | NULL |\n+------+------+\n');
  });

  it('adds room for thousands separators except in jobid', () => {
    expect(tableWidths([num('jobbytes'), num('jobid')], [10, 10])).toEqual([13, 10]);
    const text = renderTable([num('jobid'), num('jobbytes')], [['1234567', '7340032123']]);
    expect(text).toContain('| 1234567 | 7,340,032,123 |');
  });

  it('right-aligns numbers and left-aligns text', () => {
    const text = renderTable([num('files'), txt('job')], [['5', 'a'], ['1234', 'bbbbbb']]);
    expect(text.split('\n')[3]).toBe('|     5 | a      |');
  });

  it('clamps dash runs to 100 characters', () => {
    expect(tableBorder([150])).toBe(`+${'-'.repeat(100)}+\n`);
  });

  it('pads by bytes, so non-ASCII values end up short as in Bareos', () => {
    const text = renderTable([txt('name')], [['é'], ['abcd']]);
    expect(text.split('\n')[3]).toBe('| é   |');
  });
});
