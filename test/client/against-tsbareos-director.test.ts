import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthenticationError, TlsError, connect } from '../../src/client/index.ts';
import { DIRECTOR_PASSWORD, directorResource, startTestDirector, type TestDirector } from '../helpers/director.ts';

// The client against our own director (director/), in-process: TLS-PSK, api 0 and api 2, refusals.
describe('client against the tsbareos director', () => {
  let director: TestDirector;
  beforeAll(async () => {
    director = await startTestDirector(`${directorResource()}
Console { Name = plain; Password = "plainpw"; TLS Enable = no; Command ACL = *all* }
`);
  });
  afterAll(() => director.close());

  it('runs version in api 0 and api 2 over TLS-PSK', async () => {
    const client = await connect({ host: '127.0.0.1', port: director.port, password: DIRECTOR_PASSWORD });
    try {
      expect(client.dialect).toBe('modern');
      expect(await client.call('version')).toMatch(/Version: 26\.0\.0/);
      expect(await client.callJson('version')).toMatchObject({ version: { version: '26.0.0' } });
      expect(await client.call('version')).toMatch(/Version: 26\.0\.0/);
    } finally {
      await client.close();
    }
  });

  it('fails TLS-PSK with a wrong Director password', async () => {
    await expect(connect({ host: '127.0.0.1', port: director.port, password: 'wrong', timeoutMs: 5000 })).rejects.toBeInstanceOf(TlsError);
  });

  it('logs a console with TLS Enable = no in over cleartext, and refuses cleartext for the default console', async () => {
    const client = await connect({ host: '127.0.0.1', port: director.port, tls: 'off', name: 'plain', password: 'plainpw' });
    expect(client.encryption).toBeUndefined();
    expect(client.loggedInAs).toBe('plain');
    await client.close();
    await expect(connect({ host: '127.0.0.1', port: director.port, tls: 'off', password: DIRECTOR_PASSWORD, timeoutMs: 10_000 })).rejects.toBeInstanceOf(AuthenticationError);
  });
});
