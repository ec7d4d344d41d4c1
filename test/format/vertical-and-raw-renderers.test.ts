/** Vertical (llist), key/value (llist pools) and raw (joblog/log) renderers, reference §0.3, §0.4, §2.5. */
import { describe, expect, it } from 'vitest';
import { keyValueRow, verticalRow } from '../../src/format/vertical.ts';
import { linesRow, rawRow } from '../../src/format/raw.ts';

describe('vertical renderer', () => {
  it('right-aligns names to the longest, adds commas except to jobid, prints NULL, ends with a blank line', () => {
    const cols = [{ name: 'jobid', numeric: true }, { name: 'jobtdate', numeric: true }, { name: 'endtime', numeric: false }];
    expect(verticalRow(cols, ['12345', '1772658002', null])).toBe('    jobid: 12345\n jobtdate: 1,772,658,002\n  endtime: NULL\n\n');
  });

  it('llist pools form: unaligned, no commas, NULL empty, no blank line', () => {
    const cols = [{ name: 'poolid', numeric: true }, { name: 'maxvolbytes', numeric: true }, { name: 'labelformat', numeric: false }];
    expect(keyValueRow(cols, ['3', '53687091200', null])).toBe('poolid: 3\nmaxvolbytes: 53687091200\nlabelformat: \n');
  });
});

describe('raw and lines renderers', () => {
  it('raw: a space before each value, nothing between rows', () => {
    expect(rawRow(['2026-03-03 21:00:05', 'bareos-dir JobId 11: Start\n'])).toBe(' 2026-03-03 21:00:05 bareos-dir JobId 11: Start\n');
    expect(rawRow([null])).toBe(' NULL');
  });
  it('lines: one value per line', () => {
    expect(linesRow(['/etc/hosts'])).toBe(' /etc/hosts\n');
  });
});
