import { describe, expect, it } from 'vitest';
import { FrameDecoder, MAX_SEND_CHUNK, Signal, encodeData, encodeMessage, encodeSignal, payloadText } from '../../src/wire/index.ts';

describe('frame codec round trip', () => {
  it('encodes header and payload as one buffer', () => {
    expect(encodeData('list pools')).toEqual(Buffer.from('0000000a6c69737420706f6f6c73', 'hex'));
    expect(encodeData('')).toEqual(Buffer.from([0, 0, 0, 0]));
    expect(encodeSignal(Signal.EndOfData)).toEqual(Buffer.from('ffffffff', 'hex'));
    expect(encodeSignal(Signal.Terminate)).toEqual(Buffer.from('fffffffc', 'hex'));
    expect(encodeSignal(Signal.MainPrompt)).toEqual(Buffer.from('ffffffee', 'hex'));
  });

  it('decodes what it encodes: data, empty data, signals', () => {
    const bytes = Buffer.concat([encodeData('version'), encodeData(''), encodeSignal(Signal.CommandOk), encodeSignal(Signal.EndOfData)]);
    expect(new FrameDecoder().push(bytes)).toEqual([
      { kind: 'data', payload: Buffer.from('version') },
      { kind: 'data', payload: Buffer.alloc(0) },
      { kind: 'signal', signal: Signal.CommandOk },
      { kind: 'signal', signal: Signal.EndOfData },
    ]);
  });

  it('splits a long message into 999,996-byte frames with no marker', () => {
    const body = Buffer.alloc(MAX_SEND_CHUNK * 2 + 5, 0x61);
    const frames = new FrameDecoder().push(encodeMessage(body));
    expect(frames.map((f) => (f.kind === 'data' ? f.payload.length : -1))).toEqual([999_996, 999_996, 5]);
  });

  it('reads payload text as a C string', () => {
    expect(payloadText(Buffer.from('i0AJdBkD46ZytGADk4+CkB\0'))).toBe('i0AJdBkD46ZytGADk4+CkB');
  });
});
