/**
 * A logged-in console that sends a frame header the decoder refuses (an unknown signal) is
 * disconnected: the session logs the reason and closes the socket. Found by the transcript fuzzer:
 * over TLS-PSK the socket used to stay open, unread, forever.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeSignal } from '../../src/wire/frame.ts';
import type { Signal } from '../../src/wire/signals.ts';
import { waitFor, type TestDirector } from '../helpers/director.ts';
import { rawLogin, readUntilClose } from '../helpers/raw-console.ts';
import { DIRECTOR_PASSWORD, settles, startFaultDirector } from './helpers.ts';

describe('unknown signal inside a session', () => {
  let director: TestDirector;
  beforeAll(async () => {
    director = await startFaultDirector();
  });
  afterAll(() => director.close());

  for (const variant of [
    { label: 'TLS-PSK', tls: true, name: 'admin', password: 'adminpw' },
    { label: 'cleartext', tls: false, name: '*UserAgent*', password: DIRECTOR_PASSWORD },
  ]) {
    it(`${variant.label}: closes the connection and logs why`, async () => {
      const { conn } = await rawLogin({ port: director.port, ...variant });
      const closed = readUntilClose(conn.raw, 5000);
      conn.write(encodeSignal(-30 as Signal));
      expect((await closed).closed).toBe(true);
      await waitFor(() => director.events().some((e) => e['event'] === 'session.error' && String(e['message']).includes('unknown signal -30')), 5000, 'session.error line');
      await settles(director);
    });
  }
});
