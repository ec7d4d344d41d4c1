import { afterEach, describe, expect, it } from 'vitest';
import { connect } from '../../src/client/index.ts';
import { startMiniDirector, type MiniDirector } from '../helpers/mini-director.ts';

// Old Bareos and Bacula directors end the login with one plain line instead of 1000/1002 messages.
describe('the old single-line login result', () => {
  let director: MiniDirector | undefined;
  afterEach(() => director?.close());

  it('reads Bareos\' pre-18.2 line after an old-style Hello', async () => {
    director = await startMiniDirector({ tls: 'off' });
    const client = await connect({ host: director.host, port: director.port, tls: 'off', hello: 'old', password: 'director-secret' });
    expect(client.dialect).toBe('old');
    expect(client.directorName).toBe('mini-dir');
    expect(client.versionLine).toBe('mini-dir Version: 26.0.0 (23 November 2026) --  Encryption: None');
    expect(client.banner).toBeUndefined();
    expect(director.sessions[0]?.received().subarray(0, 30).toString('latin1')).toBe('\0\0\0\x1aHello *UserAgent* calling\n');
    expect(await client.call('version')).toContain('mini-dir');
    await client.close();
  });

  it('drops the number Bacula puts after "OK:"', async () => {
    director = await startMiniDirector({ tls: 'off', dialect: 'old', oldOkText: '103 bacula-dir Version: 9.6.7 (10 December 2020)' });
    const client = await connect({ host: director.host, port: director.port, tls: 'off', password: 'director-secret' });
    expect(client.dialect).toBe('old');
    expect(client.directorName).toBe('bacula-dir');
    expect(client.versionLine).toBe('bacula-dir Version: 9.6.7 (10 December 2020)');
    await client.close();
  });
});
