/**
 * `connect(options)`: TCP, TLS first unless `tls: 'off'`, then the login; resolves with a session.
 * Any failure destroys the socket before the error reaches the caller.
 */
import type { Socket } from 'node:net';
import { TlsPolicy } from '../auth/cram-md5.ts';
import { storedPassword } from '../auth/password.ts';
import { DEFAULT_CONSOLE_NAME } from '../auth/psk.ts';
import { FramedConnection } from '../net/framed-connection.ts';
import { BAREOS_PROTOCOL_VERSION } from '../version.ts';
import { DirectorClient } from './director-client.ts';
import { TlsError } from './errors.ts';
import { DirectorLink, toClientError } from './link.ts';
import { login } from './login.ts';
import { DEFAULT_COMMAND_TIMEOUT_MS, DEFAULT_PORT, DEFAULT_TIMEOUT_MS, type ConnectOptions } from './options.ts';
import { FrameRecorder } from './transcript.ts';
import { certificateConnectionOptions, openTcp, startCertificateTls, startPsk } from './transport.ts';

export async function connect(options: ConnectOptions): Promise<DirectorClient> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const name = options.name ?? DEFAULT_CONSOLE_NAME;
  const tls = options.tls ?? 'psk';
  const tcp = await openTcp(options.host, options.port ?? DEFAULT_PORT, timeoutMs);
  let socket: Socket = tcp;
  try {
    if (tls === 'psk') socket = await startPsk(tcp, name, options.password, timeoutMs);
    if (tls === 'cert') socket = await startCertificateTls(tcp, options.certificate ?? {}, timeoutMs);
  } catch (error) {
    tcp.destroy();
    throw error;
  }
  // The client must not die on a signal value newer than our table: deliver it and ignore it.
  const link = new DirectorLink(new FramedConnection(socket, { unknownSignals: 'deliver' }), new FrameRecorder(options.loginTranscript));
  try {
    const result = await login({
      link,
      consoleName: name,
      key: storedPassword(options.password),
      hello: options.hello ?? 'modern',
      clientVersion: options.clientVersion ?? BAREOS_PROTOCOL_VERSION,
      policy: tls === 'off' ? (options.legacyTlsPolicy ?? TlsPolicy.None) : TlsPolicy.Required,
      timeoutMs,
      pam: options.pam,
      allowPamWithoutTls: options.allowPamWithoutTls ?? false,
      startLegacyTls: () => startLegacyTls(link, options, timeoutMs),
    });
    return new DirectorClient(link, result, options.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS);
  } catch (error) {
    link.connection.destroy();
    throw toClientError(error, 'the login', timeoutMs);
  }
}

/** Legacy path (§2.6): the director has no PSK callback here, so this is certificate TLS. */
async function startLegacyTls(link: DirectorLink, options: ConnectOptions, timeoutMs: number): Promise<void> {
  try {
    await link.connection.startTls({ ...certificateConnectionOptions(options.certificate ?? {}), isServer: false }, timeoutMs);
  } catch (error) {
    if (error instanceof TlsError) throw error;
    throw new TlsError(`TLS after CRAM-MD5 (legacy path) failed: ${(error as Error).message}`, { cause: error });
  }
}
