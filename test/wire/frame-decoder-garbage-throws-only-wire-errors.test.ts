import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FrameDecoder, WireError, decodeResponse, parseHello } from '../../src/wire/index.ts';

function onlyWireErrors(work: () => unknown): void {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(WireError);
  }
}

describe('random garbage', () => {
  it('makes the frame decoder throw nothing but WireError subclasses', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 64 }), { maxLength: 20 }), fc.boolean(), (chunks, deliver) => {
        const decoder = new FrameDecoder({ maxFrameLength: 4096, unknownSignals: deliver ? 'deliver' : 'error' });
        onlyWireErrors(() => {
          for (const c of chunks) decoder.push(Buffer.from(c));
        });
      }),
      { numRuns: 500 },
    );
  });

  it('makes the Hello and response parsers throw nothing but WireError subclasses', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        onlyWireErrors(() => parseHello(Buffer.from(bytes)));
        onlyWireErrors(() => decodeResponse(Buffer.from(bytes)));
      }),
      { numRuns: 500 },
    );
  });
});
