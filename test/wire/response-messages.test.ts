import { describe, expect, it } from 'vitest';
import { MalformedMessageError, MessageId, decodeResponse, encodeData, encodeResponse } from '../../src/wire/index.ts';

describe('response messages (reference §5, §6)', () => {
  it('encodes 1001 RS as the 5-byte payload of the reference', () => {
    expect(encodeData(encodeResponse(MessageId.PamRequired))).toEqual(Buffer.from('00000005313030311e', 'hex'));
    expect(encodeData(encodeResponse(MessageId.PamInteractive))).toEqual(Buffer.from('00000005343030311e', 'hex'));
  });

  it('encodes 4002 user RS password as the reference bytes', () => {
    expect(encodeData(encodeResponse(MessageId.PamUserCredentials, ['user1', 'user1pw']))).toEqual(
      Buffer.from('00000012343030321e75736572311e75736572317077', 'hex'),
    );
  });

  it('decodes the 1000 and 1002 messages', () => {
    const ok = decodeResponse(Buffer.from('1000\x1eOK: bareos-dir Version: 25.0.0 (21 August 2026)'));
    expect(ok).toEqual({ id: 1000, fields: ['OK: bareos-dir Version: 25.0.0 (21 August 2026)'] });
    expect(Buffer.from('1000\x1eOK: bareos-dir Version: 25.0.0 (21 August 2026)').length).toBe(52);
    const info = decodeResponse(Buffer.from('1002\x1eSelf-compiled binaries (UNSUPPORTED)\nYou are connected using the default console'));
    expect(info.id).toBe(1002);
    expect(info.fields).toHaveLength(1);
  });

  it('keeps inner empty fields, drops a trailing empty one, stops at NUL', () => {
    expect(decodeResponse(Buffer.from('4002\x1e\x1epw'))).toEqual({ id: 4002, fields: ['', 'pw'] });
    expect(decodeResponse(Buffer.from('4002\x1euser\x1e'))).toEqual({ id: 4002, fields: ['user'] });
    // `<id>` RS is a message with a single empty field (§5.1).
    expect(decodeResponse(Buffer.from('1001\x1e'))).toEqual({ id: 1001, fields: [''] });
    expect(decodeResponse(Buffer.from('1000\x1eOK\0junk\x1ex'))).toEqual({ id: 1000, fields: ['OK'] });
  });

  it('reads old-style lines by their leading digits', () => {
    expect(decodeResponse(Buffer.from('1000 OK: 103 bacula-dir Version: 9.6.7 (10 December 2020)\n'))).toEqual({
      id: 1000,
      fields: ['OK: 103 bacula-dir Version: 9.6.7 (10 December 2020)\n'],
    });
    expect(decodeResponse(Buffer.from('1999 Authorization failed.\n')).id).toBe(1999);
  });

  it('refuses a first field without digits', () => {
    expect(() => decodeResponse(Buffer.from('OK\x1e1000'))).toThrow(MalformedMessageError);
  });
});
