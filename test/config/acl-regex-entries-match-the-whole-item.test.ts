import { describe, expect, it } from 'vitest';
import { aclEntryMatches, compileAclPattern, isAclPattern } from '../../src/config/index.ts';

describe('regex entries (POSIX extended, case-insensitive, whole item)', () => {
  it('only entries with .()[]|^$+?* are tried as regexes', () => {
    expect(['a.b', 'a(b)', '[ab]', 'a|b', '^a', 'a$', 'a+', 'a?', 'a*'].every(isAclPattern)).toBe(true);
    expect(['abc', 'a-b', 'a_b', 'a:b', 'a/b', 'a{2}'].some(isAclPattern)).toBe(false);
    expect(aclEntryMatches('a{2}', 'aa')).toBe(false);
  });

  it('must span the whole item', () => {
    expect(aclEntryMatches('backup.*', 'backup-bareos-fd')).toBe(true);
    expect(aclEntryMatches('bareos', 'backup-bareos-fd')).toBe(false);
    expect(aclEntryMatches('.*bareos', 'backup-bareos-fd')).toBe(false);
    expect(aclEntryMatches('.*bareos.*', 'backup-bareos-fd')).toBe(true);
    expect(aclEntryMatches('a|ab', 'ab')).toBe(true);
    expect(aclEntryMatches('^web-[0-9]+$', 'WEB-12')).toBe(true);
  });

  it('a dot in a plain-looking entry is a regex: `a.b` also matches `axb`', () => {
    expect(aclEntryMatches('a.b', 'a.b')).toBe(true);
    expect(aclEntryMatches('a.b', 'axb')).toBe(true);
  });

  it('POSIX bracket classes and literal backslash in brackets', () => {
    expect(aclEntryMatches('[[:alpha:]]+[[:digit:]]', 'web1')).toBe(true);
    expect(aclEntryMatches('[[:alpha:]]+[[:digit:]]', 'web12')).toBe(false);
    expect(aclEntryMatches('[]a]+', ']a]')).toBe(true);
    expect(aclEntryMatches('a\\.b', 'a.b')).toBe(true);
    expect(aclEntryMatches('a\\.b', 'axb')).toBe(false);
  });

  it('invalid regexes never match (and JS-only syntax is invalid)', () => {
    expect(compileAclPattern('(unclosed')).toBeUndefined();
    expect(compileAclPattern('[abc')).toBeUndefined();
    expect(compileAclPattern('(?i)x')).toBeUndefined();
    expect(compileAclPattern('[[:nope:]]')).toBeUndefined();
    expect(aclEntryMatches('(unclosed', '(unclosed')).toBe(true); // still equal as plain text
    expect(aclEntryMatches('(unclosed', 'unclosed')).toBe(false);
  });
});
