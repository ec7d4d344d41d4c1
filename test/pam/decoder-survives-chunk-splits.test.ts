import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  HelperMessageDecoder,
  MAX_FRAME_BODY,
  PamFrameTooLargeError,
  PamProtocolError,
  encodeAnswer,
  encodeHelperMessage,
  type HelperMessage,
} from '../../src/auth/pam/index.ts';

const messages: HelperMessage[] = [
  { kind: 'info', text: 'tsbareos test system: authorised use only' },
  { kind: 'prompt', style: 2, text: 'login:' },
  { kind: 'error', text: 'Authentication failed' },
  { kind: 'prompt', style: 1, text: "One-time password (OATH) for `alice': " },
  { kind: 'result', stage: 'acct_mgmt', code: 0, text: 'Success', user: 'alice' },
];
const stream = Buffer.concat(messages.map(encodeHelperMessage));

describe('the helper message decoder', () => {
  it('decodes a frame split at its start, middle and end', () => {
    const first = encodeHelperMessage(messages[0]!);
    for (const cut of [1, 3, 4, 5, first.length - 1, first.length, first.length + 1]) {
      const d = new HelperMessageDecoder();
      const out = [...d.push(stream.subarray(0, cut)), ...d.push(stream.subarray(cut))];
      expect(out).toEqual(messages);
      expect(d.pendingBytes).toBe(0);
    }
  });

  it('decodes the same messages under any chunking (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: stream.length }), { maxLength: 20 }), (cuts) => {
        const points = [...new Set(cuts)].sort((a, b) => a - b);
        const d = new HelperMessageDecoder();
        const out: HelperMessage[] = [];
        let from = 0;
        for (const p of [...points, stream.length]) {
          out.push(...d.push(stream.subarray(from, p)));
          from = p;
        }
        expect(out).toEqual(messages);
      }),
    );
  });

  it('refuses an oversized length before buffering the body', () => {
    const d = new HelperMessageDecoder();
    const head = Buffer.alloc(4);
    head.writeUInt32BE(MAX_FRAME_BODY + 1);
    expect(() => d.push(head)).toThrow(PamFrameTooLargeError);
    expect(() => d.push(Buffer.from([0]))).toThrow(/already failed/);
  });

  it('throws only its own typed errors on random bytes (fuzz)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        const d = new HelperMessageDecoder();
        try {
          d.push(Buffer.from(bytes));
        } catch (err) {
          expect(err instanceof PamProtocolError || err instanceof PamFrameTooLargeError).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('encodes an answer as type 0x02 with a u16 length, and refuses NUL or more than 512 bytes', () => {
    expect([...encodeAnswer('pw')]).toEqual([0, 0, 0, 5, 0x02, 0, 2, 0x70, 0x77]);
    expect(() => encodeAnswer('a\0b')).toThrow(/NUL/);
    expect(() => encodeAnswer('x'.repeat(513))).toThrow(/at most 512/);
  });
});
