import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBconsoleConfig, resolveBconsoleLogin } from '../../src/config/index.ts';
import { FIXTURES } from './helpers.ts';

const multi = loadBconsoleConfig(join(FIXTURES, 'bconsole', 'multi.conf'));

describe('bconsole.conf console selection (§8.3)', () => {
  it('the first Console whose Director is the chosen one', () => {
    const login = resolveBconsoleLogin(multi, 'dir-b');
    expect([login.director.name, login.director.port, login.consoleName, login.password]).toEqual(['dir-b', 19101, 'for-b', 'b-pass']);
    expect(login.console?.historyLength).toBe(500);
    // TLS follows the used resource: the Console (TLS Enable default yes), not dir-b's `no`.
    expect(login.tlsEnable).toBe(true);
  });

  it('else the first Console without a Director', () => {
    const login = resolveBconsoleLogin(multi, 'dir-a');
    expect([login.consoleName, login.password, login.director.port]).toEqual(['generic', 'generic-pass', 9101]);
  });

  it('else the first Console at all', () => {
    const onlyBound = loadBconsoleConfig(join(FIXTURES, 'bconsole', 'only-bound.conf'));
    expect(resolveBconsoleLogin(onlyBound, 'dir-a').consoleName).toBe('bound-x');
    expect(resolveBconsoleLogin(onlyBound, 'dir-b').consoleName).toBe('bound-b');
  });
});
