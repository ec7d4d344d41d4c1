import { describe, expect, it } from 'vitest';
import { aclEntryMatches, aclListAllows } from '../../src/config/index.ts';

describe('`!` and `*all*`', () => {
  it('`*all*` matches every valid item, in any case', () => {
    expect(aclEntryMatches('*all*', 'anything')).toBe(true);
    expect(aclEntryMatches('*ALL*', 'x')).toBe(true);
    expect(aclListAllows(['*All*'], 'bareos-fd')).toBe(true);
  });

  it('`!*all*` denies everything not allowed before it', () => {
    expect(aclListAllows(['/tmp', '!*all*'], '/tmp', 'where')).toBe(true);
    expect(aclListAllows(['/tmp', '!*all*'], '/srv', 'where')).toBe(false);
  });

  it('`!` works with regex entries too', () => {
    expect(aclListAllows(['!backup-.*', '*all*'], 'backup-web')).toBe(false);
    expect(aclListAllows(['!backup-.*', '*all*'], 'restore')).toBe(true);
  });
});
