import { describe, expect, it } from 'vitest';
import { parseBool, parseDirectorConfigText, parseDuration, parseInteger, parseSize, rawDirective } from '../../src/config/index.ts';

describe('scalar values', () => {
  it('booleans: yes/no/true/false/on/off in any case', () => {
    expect(['yes', 'TRUE', 'On'].map(parseBool)).toEqual([true, true, true]);
    expect(['no', 'False', 'OFF'].map(parseBool)).toEqual([false, false, false]);
    expect(parseBool('1')).toBeUndefined();
  });

  it('integers are non-negative decimals', () => {
    expect(['0', '9101', '+5'].map(parseInteger)).toEqual([0, 9101, 5]);
    expect(['-1', '1.5', '0x10', '', '9'.repeat(20)].map(parseInteger)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  it('durations: bare seconds, Bareos modifiers (m = months, n/min = minutes), sums', () => {
    expect(parseDuration('60')).toBe(60);
    expect(parseDuration('5 min')).toBe(300);
    expect(parseDuration('2n')).toBe(120);
    expect(parseDuration('1 m')).toBe(30 * 86400);
    expect(parseDuration('1 day 12 hours')).toBe(129600);
    expect(parseDuration('5 years')).toBe(5 * 365 * 86400);
    expect(parseDuration('soon')).toBeUndefined();
  });

  it('sizes: k/m/g are powers of 1024, kb/mb/gb of 1000', () => {
    expect(parseSize('512 k')).toBe(524288);
    expect(parseSize('10 GB')).toBe(10e9);
    expect(parseSize('1m')).toBe(1048576);
    expect(parseSize('1 parsec')).toBeUndefined();
  });

  it('typed directives convert while the raw spelling stays available', () => {
    const config = parseDirectorConfigText('Director { Name = d; Password = p; PAM Timeout = 2 min; Refuse Versionless Hello = yes }');
    expect(config.director.pamTimeout).toBe(120);
    expect(config.director.refuseVersionlessHello).toBe(true);
    expect(rawDirective(config.director, 'pam timeout')).toBe('2 min');
    expect(rawDirective(config.director, 'Handshake Timeout')).toBeUndefined();
  });
});
