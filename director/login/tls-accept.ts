/**
 * The TLS-first handshake as server (reference §2.4-2.5): TLS-PSK with the key of the console named
 * in the PSK identity, or certificate TLS with the Director resource's certificate; then our own
 * Verify Peer / Allowed CN checks, so the refusal reason can be logged in plain words.
 */
import type { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import { parsePskIdentity, pskKey } from '../../src/auth/psk.ts';
import { serverTlsOptions } from '../../src/tls/options.ts';
import type { DirectorSettings } from '../settings.ts';
import { LoginRefusedError } from './errors.ts';

export interface AcceptedTls {
  readonly socket: TLSSocket;
  /** Console named by the PSK identity; undefined for a certificate handshake. */
  readonly pskConsole: string | undefined;
  /** Subject CN of a verified client certificate. */
  readonly peerCN: string | undefined;
}

export async function acceptTls(socket: Socket, settings: DirectorSettings, timeoutMs: number): Promise<AcceptedTls> {
  let pskConsole: string | undefined;
  const options = serverTlsOptions({
    ...settings.tls,
    // Verification is done below, after the handshake, to give a precise reason.
    verifyPeer: false,
    psk: (identity) => {
      const parsed = parsePskIdentity(identity);
      if (!parsed || parsed.resourceType !== 'R_CONSOLE') return undefined;
      const account = settings.consoles.get(parsed.name);
      if (!account) return undefined;
      pskConsole = parsed.name;
      return pskKey(account.password);
    },
  });
  if (settings.tls.verifyPeer) options.requestCert = true;
  options.rejectUnauthorized = false;
  const secure = new TLSSocket(socket, { ...options, isServer: true });
  await handshake(secure, timeoutMs);
  const peerCN = checkPeer(secure, settings, pskConsole);
  return { socket: secure, pskConsole, peerCN };
}

function handshake(secure: TLSSocket, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new LoginRefusedError('ERR_TLS_TIMEOUT', `TLS handshake not finished within ${timeoutMs} ms`, 'close')), timeoutMs);
    const onSecure = (): void => {
      cleanup();
      resolve();
    };
    const onError = (error: Error): void => fail(new LoginRefusedError('ERR_TLS_HANDSHAKE', `TLS handshake failed: ${describeTlsError(error)}`, 'close'));
    const onClose = (): void => fail(new LoginRefusedError('ERR_TLS_HANDSHAKE', 'connection closed during the TLS handshake', 'close'));
    function fail(error: LoginRefusedError): void {
      cleanup();
      reject(error);
    }
    function cleanup(): void {
      clearTimeout(timer);
      secure.off('secure', onSecure);
      secure.off('error', onError);
      secure.off('close', onClose);
    }
    secure.once('secure', onSecure);
    secure.once('error', onError);
    secure.once('close', onClose);
  });
}

function describeTlsError(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ERR_SSL_NO_SHARED_CIPHER' || /no shared cipher/i.test(error.message)) {
    return 'no shared cipher (unknown PSK identity and no director certificate configured?)';
  }
  if (/bad record mac|decrypt/i.test(error.message)) return 'PSK mismatch (wrong console password?)';
  return code ? `${code}: ${error.message}` : error.message;
}

function checkPeer(secure: TLSSocket, settings: DirectorSettings, pskConsole: string | undefined): string | undefined {
  const allowed = settings.tlsAllowedCN;
  if (pskConsole !== undefined) {
    // A PSK client shows no certificate, so a CN allow-list cannot be met (as in Bareos).
    if (settings.tls.verifyPeer && allowed.length > 0) {
      throw new LoginRefusedError('ERR_TLS_ALLOWED_CN', 'TLS Allowed CN is set but the console used TLS-PSK and presented no certificate', 'close');
    }
    return undefined;
  }
  const cert = secure.getPeerCertificate();
  const cn = cert && typeof cert.subject?.CN === 'string' ? cert.subject.CN : undefined;
  if (!settings.tls.verifyPeer) return cn;
  if (!cert || Object.keys(cert).length === 0) {
    throw new LoginRefusedError('ERR_TLS_NO_CLIENT_CERT', 'TLS Verify Peer is on but the console sent no certificate', 'close');
  }
  if (!secure.authorized) {
    const why = secure.authorizationError instanceof Error ? secure.authorizationError.message : String(secure.authorizationError);
    throw new LoginRefusedError('ERR_TLS_CLIENT_CERT', `client certificate rejected: ${why}`, 'close');
  }
  if (allowed.length > 0 && (cn === undefined || !allowed.includes(cn))) {
    throw new LoginRefusedError('ERR_TLS_ALLOWED_CN', `client certificate CN "${cn ?? ''}" is not in TLS Allowed CN`, 'close');
  }
  return cn;
}
