import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JsonValue } from '../../src/format/output.ts';
import { JsonReplyBuilder, STREAM_THRESHOLD_BYTES } from '../../director/session/json-writer.ts';

function build(compact: boolean, items: JsonValue[], stream: boolean, meta: boolean): string {
  let out = '';
  const builder = new JsonReplyBuilder(compact, (t) => (out += t));
  builder.set('before', { a: '1' });
  builder.openArray('jobs');
  for (const item of items) {
    const step = builder.push(item);
    if (stream && step !== 'streamed') builder.startStreaming();
  }
  builder.closeArray();
  builder.set('after', 'x');
  if (meta) builder.setRange({ limit: 10, offset: 0, filtered: 2 });
  builder.finish(true, {});
  return out;
}

function expected(compact: boolean, items: JsonValue[], meta: boolean): string {
  const result: Record<string, JsonValue> = { before: { a: '1' }, jobs: items, after: 'x' };
  if (meta) result['meta'] = { range: { limit: 10, offset: 0, filtered: 2 } };
  const doc = { jsonrpc: '2.0', id: null, result };
  return compact ? JSON.stringify(doc) : JSON.stringify(doc, null, 2);
}

const row = fc.dictionary(fc.string({ maxLength: 6 }), fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.constant(null)), { maxKeys: 4 });

describe('api 2 reply streaming', () => {
  it('writes the same bytes as JSON.stringify whether it streams or not (compact and indented)', () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 8 }), fc.boolean(), fc.boolean(), (items, compact, meta) => {
        expect(build(compact, items, true, meta)).toBe(expected(compact, items, meta));
        expect(build(compact, items, false, meta)).toBe(expected(compact, items, meta));
      }),
    );
  });

  it('starts streaming past the threshold', () => {
    let out = '';
    const builder = new JsonReplyBuilder(true, (t) => (out += t));
    builder.openArray('jobs');
    const big = 'x'.repeat(1024);
    let step = 'buffered';
    for (let i = 0; i < STREAM_THRESHOLD_BYTES / 1024 + 2 && step === 'buffered'; i++) step = builder.push({ v: big });
    expect(step).toBe('start-streaming');
    expect(out).toBe('');
  });
});
