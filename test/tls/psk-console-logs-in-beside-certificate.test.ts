/** A director with a certificate still serves TLS-PSK consoles on the same listener (reference §2.4). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/client/index.ts';
import { DIRECTOR_PASSWORD, directorResource, startTestDirector, type TestDirector } from '../helpers/director.ts';
import { makeTlsFixture, type TlsFixture } from './fixture.ts';

describe('TLS-PSK and certificate TLS on one listener', () => {
  let fx: TlsFixture;
  let director: TestDirector;
  beforeAll(async () => {
    fx = await makeTlsFixture();
    director = await startTestDirector(`${directorResource(fx.directorTls('TLS Verify Peer = yes'))}
Console { Name = admin; Password = "adminpw" }
`);
  });
  afterAll(async () => {
    await director?.close();
    await fx?.cleanup();
  });

  it('logs a PSK console and a certificate console in, one after the other', async () => {
    const psk = await connect({ host: '127.0.0.1', port: director.port, name: 'admin', password: 'adminpw' });
    expect(psk.banner).toContain('You are logged in as: admin');
    expect(psk.encryption?.cipher ?? '').toMatch(/SHA256/);
    await psk.close();
    const defaultConsole = await connect({ host: '127.0.0.1', port: director.port, password: DIRECTOR_PASSWORD });
    await defaultConsole.close();
    const cert = await connect({ host: '127.0.0.1', port: director.port, name: 'admin', password: 'adminpw', tls: 'cert', certificate: fx.client(fx.admin) });
    expect((await cert.call('whoami')).trim()).toBe('admin');
    await cert.close();
  });
});
