import { describe, expect, it } from 'vitest';
import { HELLO_MAX_LENGTH, HELLO_MIN_LENGTH, MalformedMessageError, buildHello, parseHello } from '../../src/wire/index.ts';

describe('Hello lines (reference §3)', () => {
  it('builds the three console forms', () => {
    expect(buildHello({ name: '*UserAgent*', version: '25.0.0', withVersionSuffix: true })).toBe('Hello *UserAgent* calling version 25.0.0 Version="25.0.0"\n');
    expect(buildHello({ name: '*UserAgent*', version: '25.0.0', withVersionSuffix: true }).length).toBe(58);
    expect(buildHello({ name: 'admin', version: '25.0.0~pre123.abcdef123' })).toBe('Hello admin calling version 25.0.0~pre123.abcdef123\n');
    expect(buildHello({ name: 'ops team' })).toBe('Hello ops\x01team calling\n');
  });

  it('parses every form a console sends', () => {
    expect(parseHello('Hello *UserAgent* calling version 26.0.0 Version="26.0.0"\n')).toEqual({
      kind: 'console', name: '*UserAgent*', version: { text: '26.0.0', major: 26, minor: 0 }, modern: true,
    });
    expect(parseHello('Hello admin calling version 18.2.0\n')).toMatchObject({ name: 'admin', modern: true });
    expect(parseHello('Hello admin calling version 17.2.7\n')).toMatchObject({ name: 'admin', modern: false });
    expect(parseHello('Hello admin calling version 25.0.0~pre123.abcdef\n')).toMatchObject({ modern: true });
    expect(parseHello('Hello ops\x01team calling\n')).toEqual({ kind: 'console', name: 'ops team', version: undefined, modern: false });
    // Bacula 9.6 bconsole: a number, not "version <x>": no version for the Bareos parser.
    expect(parseHello('Hello bacula-console calling 100\n')).toEqual({ kind: 'console', name: 'bacula-console', version: undefined, modern: false });
    // python-bareos protocol 2 and the PHP webui send their own version.
    expect(parseHello('Hello webui calling version 23.0.1\n')).toMatchObject({ name: 'webui', modern: true });
  });

  it('classifies daemon Hellos', () => {
    expect(parseHello('Hello Director bareos-dir calling\n').kind).toBe('director');
    expect(parseHello('Hello Storage calling Start Job 1234\n').kind).toBe('job');
    expect(parseHello('Hello Start Job backup.2026-01-01\n').kind).toBe('job');
    expect(parseHello('Hello Client myfd calling\n')).toMatchObject({ kind: 'client', name: 'myfd' });
    // A console that happens to be named "Client" keeps the console shape (Bareos would misclassify it).
    expect(parseHello('Hello Client calling version 26.0.0\n')).toMatchObject({ kind: 'console', name: 'Client' });
    expect(parseHello('Hello Client myfd-fd\n').kind).toBe('client');
  });

  it('enforces 15..153 bytes', () => {
    expect(() => parseHello('Hello a calling')).not.toThrow(); // 15
    expect('Hello a calling'.length).toBe(HELLO_MIN_LENGTH);
    expect(() => parseHello('Hello a callin')).toThrow(MalformedMessageError);
    const name = 'n'.repeat(100);
    const version = `26.0.${'1'.repeat(HELLO_MAX_LENGTH - `Hello ${name} calling version 26.0.\n`.length)}`;
    const longest = `Hello ${name} calling version ${version}\n`;
    expect(longest.length).toBe(HELLO_MAX_LENGTH);
    expect(() => parseHello(longest)).not.toThrow();
    expect(() => parseHello(`Hello ${name} calling version ${version}1\n`)).toThrow(MalformedMessageError);
    expect(() => parseHello(`Hello ${'n'.repeat(128)} calling\n`)).toThrow(/name longer than 127 bytes/);
  });

  it('refuses lines that are no Hello or carry a bad version', () => {
    expect(() => parseHello('Goodbye admin calling\n')).toThrow(MalformedMessageError);
    expect(() => parseHello('Hello admin calling version x.y\n')).toThrow(MalformedMessageError);
  });
});
