import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/client/index.ts';
import { DIRECTOR_PASSWORD, directorResource, startTestDirector, type TestDirector } from '../helpers/director.ts';

describe('TLS-PSK login', () => {
  let director: TestDirector;
  beforeAll(async () => {
    director = await startTestDirector(`${directorResource()}
Console { Name = admin; Password = "adminpw" }
`);
  });
  afterAll(() => director.close());

  it('logs the default console in over TLS 1.3 PSK and answers version', async () => {
    const client = await connect({ host: '127.0.0.1', port: director.port, password: DIRECTOR_PASSWORD });
    try {
      expect(client.encryption?.protocol ?? JSON.stringify(client.encryption)).toMatch(/TLSv1\.3/);
      expect(client.banner).toContain('You are connected using the default console');
      const out = await client.call('version');
      expect(out).toMatch(/^test-dir Version: 26\.0\.0 \(/);
    } finally {
      await client.close();
    }
  });

  it('logs a named console in with its own password', async () => {
    const client = await connect({ host: '127.0.0.1', port: director.port, name: 'admin', password: 'adminpw' });
    try {
      expect(client.banner).toContain('You are logged in as: admin');
      expect((await client.call('whoami')).trim()).toBe('admin');
    } finally {
      await client.close();
    }
  });

  it('logs every success with console, mode and address', async () => {
    const ok = director.events().filter((e) => e['event'] === 'login.ok');
    expect(ok.some((e) => e['console'] === 'admin' && e['mode'] === 'named' && e['remote'] === '127.0.0.1')).toBe(true);
    expect(director.logs.join('')).not.toContain('adminpw');
  });
});
