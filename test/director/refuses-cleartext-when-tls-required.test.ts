import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/client/index.ts';
import { encodeData } from '../../src/wire/frame.ts';
import { DIRECTOR_PASSWORD, directorResource, startTestDirector, waitFor, type TestDirector } from '../helpers/director.ts';
import { openSocket, readUntilClose } from '../helpers/raw-console.ts';

describe('cleartext admission', () => {
  let director: TestDirector;
  beforeAll(async () => {
    director = await startTestDirector(directorResource());
  });
  afterAll(() => director.close());

  it('refuses a modern console in cleartext when TLS is enabled, with BNET_TERMINATE', async () => {
    const socket = await openSocket(director.port, false, '*UserAgent*', DIRECTOR_PASSWORD);
    socket.write(encodeData('Hello *UserAgent* calling version 26.0.0 Version="26.0.0"\n'));
    const { bytes, closed } = await readUntilClose(socket);
    expect(closed).toBe(true);
    expect(bytes.toString('hex')).toBe('fffffffc');
    await waitFor(() => director.events().some((e) => e['result'] === 'ERR_TLS_REQUIRED'), 5000, 'log line');
  });

  it('the library client gets a readable error', async () => {
    const error = await connect({ host: '127.0.0.1', port: director.port, password: DIRECTOR_PASSWORD, tls: 'off' }).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message.length).toBeGreaterThan(10);
  });

  it('lets an old console through to CRAM-MD5, then denies it by the ssl= policies', async () => {
    const error = await connect({ host: '127.0.0.1', port: director.port, password: DIRECTOR_PASSWORD, tls: 'off', hello: 'old' }).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(Error);
    await waitFor(() => director.events().some((e) => e['result'] === 'ERR_TLS_POLICY'), 5000, 'policy refusal');
  });

  it('refuses versionless Hellos outright when Refuse Versionless Hello is set', async () => {
    const strict = await startTestDirector(directorResource('Refuse Versionless Hello = yes'));
    try {
      const socket = await openSocket(strict.port, false, '*UserAgent*', DIRECTOR_PASSWORD);
      socket.write(encodeData('Hello *UserAgent* calling\n'));
      const { bytes } = await readUntilClose(socket);
      expect(bytes.toString('hex')).toBe('fffffffc');
      await waitFor(() => strict.events().some((e) => e['result'] === 'ERR_VERSIONLESS_HELLO'), 5000, 'log line');
    } finally {
      await strict.close();
    }
  });
});
