import { connect as tlsConnect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientPskOptions } from '../../src/tls/options.ts';
import { encodeData } from '../../src/wire/frame.ts';
import { DIRECTOR_PASSWORD, directorResource, startTestDirector, waitFor, type TestDirector } from '../helpers/director.ts';
import { openSocket, readUntilClose } from '../helpers/raw-console.ts';

describe('Hello checks', () => {
  let director: TestDirector;
  beforeAll(async () => {
    director = await startTestDirector(`${directorResource('TLS Enable = no')}
Console { Name = admin; Password = "adminpw"; TLS Enable = no }
`);
  });
  afterAll(() => director.close());

  for (const hello of ['Hello Director other-dir calling\n', 'Hello Client bareos-fd calling 12\n', 'Hello Storage calling Start Job backup.2026\n']) {
    it(`refuses the daemon Hello "${hello.trim()}" with BNET_TERMINATE and a log line`, async () => {
      const socket = await openSocket(director.port, false, '*UserAgent*', DIRECTOR_PASSWORD);
      socket.write(encodeData(hello));
      const { bytes } = await readUntilClose(socket);
      expect(bytes.toString('hex')).toBe('fffffffc');
      await waitFor(() => director.events().some((e) => e['result'] === 'ERR_DAEMON_HELLO'), 5000, 'log');
    });
  }

  it('refuses a TLS-PSK identity that names another console than the Hello', async () => {
    const tlsDirector = await startTestDirector(`${directorResource()}
Console { Name = admin; Password = "adminpw" }
`);
    try {
      const socket = tlsConnect({ host: '127.0.0.1', port: tlsDirector.port, ...clientPskOptions('admin', 'adminpw') });
      await new Promise<void>((resolve, reject) => {
        socket.once('secureConnect', resolve);
        socket.once('error', reject);
      });
      socket.write(encodeData('Hello *UserAgent* calling version 26.0.0\n'));
      const { bytes } = await readUntilClose(socket);
      expect(bytes.toString('hex')).toBe('fffffffc');
      await waitFor(() => tlsDirector.events().some((e) => e['result'] === 'ERR_PSK_NAME_MISMATCH'), 5000, 'log');
    } finally {
      await tlsDirector.close();
    }
  });

  it('refuses an unknown console name and a Hello shorter than 15 bytes', async () => {
    for (const hello of ['Hello nobody calling version 26.0.0\n', 'Hello x calli\n']) {
      const socket = await openSocket(director.port, false, '*UserAgent*', DIRECTOR_PASSWORD);
      socket.write(encodeData(hello));
      const { bytes } = await readUntilClose(socket);
      expect(bytes.toString('hex')).toBe('fffffffc');
    }
    await waitFor(() => director.events().some((e) => e['result'] === 'ERR_UNKNOWN_CONSOLE'), 5000, 'unknown log');
    await waitFor(() => director.events().some((e) => e['result'] === 'ERR_BAD_HELLO'), 5000, 'bad hello log');
  });
});
