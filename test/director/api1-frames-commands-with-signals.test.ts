import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIRECTOR_PASSWORD, directorResource, startTestDirector, type TestDirector } from '../helpers/director.ts';
import { collect, describe as frames, rawLogin } from '../helpers/raw-console.ts';

describe('api 1 (reference §7.2)', () => {
  let director: TestDirector;
  beforeAll(async () => {
    director = await startTestDirector(directorResource('TLS Enable = no'));
  });
  afterAll(() => director.close());

  it('brackets each command with CMD_BEGIN and CMD_OK/FAILED and error texts with BNET_ERROR_MSG', async () => {
    const { conn } = await rawLogin({ port: director.port, password: DIRECTOR_PASSWORD });
    expect(frames(await collect(conn, '.api'))).toEqual([-15, 'api: 1\n', -18]);
    expect(frames(await collect(conn, 'whoami'))).toEqual([-16, 'root\n', -15, -18]);
    expect(frames(await collect(conn, 'autodisplay sideways'))).toEqual([-16, -21, 'ON or OFF keyword missing.\n', -14, -18]);
    expect(frames(await collect(conn, '.clients'))).toEqual([-16, -15, -18]);
    conn.sendSignal(-4);
  });
});
