/** api 2 records: every value a string, NULL as "" or "NULL", keys lower case in SELECT order, valid UTF-8 (reference §0.5). */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { rowObject } from '../../src/format/json.ts';

describe('api 2 records', () => {
  const cols = [{ name: 'JobId', numeric: true }, { name: 'endtime', numeric: false }];

  it('keeps numbers as strings and spells NULL per renderer', () => {
    expect(JSON.stringify(rowObject(cols, ['10', null]))).toBe('{"jobid":"10","endtime":""}');
    expect(JSON.stringify(rowObject(cols, ['10', null], 'NULL'))).toBe('{"jobid":"10","endtime":"NULL"}');
  });

  it('never emits text a strict UTF-8 decoder rejects', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => {
      const json = JSON.stringify(rowObject([{ name: 'v', numeric: false }], [s]));
      const bytes = Buffer.from(json, 'utf8');
      expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).not.toThrow();
      expect(Buffer.from(new TextDecoder('utf-8', { fatal: true }).decode(bytes), 'utf8').equals(bytes)).toBe(true);
    }));
  });
});
