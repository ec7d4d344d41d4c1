import { afterEach, describe, expect, it, vi } from 'vitest';
import { FrameDecoder, FrameTooLargeError, MAX_FRAME_LENGTH } from '../../src/wire/index.ts';

function header(value: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32BE(value);
  return b;
}

describe('oversized frame header', () => {
  afterEach(() => vi.restoreAllMocks());

  it('throws FrameTooLargeError from the 4 header bytes alone, allocating nothing large', () => {
    const allocUnsafe = vi.spyOn(Buffer, 'allocUnsafe');
    const alloc = vi.spyOn(Buffer, 'alloc');
    const decoder = new FrameDecoder();
    const error = (() => {
      try {
        decoder.push(header(0x7fffffff));
        return undefined;
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(FrameTooLargeError);
    expect((error as FrameTooLargeError).code).toBe('ERR_FRAME_TOO_LARGE');
    const sizes = [...allocUnsafe.mock.calls, ...alloc.mock.calls].map((call) => Number(call[0]));
    expect(Math.max(0, ...sizes)).toBeLessThan(1024);
  });

  it('accepts exactly 1,000,000 and refuses 1,000,001', () => {
    expect(new FrameDecoder().push(header(MAX_FRAME_LENGTH))).toEqual([]);
    expect(() => new FrameDecoder().push(header(MAX_FRAME_LENGTH + 1))).toThrow(FrameTooLargeError);
  });
});
