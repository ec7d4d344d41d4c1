/**
 * Our extension: a Console with `Certificate Identity = CN` logs in as the User resource named by the
 * verified client certificate's CN, with no PAM prompts (CRAM-MD5 with the console password still runs).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/client/index.ts';
import { startTestDirector, waitFor, type TestDirector } from '../helpers/director.ts';
import { certificateIdentityConfig, makeTlsFixture, type TlsFixture } from './fixture.ts';

describe('Certificate Identity = CN', () => {
  let fx: TlsFixture;
  let director: TestDirector;
  beforeAll(async () => {
    fx = await makeTlsFixture();
    // Verify Peer off: the director still asks for a certificate because a console wants one.
    director = await startTestDirector(certificateIdentityConfig(fx, false));
  });
  afterAll(async () => {
    await director?.close();
    await fx?.cleanup();
  });

  it('logs in as the User named by the CN, with its ACLs, without PAM', async () => {
    const client = await connect({ host: '127.0.0.1', port: director.port, name: 'pki', password: 'pkipw', tls: 'cert', certificate: fx.client(fx.alice) });
    try {
      expect(client.banner).toContain('You are logged in as: alice');
      expect((await client.call('whoami')).trim()).toBe('alice');
      expect(await client.call('status director')).toBe('status: is an invalid command.\n');
    } finally {
      await client.close();
    }
    await waitFor(() => director.events().some((e) => e['event'] === 'login.ok' && e['mode'] === 'certificate' && e['pam_user'] === 'alice'), 5000, 'login.ok');
  });
});
