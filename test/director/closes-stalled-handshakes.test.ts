import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect as netConnect } from 'node:net';
import { connect } from '../../src/client/index.ts';
import { DIRECTOR_PASSWORD, directorResource, startTestDirector, waitFor, type TestDirector } from '../helpers/director.ts';
import { readUntilClose } from '../helpers/raw-console.ts';

describe('handshake timeout', () => {
  let director: TestDirector;
  beforeAll(async () => {
    director = await startTestDirector(directorResource('Handshake Timeout = 1').replace('Handshake Timeout = 5', ''));
  });
  afterAll(() => director.close());

  it('closes a connection that never sends a byte, and one that drips a partial Hello', async () => {
    const silent = netConnect({ host: '127.0.0.1', port: director.port });
    const drip = netConnect({ host: '127.0.0.1', port: director.port });
    drip.write(Buffer.from([0, 0, 0, 20, 0x48]));
    const [a, b] = await Promise.all([readUntilClose(silent, 4000), readUntilClose(drip, 4000)]);
    expect(a.closed).toBe(true);
    expect(b.closed).toBe(true);
    await waitFor(() => director.events().filter((e) => e['result'] === 'ERR_TIMEOUT').length >= 2, 5000, 'timeout logs');
  });

  it('keeps serving a real console meanwhile', async () => {
    const client = await connect({ host: '127.0.0.1', port: director.port, password: DIRECTOR_PASSWORD });
    expect(await client.call('whoami')).toBe('root\n');
    await client.close();
  });
});
