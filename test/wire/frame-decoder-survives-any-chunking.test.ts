import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FrameDecoder, Signal, encodeData, encodeSignal, type Frame } from '../../src/wire/index.ts';

const signals = Object.values(Signal).filter((v): v is Signal => typeof v === 'number');
const frameArb: fc.Arbitrary<Frame> = fc.oneof(
  fc.uint8Array({ maxLength: 300 }).map((bytes): Frame => ({ kind: 'data', payload: Buffer.from(bytes) })),
  fc.constantFrom(...signals).map((signal): Frame => ({ kind: 'signal', signal })),
);

function encode(frames: readonly Frame[]): Buffer {
  return Buffer.concat(frames.map((f) => (f.kind === 'data' ? encodeData(f.payload) : encodeSignal(f.signal))));
}

/** Cut points turned into chunks; includes empty chunks and 1-byte runs. */
function chunk(bytes: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let at = 0;
  for (const point of points) {
    chunks.push(bytes.subarray(at, point));
    at = point;
  }
  chunks.push(bytes.subarray(at));
  return chunks;
}

describe('frame decoder', () => {
  it('yields the same frames whatever the chunking', () => {
    fc.assert(
      fc.property(fc.array(frameArb, { maxLength: 40 }), fc.array(fc.nat(), { maxLength: 60 }), (frames, cuts) => {
        const bytes = encode(frames);
        const decoder = new FrameDecoder();
        const out = chunk(bytes, cuts).flatMap((c) => decoder.push(c));
        expect(out).toEqual(frames);
        expect(decoder.pendingBytes).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('yields the same frames fed one byte at a time', () => {
    fc.assert(
      fc.property(fc.array(frameArb, { maxLength: 15 }), (frames) => {
        const bytes = encode(frames);
        const decoder = new FrameDecoder();
        const out: Frame[] = [];
        for (let i = 0; i < bytes.length; i++) out.push(...decoder.push(bytes.subarray(i, i + 1)));
        expect(out).toEqual(frames);
      }),
      { numRuns: 100 },
    );
  });
});
