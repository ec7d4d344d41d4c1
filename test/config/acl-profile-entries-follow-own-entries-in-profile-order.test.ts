import { describe, expect, it } from 'vitest';
import { parseDirectorConfigText, UserAcl } from '../../src/config/index.ts';

const config = parseDirectorConfigText(`
Director { Name = d; Password = p }
Profile { Name = deny-delete; Command ACL = !delete }
Profile { Name = allow-all; Command ACL = *all*; Job ACL = *all* }
Console { Name = own-first; Password = p; Command ACL = delete; Profile = deny-delete, allow-all }
Console { Name = profiles-only; Password = p; Profile = deny-delete, allow-all }
Console { Name = reversed; Password = p; Profile = allow-all, deny-delete }
User { Name = alice; Profile = deny-delete; Job ACL = !secret-job; Profile = allow-all }`);

const acl = (name: string) => {
  const resource = config.consoles.find((c) => c.name === name) ?? config.users.find((u) => u.name === name);
  if (!resource) throw new Error(name);
  return UserAcl.fromConfig(config, resource);
};

describe('profiles', () => {
  it('own entries come before the profiles', () => {
    expect(acl('own-first').entries('command')).toEqual(['delete', '!delete', '*all*']);
    expect(acl('own-first').allows('command', 'delete')).toBe(true);
  });

  it('profiles are consulted in the order listed', () => {
    expect(acl('profiles-only').allows('command', 'delete')).toBe(false);
    expect(acl('profiles-only').allows('command', 'list')).toBe(true);
    expect(acl('reversed').allows('command', 'delete')).toBe(true);
  });

  it('a PAM User works the same way', () => {
    expect(acl('alice').entries('job')).toEqual(['!secret-job', '*all*']);
    expect(acl('alice').allows('job', 'secret-job')).toBe(false);
    expect(acl('alice').allows('job', 'backup')).toBe(true);
    expect(acl('alice').allows('command', 'delete')).toBe(false);
    expect(acl('alice').allows('client', 'bareos-fd')).toBe(false); // Client ACL configured nowhere
  });
});
