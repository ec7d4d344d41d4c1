import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONSOLE_NAME, loadBconsoleConfig, parseBconsoleConfigText, resolveBconsoleLogin } from '../../src/config/index.ts';
import { configErrorOf, FIXTURES } from './helpers.ts';

describe('no Console resource', () => {
  it('uses *UserAgent* with the Director password and the Director TLS setting', () => {
    const login = resolveBconsoleLogin(loadBconsoleConfig(join(FIXTURES, 'bconsole', 'single.conf')));
    expect(login.console).toBeUndefined();
    expect([login.consoleName, login.password, login.director.address, login.tlsEnable]).toEqual([DEFAULT_CONSOLE_NAME, 'Xk3v9P2mQ7rT', 'localhost', true]);
    expect(DEFAULT_CONSOLE_NAME).toBe('*UserAgent*');
  });

  it('a Director without Password cannot be used then', () => {
    const config = parseBconsoleConfigText('Director { Name = d; Address = h }');
    expect(configErrorOf(() => resolveBconsoleLogin(config)).code).toBe('ERR_BCONSOLE_NO_PASSWORD');
  });
});
