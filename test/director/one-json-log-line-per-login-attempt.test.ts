/**
 * Every login attempt, good or refused at any step, produces exactly one `login.ok` or
 * `login.refused` JSON line with the fields fail2ban and log shippers need; the filter regex
 * documented in docs/security.md matches the refused ones and extracts the address.
 */
import { connect as netConnect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/client/index.ts';
import { DIRECTOR_PASSWORD, directorResource, startTestDirector, waitFor, type TestDirector } from '../helpers/director.ts';
import { readUntilClose } from '../helpers/raw-console.ts';

/** The failregex of docs/security.md, with fail2ban's <HOST> spelled out. */
const FAIL2BAN = /^\{"time":"[^"]+","level":"warn","event":"login\.refused",.*"remote":"(?<host>[0-9a-fA-F.:]+)"/;

describe('one JSON log line per login attempt', () => {
  let director: TestDirector;
  beforeAll(async () => {
    director = await startTestDirector(`${directorResource()}
Console { Name = admin; Password = "adminpw" }
Console { Name = legacy; Password = "legacypw"; TLS Enable = no }
`);
  });
  afterAll(() => director.close());

  it('logs good, wrong-password, unknown-console and garbage attempts once each', async () => {
    const good = await connect({ host: '127.0.0.1', port: director.port, password: DIRECTOR_PASSWORD });
    await good.close();
    await connect({ host: '127.0.0.1', port: director.port, tls: 'off', name: 'legacy', password: 'wrong-one' }).catch(() => undefined);
    await connect({ host: '127.0.0.1', port: director.port, name: 'nobody', password: 'x' }).catch(() => undefined);
    const garbage = netConnect({ host: '127.0.0.1', port: director.port });
    garbage.write('GET / HTTP/1.0\r\n\r\n');
    await readUntilClose(garbage);
    const logins = (): Array<Record<string, unknown>> => director.events().filter((e) => e['event'] === 'login.ok' || e['event'] === 'login.refused');
    await waitFor(() => logins().length >= 4, 5000, 'four login lines');
    await new Promise((r) => setTimeout(r, 200));
    const lines = logins();
    expect(lines.map((e) => e['result'])).toEqual(['ok', 'ERR_BAD_PASSWORD', expect.stringMatching(/^ERR_/), 'ERR_GARBAGE']);
    for (const e of lines) {
      expect(e['remote']).toBe('127.0.0.1');
      expect(typeof e['duration_ms']).toBe('number');
      expect(e).toHaveProperty('mode');
    }
    expect(lines[1]?.['console']).toBe('legacy');
    expect(director.logs.join('')).not.toContain('wrong-one');
  });

  it('the documented fail2ban regex matches each refusal line and only those', () => {
    const raw = director.logs.filter((l) => l.includes('"event":"login.'));
    const matched = raw.filter((l) => FAIL2BAN.test(l));
    expect(matched).toHaveLength(3);
    expect(matched.every((l) => FAIL2BAN.exec(l)?.groups?.['host'] === '127.0.0.1')).toBe(true);
  });
});
