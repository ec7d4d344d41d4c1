import { describe, expect, it } from 'vitest';
import { bareosBase64, compatibleBase64 } from '../../src/auth/base64.ts';
import { storedPassword } from '../../src/auth/password.ts';
import { cramMac, cramResponse, verifyCramResponse } from '../../src/auth/cram-md5.ts';

// Reference §4.6: computed independently and cross-checked against Bareos' own encoder.
const VECTORS = [
  { password: 'secret', token: '<1804289383.1700000000@R_DIRECTOR::bareos-dir>', key: '5ebe2294ecd0e0f08eab7690d2a6ee69', mac: '8b4009741903e3a672b4600392898291', bareos: 'i0AJdBkD46ZytGADk4+CkB', standard: 'i0AJdBkD46ZytGADkomCkQ' },
  { password: 'bareos', token: '<846930886.1718000000@R_CONSOLE::*UserAgent*>', key: 'bc454eae3fdd18b1137770235e26e32e', mac: '3ff26035e248995ebfa1ef57b62d2ec2', bareos: 'P/JgN+JImV+/o+9Xti0uwC', standard: 'P/JgNeJImV6/oe9Xti0uwg' },
  { password: 'a very secure password', token: '<1681692777.1718000001@R_CONSOLE::admin>', key: '2390d79ff6e169f3e13c9599e7f9fd4a', mac: '9ffca2f7737a93a47b5cf6f342d1eaa0', bareos: 'n/+i93N6k6R7X//zQ9/qoA', standard: 'n/yi93N6k6R7XPbzQtHqoA' },
] as const;

describe('CRAM-MD5 reference vectors', () => {
  for (const v of VECTORS) {
    it(`password "${v.password}"`, () => {
      expect(storedPassword(v.password)).toBe(v.key);
      const mac = cramMac(v.key, v.token);
      expect(mac.toString('hex')).toBe(v.mac);
      expect(bareosBase64(mac)).toBe(v.bareos);
      expect(compatibleBase64(mac)).toBe(v.standard);
      expect(cramResponse(v.key, v.token, false)).toEqual(Buffer.from(`${v.bareos}\0`, 'ascii'));
      expect(verifyCramResponse(v.key, v.token, Buffer.from(`${v.bareos}\0`))).toBe(true);
      expect(verifyCramResponse(v.key, v.token, Buffer.from(v.standard))).toBe(true);
      expect(verifyCramResponse(v.key, v.token, Buffer.from(`${v.bareos}\n`))).toBe(false);
      expect(verifyCramResponse(storedPassword('wrong'), v.token, Buffer.from(v.bareos))).toBe(false);
    });
  }

  it('encodes the reference base64 examples', () => {
    expect(bareosBase64(Buffer.from([0x80, 0x80]))).toBe('g4A');
    expect(compatibleBase64(Buffer.from([0x80, 0x80]))).toBe('gIA');
    expect(bareosBase64(Buffer.from([0xff]))).toBe('/D');
    expect(compatibleBase64(Buffer.from([0xff]))).toBe('/w');
    expect(bareosBase64(Buffer.from([0x7f, 0x80]))).toBe('f4A');
    expect(bareosBase64(Buffer.alloc(16))).toBe('A'.repeat(22));
  });

  it('keeps [md5] passwords verbatim', () => {
    expect(storedPassword('[md5]5EBE2294ECD0E0F08EAB7690D2A6EE69')).toBe('5EBE2294ECD0E0F08EAB7690D2A6EE69');
  });
});
