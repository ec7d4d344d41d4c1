import { describe, expect, it } from 'vitest';
import { aclListAllows, isValidAclItemName, UserAcl } from '../../src/config/index.ts';

describe('invalid item names', () => {
  it('letters, digits and `:.-_/ ` only; no leading/trailing space; 1 to 127 bytes', () => {
    expect(['bareos-fd', 'a:b.c_d/e f', 'x'.repeat(127)].every(isValidAclItemName)).toBe(true);
    expect(['', ' lead', 'trail ', 'semi;colon', 'quote"', 'ümlaut', 'x'.repeat(128), 'tab\there'].some(isValidAclItemName)).toBe(false);
  });

  it('are denied even by `*all*` and for the default console', () => {
    expect(aclListAllows(['*all*'], 'bad;name', 'job')).toBe(false);
    expect(UserAcl.unrestricted().allows('client', 'bad;name')).toBe(false);
  });

  it('except in Where and Plugin Options ACLs', () => {
    expect(aclListAllows(['*all*'], '/tmp/with;semicolon', 'where')).toBe(true);
    expect(aclListAllows(['*all*'], 'python:module_name=x', 'pluginoptions')).toBe(true);
    expect(UserAcl.unrestricted().allows('where', '/tmp/ü')).toBe(true);
  });
});
