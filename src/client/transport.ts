/**
 * Opening the byte stream to a director: TCP (TCP_NODELAY, keepalive), then TLS first for `psk` and
 * `cert`. Handshake failures become TlsError with the likely cause spelled out.
 */
import { readFileSync } from 'node:fs';
import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions, type TLSSocket } from 'node:tls';
import { DEFAULT_CONSOLE_NAME } from '../auth/psk.ts';
import { clientCertificateOptions, clientPskOptions, type ClientCertificateSettings } from '../tls/options.ts';
import { ConnectionError, TimeoutError, TlsError } from './errors.ts';
import type { CertificateOptions } from './options.ts';

export async function openTcp(host: string, port: number, timeoutMs: number): Promise<Socket> {
  const socket = netConnect({ host, port });
  // Header and payload go out in one write; no Nagle delay on the small login frames.
  socket.setNoDelay(true);
  socket.setKeepAlive(true);
  await settle(socket, 'connect', timeoutMs, {
    timeout: () => new TimeoutError(`could not connect to the director at ${host}:${port} within ${timeoutMs} ms`),
    error: (error) => new ConnectionError(`cannot connect to the director at ${host}:${port}: ${error.message}`, { cause: error }),
    closed: () => new ConnectionError(`the connection to ${host}:${port} closed before it was established`),
  });
  return socket;
}

export async function startPsk(socket: Socket, consoleName: string, password: string, timeoutMs: number): Promise<TLSSocket> {
  const whose = consoleName === DEFAULT_CONSOLE_NAME ? 'the Director password differs (default console)' : `the director does not know console '${consoleName}' or the password differs`;
  return startTlsClient(socket, clientPskOptions(consoleName, password), timeoutMs, (reason) =>
    `TLS-PSK handshake failed: ${whose} (${reason}; if the director has TLS disabled, use cleartext)`,
  );
}

export async function startCertificateTls(socket: Socket, certificate: CertificateOptions, timeoutMs: number): Promise<TLSSocket> {
  return startTlsClient(socket, certificateConnectionOptions(certificate), timeoutMs, (reason) => `certificate TLS handshake failed: ${reason}`);
}

export function certificateConnectionOptions(certificate: CertificateOptions): ConnectionOptions {
  const settings: ClientCertificateSettings = {
    ...pick('ca', certificate.ca, certificate.caFile),
    ...pick('cert', certificate.cert, certificate.certFile),
    ...pick('key', certificate.key, certificate.keyFile),
    ...(certificate.allowedCN ? { allowedCN: certificate.allowedCN } : {}),
    ...(certificate.servername ? { servername: certificate.servername } : {}),
    ...(certificate.verifyPeer !== undefined ? { verifyPeer: certificate.verifyPeer } : {}),
  };
  return clientCertificateOptions(settings);
}

function pick<K extends string>(key: K, inline: string | Buffer | undefined, file: string | undefined): Partial<Record<K, string | Buffer>> {
  if (inline !== undefined) return { [key]: inline } as Partial<Record<K, string | Buffer>>;
  if (file === undefined) return {};
  try {
    return { [key]: readFileSync(file) } as Partial<Record<K, string | Buffer>>;
  } catch (error) {
    throw new TlsError(`cannot read the TLS ${key} file ${file}: ${(error as Error).message}`, { cause: error });
  }
}

async function startTlsClient(socket: Socket, options: ConnectionOptions, timeoutMs: number, explain: (reason: string) => string): Promise<TLSSocket> {
  const secure = tlsConnect({ ...options, socket });
  // The TLS socket reports the wrapped socket's failures; keep a stray raw 'error' from crashing us.
  socket.on('error', () => undefined);
  try {
    await settle(secure, 'secureConnect', timeoutMs, {
      // A director without TLS-first (Bacula, Bareos < 18.2) reads our ClientHello as a frame header and waits.
      timeout: () => new TimeoutError(`the TLS handshake with the director did not finish within ${timeoutMs} ms (a director that does not speak TLS first, such as Bacula or Bareos before 18.2, needs cleartext)`),
      error: (error) => new TlsError(explain(error.message), { cause: error }),
      closed: () => new TlsError(explain('the director closed the connection during the handshake')),
    });
  } catch (error) {
    secure.destroy();
    throw error;
  }
  return secure;
}

interface SettleErrors {
  timeout(): Error;
  error(error: Error): Error;
  closed(): Error;
}

/** Wait for one success event, failing on error, close or timeout; removes its listeners either way. */
function settle(emitter: Socket, event: string, timeoutMs: number, errors: SettleErrors): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(errors.timeout()), timeoutMs);
    const onOk = (): void => finish(undefined);
    const onError = (error: Error): void => finish(errors.error(error));
    const onClose = (): void => finish(errors.closed());
    function finish(error: Error | undefined): void {
      clearTimeout(timer);
      emitter.off(event, onOk);
      emitter.off('error', onError);
      emitter.off('close', onClose);
      if (error) {
        emitter.destroy();
        reject(error);
      } else {
        resolve();
      }
    }
    emitter.once(event, onOk);
    emitter.once('error', onError);
    emitter.once('close', onClose);
  });
}
