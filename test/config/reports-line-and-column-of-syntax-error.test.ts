import { describe, expect, it } from 'vitest';
import { ConfigError, ConfigSyntaxError, parseDirectorConfigText } from '../../src/config/index.ts';
import { configErrorOf } from './helpers.ts';

/** [text, line, column, message fragment] */
const CASES: readonly [string, number, number, string][] = [
  ['Director {\n  Name = x\n', 3, 1, "missing '}' for 'Director' opened at line 1, column 1"],
  ['Director {\n  Name = "x\n}\n', 2, 10, 'unterminated quoted string'],
  // Keys may contain spaces (`Maximum Console Connections`), so the key here is `Name x`.
  ['Director {\n  Name x\n}', 2, 9, "expected '=' or '{' after 'Name x'"],
  ['Director {\n  Password =\n}', 2, 13, "expected a value for 'Password'"],
  ['Director {\n  Profile = a,\n}', 3, 1, "expected an entry after ','"],
  ['Director {\n  Profile = a,,b\n}', 2, 15, "expected an entry after ','"],
  ['}\n', 1, 1, 'expected a resource type'],
  ['Director\n{ Name = x }', 1, 9, "expected '{' after resource type 'Director'"],
  ['Director {\n  Name = x\n  = y\n}', 3, 3, 'expected a directive name'],
  ['Director {\n  Name = a { b }\n}', 2, 12, "unexpected '{' in the value of 'Name'"],
  ['# comment\nDirector {\n\tName = bad\u0001name\n}', 3, 12, 'unexpected control character U+0001'],
];

describe('syntax errors', () => {
  for (const [text, line, column, fragment] of CASES) {
    it(`${JSON.stringify(text)} -> ${line}:${column}`, () => {
      const err = configErrorOf(() => parseDirectorConfigText(text, 'etc/bareos-dir.conf'));
      expect(err).toBeInstanceOf(ConfigSyntaxError);
      expect(err).toBeInstanceOf(ConfigError);
      expect(err.code).toBe('ERR_CONFIG_SYNTAX');
      expect({ file: err.file, line: err.line, column: err.column }).toEqual({ file: 'etc/bareos-dir.conf', line, column });
      expect(err.message).toBe(`etc/bareos-dir.conf:${line}:${column}: ${err.detail}`);
      expect(err.detail).toContain(fragment);
    });
  }

  it('counts lines inside multi-line quoted strings', () => {
    const err = configErrorOf(() => parseDirectorConfigText('Director {\n  Description = "a\nb"\n  Name x\n}', 'f'));
    expect([err.line, err.column]).toEqual([4, 9]);
  });

  it('refuses blocks nested deeper than the cap', () => {
    const deep = `Director {\n${'a {'.repeat(40)}${'}'.repeat(40)}\n}`;
    expect(configErrorOf(() => parseDirectorConfigText(deep, 'f')).code).toBe('ERR_CONFIG_SYNTAX');
  });
});
