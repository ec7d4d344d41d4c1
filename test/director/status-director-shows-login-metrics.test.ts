/**
 * `status director` reports the login counters (issue 9): attempts by mode and result, refusals by
 * reason code, phase latencies and active consoles, in plain text and in the api 2 `logins` object.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type JsonValue } from '../../src/client/index.ts';
import { DIRECTOR_PASSWORD, directorResource, startTestDirector, waitFor, type TestDirector } from '../helpers/director.ts';

function asObject(value: JsonValue | undefined): Record<string, JsonValue> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error(`not an object: ${JSON.stringify(value)}`);
  return value;
}

describe('status director login metrics', () => {
  let director: TestDirector;
  beforeAll(async () => {
    director = await startTestDirector(`${directorResource()}
Console { Name = admin; Password = "adminpw" }
Console { Name = legacy; Password = "legacypw"; TLS Enable = no }
`);
    // A wrong key fails TLS-PSK before any Hello; a wrong password in cleartext fails CRAM-MD5.
    const badPsk = await connect({ host: '127.0.0.1', port: director.port, name: 'admin', password: 'wrong' }).catch((e: unknown) => e);
    expect(badPsk).toBeInstanceOf(Error);
    const badCram = await connect({ host: '127.0.0.1', port: director.port, tls: 'off', name: 'legacy', password: 'wrong' }).catch((e: unknown) => e);
    expect(badCram).toBeInstanceOf(Error);
    const named = await connect({ host: '127.0.0.1', port: director.port, name: 'admin', password: 'adminpw' });
    await named.close();
    await waitFor(() => director.events().filter((e) => String(e['event']).startsWith('login.')).length >= 3, 5000, 'three login lines');
  });
  afterAll(() => director.close());

  it('prints attempts, refusals and phases in plain text', async () => {
    const client = await connect({ host: '127.0.0.1', port: director.port, password: DIRECTOR_PASSWORD });
    try {
      const text = await client.call('status director');
      expect(text).toMatch(/Console Logins: active 1, connections refused before login 0/);
      expect(text).toMatch(/ named +ok +1\n/);
      expect(text).toMatch(/ default +ok +1\n/);
      expect(text).toMatch(/ ERR_BAD_PASSWORD +1\n/);
      expect(text).toMatch(/ ERR_TLS_HANDSHAKE +1\n/);
      expect(text).toMatch(/ cram-md5 +\d+ +\d+\.\d{3}\n/);
    } finally {
      await client.close();
    }
  });

  it('returns the same counters in api 2 under result.logins', async () => {
    const client = await connect({ host: '127.0.0.1', port: director.port, password: DIRECTOR_PASSWORD });
    try {
      const logins = asObject(asObject(await client.callJson('status director'))['logins']);
      expect(logins['active_consoles']).toBe(1);
      expect(logins['attempts']).toEqual(expect.arrayContaining([{ mode: 'named', result: 'refused', count: 1 }, { mode: 'named', result: 'ok', count: 1 }]));
      expect(logins['refusals']).toEqual(expect.arrayContaining([{ code: 'ERR_BAD_PASSWORD', count: 1 }, { code: 'ERR_TLS_HANDSHAKE', count: 1 }]));
      const phases = logins['phases'];
      expect(Array.isArray(phases) && phases.some((p) => asObject(p)['phase'] === 'tls')).toBe(true);
    } finally {
      await client.close();
    }
  });
});
