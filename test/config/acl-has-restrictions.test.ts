import { describe, expect, it } from 'vitest';
import { hasRestrictions, parseDirectorConfigText, UserAcl } from '../../src/config/index.ts';

describe('hasRestrictions', () => {
  it('first `!` → restricted; `*all*` before any `!` → unrestricted; end of list → restricted', () => {
    expect(hasRestrictions([])).toBe(true);
    expect(hasRestrictions(['*all*'])).toBe(false);
    expect(hasRestrictions(['a', '*ALL*', '!b'])).toBe(false);
    expect(hasRestrictions(['!b', '*all*'])).toBe(true);
    expect(hasRestrictions(['a', 'b'])).toBe(true);
  });

  it('per ACL type of a console', () => {
    const config = parseDirectorConfigText(`Director { Name = d; Password = p }
Console { Name = c; Password = p; Job ACL = *all*; Pool ACL = Full, Incremental }`);
    const acl = UserAcl.fromConfig(config, config.consoles[0]!);
    expect(acl.hasRestrictions('job')).toBe(false);
    expect(acl.hasRestrictions('pool')).toBe(true);
    expect(acl.hasRestrictions('client')).toBe(true);
  });
});
