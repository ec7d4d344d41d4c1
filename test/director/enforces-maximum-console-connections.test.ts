import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/client/index.ts';
import { DIRECTOR_PASSWORD, directorResource, startTestDirector, waitFor, type TestDirector } from '../helpers/director.ts';

describe('Maximum Console Connections', () => {
  let director: TestDirector;
  beforeAll(async () => {
    director = await startTestDirector(`${directorResource('Maximum Console Connections = 1')}
Console { Name = a; Password = "apw" }
Console { Name = b; Password = "bpw" }
`);
  });
  afterAll(() => director.close());

  it('refuses a named console past the limit and still admits the default console', async () => {
    const first = await connect({ host: '127.0.0.1', port: director.port, name: 'a', password: 'apw' });
    try {
      const refused = await connect({ host: '127.0.0.1', port: director.port, name: 'b', password: 'bpw', timeoutMs: 3000 }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(Error);
      await waitFor(() => director.events().some((e) => e['result'] === 'ERR_MAX_CONSOLES'), 5000, 'refusal');
      const admin = await connect({ host: '127.0.0.1', port: director.port, password: DIRECTOR_PASSWORD });
      expect(await admin.call('whoami')).toBe('root\n');
      await admin.close();
    } finally {
      await first.close();
    }
    await waitFor(() => director.runtime.live.size === 0, 5000, 'sessions to end');
    const again = await connect({ host: '127.0.0.1', port: director.port, name: 'b', password: 'bpw' });
    await again.close();
  });
});
