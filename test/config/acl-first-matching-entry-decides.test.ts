import { describe, expect, it } from 'vitest';
import { aclListAllows } from '../../src/config/index.ts';

describe('ACL order', () => {
  it('the first matching entry decides, later entries are not consulted', () => {
    expect(aclListAllows(['!delete', '*all*'], 'delete')).toBe(false);
    expect(aclListAllows(['*all*', '!delete'], 'delete')).toBe(true);
    expect(aclListAllows(['delete', '!delete'], 'delete')).toBe(true);
    expect(aclListAllows(['!delete', 'delete'], 'delete')).toBe(false);
  });

  it('no match denies; an empty list denies everything', () => {
    expect(aclListAllows(['list', 'status'], 'run')).toBe(false);
    expect(aclListAllows([], 'status')).toBe(false);
  });

  it('plain entries compare case-insensitively and in full', () => {
    expect(aclListAllows(['BackupCatalog'], 'backupcatalog')).toBe(true);
    expect(aclListAllows(['Backup'], 'BackupCatalog')).toBe(false);
  });
});
