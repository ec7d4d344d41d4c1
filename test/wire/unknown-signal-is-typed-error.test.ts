import { describe, expect, it } from 'vitest';
import { FrameDecoder, UnknownSignalError, WireError, signalName } from '../../src/wire/index.ts';

describe('a negative header that names no signal', () => {
  const bytes = Buffer.from('ffffff9d', 'hex'); // -99

  it('is an UnknownSignalError by default', () => {
    const error = (() => {
      try {
        new FrameDecoder().push(bytes);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(UnknownSignalError);
    expect(error).toBeInstanceOf(WireError);
    expect((error as UnknownSignalError).code).toBe('ERR_UNKNOWN_SIGNAL');
    expect((error as UnknownSignalError).value).toBe(-99);
  });

  it('is delivered raw to a client that ignores unknown signals', () => {
    expect(new FrameDecoder({ unknownSignals: 'deliver' }).push(bytes)).toEqual([{ kind: 'signal', signal: -99 }]);
    expect(signalName(-99)).toBe('signal(-99)');
    expect(signalName(-27)).toBe('BNET_SUB_PROMPT');
  });
});
