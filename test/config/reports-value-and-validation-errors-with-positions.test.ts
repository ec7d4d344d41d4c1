import { describe, expect, it } from 'vitest';
import {
  ConfigAclEntryError, ConfigDirectorCountError, ConfigDuplicateDirectiveError, ConfigDuplicateResourceError,
  ConfigInvalidError, ConfigMissingDirectiveError, ConfigReferenceError, ConfigValueError, parseDirectorConfigText,
} from '../../src/config/index.ts';
import { configErrorOf, DIRECTOR } from './helpers.ts';

function errorOf(body: string, withDirector = true) {
  return configErrorOf(() => parseDirectorConfigText(`${withDirector ? DIRECTOR : ''}${body}`, 'dir.conf'));
}

describe('value and validation errors', () => {
  it('a bad boolean names the value position', () => {
    const err = errorOf('Console {\n  Name = c; Password = p\n  TLS Enable = maybe\n}');
    expect(err).toBeInstanceOf(ConfigValueError);
    expect([err.code, err.line, err.column]).toEqual(['ERR_CONFIG_VALUE', 4, 16]);
    expect(err.detail).toContain("'TLS Enable' expects yes/no/true/false/on/off, got 'maybe'");
  });

  it('bad integers, durations, ports and DB drivers', () => {
    expect(errorOf('', false).code).toBe('ERR_CONFIG_DIRECTOR_COUNT');
    expect(configErrorOf(() => parseDirectorConfigText('Director { Name = d; Password = p; DirPort = 91o1 }')).detail).toContain('non-negative integer');
    expect(configErrorOf(() => parseDirectorConfigText('Director { Name = d; Password = p; PAM Timeout = 5 fortnights }')).detail).toContain('expects a time');
    expect(configErrorOf(() => parseDirectorConfigText('Director { Name = d; Password = p; DirAddresses = { ip = { port = 70000 } } }')).detail).toContain('port must be 1 to 65535');
    const err = errorOf('Catalog { Name = c; DB Driver = mysql; DB Name = b }');
    expect(err).toBeInstanceOf(ConfigValueError);
    expect(err.detail).toContain('one of sqlite3, postgresql');
  });

  it('a repeated single-valued directive', () => {
    const err = errorOf('Console {\n  Name = c\n  Password = a\n  password = b\n}');
    expect(err).toBeInstanceOf(ConfigDuplicateDirectiveError);
    expect([err.line, err.column]).toEqual([5, 3]);
    expect(err.detail).toContain('already set at line 4, column 3');
  });

  it('a missing required directive points at the resource', () => {
    const err = errorOf('\nConsole { Name = c }');
    expect(err).toBeInstanceOf(ConfigMissingDirectiveError);
    expect([err.line, err.column]).toEqual([3, 1]);
    expect(errorOf('Pool { Pool Type = Backup }').detail).toContain("'Name'");
    expect(errorOf('Messages { console = all }').detail).toContain("Messages resource lacks the required directive 'Name'");
  });

  it('duplicate names per type, not across types', () => {
    const err = errorOf('Pool { Name = Full }\nPool { Name = Full }\nClient { Name = Full }');
    expect(err).toBeInstanceOf(ConfigDuplicateResourceError);
    expect(err.line).toBe(3);
  });

  it('Profile references must exist', () => {
    const err = errorOf('User {\n  Name = u\n  Profile = ghost\n}');
    expect(err).toBeInstanceOf(ConfigReferenceError);
    expect([err.line, err.column, err.detail]).toEqual([4, 3, "User 'u' refers to Profile 'ghost', which is not defined"]);
  });

  it('exactly one Director', () => {
    const err = errorOf('\nDirector { Name = two; Password = p }');
    expect(err).toBeInstanceOf(ConfigDirectorCountError);
    expect(err.line).toBe(3);
  });

  it('ACL entries must not be empty', () => {
    const err = errorOf('Profile { Name = p; Job ACL = "!" }');
    expect(err).toBeInstanceOf(ConfigAclEntryError);
    expect(err.code).toBe('ERR_CONFIG_ACL_ENTRY');
  });

  it('several problems come back together, in order', () => {
    const err = errorOf('Console { Name = a }\nUser { Name = u; Profile = nope }');
    expect(err).toBeInstanceOf(ConfigInvalidError);
    const all = (err as ConfigInvalidError).errors;
    expect(all.map((e) => e.code)).toEqual(['ERR_CONFIG_MISSING_DIRECTIVE', 'ERR_CONFIG_REFERENCE']);
    expect([err.line, err.column]).toEqual([2, 1]);
  });
});
