import { describe, expect, it } from 'vitest';
import { ACL_TYPES, UserAcl } from '../../src/config/index.ts';

describe('the default console (no Console resource)', () => {
  it('has no ACLs: every valid item allowed, nothing restricted', () => {
    const acl = UserAcl.unrestricted();
    expect(acl.isUnrestricted).toBe(true);
    for (const type of ACL_TYPES) {
      expect(acl.allows(type, 'delete')).toBe(true);
      expect(acl.hasRestrictions(type)).toBe(false);
      expect(acl.entries(type)).toEqual([]);
    }
  });
});
