/**
 * The TLS-first handshake as server (reference §2.4-2.5): TLS-PSK with the key of the console named
 * in the PSK identity, or certificate TLS with the Director resource's certificate; then our own
 * Verify Peer / Allowed CN checks, so the refusal reason can be logged in plain words.
 *
 * The handshake runs through a tls.Server that never listens: the raw socket is handed to it as a
 * 'connection'. Only sockets a tls.Server accepted get `authorized`/`authorizationError` filled in
 * (a bare `new TLSSocket(..., { isServer: true })` leaves them false/null whatever the certificate),
 * and node's own verification (chain, validity, CRL) is the one to trust.
 */
import type { Socket } from 'node:net';
import { createServer, type TLSSocket } from 'node:tls';
import { parsePskIdentity, pskKey } from '../../src/auth/psk.ts';
import { serverTlsOptions } from '../../src/tls/options.ts';
import type { DirectorSettings } from '../settings.ts';
import { wantsClientCertificate, type PeerCertificate } from './certificate-identity.ts';
import { LoginRefusedError } from './errors.ts';

export interface AcceptedTls {
  readonly socket: TLSSocket;
  /** Console named by the PSK identity; undefined for a certificate handshake. */
  readonly pskConsole: string | undefined;
  /** Subject CN of a verified client certificate. */
  readonly peerCN: string | undefined;
  /** The client certificate as checked here; undefined for TLS-PSK (for Certificate Identity). */
  readonly peer: PeerCertificate | undefined;
  /**
   * Set when the handshake worked but Verify Peer / Allowed CN refuse the console: the caller throws
   * it once the connection is framed, so the refusal goes out inside TLS.
   */
  readonly refusal: LoginRefusedError | undefined;
}

const TLS13_SHA256_FIRST = 'TLS_AES_128_GCM_SHA256:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_256_GCM_SHA384';

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
  if (settings.tls.cert && !settings.tls.cipherSuites) {
    // With a certificate loaded, OpenSSL takes the client's TLS 1.3 suite order (SHA-384 first in
    // node and OpenSSL), cannot use the SHA-256-bound PSK with it, and falls back to a certificate
    // handshake the PSK console cannot verify. Preferring the SHA-256 suites keeps both working.
    options.ciphers = `${TLS13_SHA256_FIRST}:${options.ciphers ?? ''}`;
    options.honorCipherOrder = true;
  }
  // A Certificate Identity console needs the certificate even when Verify Peer is off for everyone else.
  options.requestCert = settings.tls.verifyPeer === true || wantsClientCertificate(settings);
  options.rejectUnauthorized = false;
  const secure = await handshake(socket, options, timeoutMs);
  const peer = pskConsole === undefined ? describePeer(secure) : undefined;
  try {
    const peerCN = checkPeer(secure, settings, pskConsole);
    return { socket: secure, pskConsole, peerCN: peer?.verified ? peerCN : undefined, peer, refusal: undefined };
  } catch (error) {
    if (!(error instanceof LoginRefusedError)) throw error;
    return { socket: secure, pskConsole, peerCN: undefined, peer, refusal: error };
  }
}

function handshake(socket: Socket, options: Parameters<typeof createServer>[0], timeoutMs: number): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const server = createServer({ ...options, handshakeTimeout: timeoutMs });
    const timer = setTimeout(() => fail(new LoginRefusedError('ERR_TLS_TIMEOUT', `TLS handshake not finished within ${timeoutMs} ms`, 'close')), timeoutMs);
    const onSecure = (secure: TLSSocket): void => {
      cleanup();
      resolve(secure);
    };
    // A wrong PSK (or a guessed console name) is a failed credential like a wrong CRAM response:
    // it counts toward the per-address failure limit and gets the failure delay.
    const onError = (error: Error): void => fail(new LoginRefusedError('ERR_TLS_HANDSHAKE', `TLS handshake failed: ${describeTlsError(error)}`, 'close', looksLikeWrongPsk(error)));
    const onClose = (): void => fail(new LoginRefusedError('ERR_TLS_HANDSHAKE', 'connection closed during the TLS handshake', 'close'));
    function fail(error: LoginRefusedError): void {
      cleanup();
      reject(error);
    }
    function cleanup(): void {
      clearTimeout(timer);
      server.off('secureConnection', onSecure);
      server.off('tlsClientError', onError);
      socket.off('close', onClose);
    }
    server.once('secureConnection', onSecure);
    server.once('tlsClientError', onError);
    socket.once('close', onClose);
    server.emit('connection', socket);
  });
}

function looksLikeWrongPsk(error: Error): boolean {
  // TLS 1.3 reports a wrong external PSK as a binder that does not verify; TLS 1.2 as a bad MAC.
  return /binder does not verify|bad record mac|decrypt|no shared cipher/i.test(error.message) || (error as NodeJS.ErrnoException).code === 'ERR_SSL_NO_SHARED_CIPHER';
}

function describeTlsError(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ERR_SSL_NO_SHARED_CIPHER' || /no shared cipher/i.test(error.message)) {
    return 'no shared cipher (unknown PSK identity and no director certificate configured?)';
  }
  if (/binder does not verify|bad record mac|decrypt/i.test(error.message)) return 'PSK mismatch (wrong console password?)';
  return code ? `${code}: ${error.message}` : error.message;
}

/** node reports verification failures as OpenSSL's code only; these are the ones consoles meet. */
const VERIFY_ERRORS: Readonly<Record<string, string>> = {
  CERT_HAS_EXPIRED: 'the certificate has expired',
  CERT_NOT_YET_VALID: 'the certificate is not yet valid (clock skew?)',
  CERT_REVOKED: 'the certificate is revoked (listed in the TLS Certificate Revocation List)',
  CRL_HAS_EXPIRED: 'the TLS Certificate Revocation List has passed its next update; renew it',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'the certificate was not issued by a CA in TLS CA Certificate File',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the certificate was not issued by a CA in TLS CA Certificate File',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the certificate is self-signed and not in TLS CA Certificate File',
  SELF_SIGNED_CERT_IN_CHAIN: 'the certificate chain ends in a CA not in TLS CA Certificate File',
  CERT_SIGNATURE_FAILURE: 'the certificate signature does not verify',
  INVALID_PURPOSE: 'the certificate is not meant for TLS clients (extended key usage)',
  UNABLE_TO_GET_CRL: 'no CRL for the certificate issuer is loaded',
};

function authorizationProblem(secure: TLSSocket): string {
  const error: unknown = secure.authorizationError;
  const code = error instanceof Error ? ((error as NodeJS.ErrnoException).code ?? error.message) : String(error);
  const words = VERIFY_ERRORS[code];
  return words ? `${words} (${code})` : code;
}

function describePeer(secure: TLSSocket): PeerCertificate {
  const cert = secure.getPeerCertificate();
  const cn = cert && typeof cert.subject?.CN === 'string' ? cert.subject.CN : undefined;
  if (!cert || Object.keys(cert).length === 0) return { cn: undefined, verified: false, problem: undefined };
  return { cn, verified: secure.authorized, problem: secure.authorized ? undefined : authorizationProblem(secure) };
}

/**
 * Refusals here answer BNET_TERMINATE inside TLS, as Bareos answers a failed handshake (reference
 * §2.7): our checks stand in for the handshake's, and the console learns it was refused, not cut off.
 */
function checkPeer(secure: TLSSocket, settings: DirectorSettings, pskConsole: string | undefined): string | undefined {
  const allowed = settings.tlsAllowedCN;
  if (pskConsole !== undefined) {
    // A PSK client shows no certificate, so a CN allow-list cannot be met (as in Bareos).
    if (settings.tls.verifyPeer && allowed.length > 0) {
      throw new LoginRefusedError('ERR_TLS_ALLOWED_CN', `TLS Allowed CN is set but console "${pskConsole}" used TLS-PSK and presented no certificate`, 'terminate');
    }
    return undefined;
  }
  const cert = secure.getPeerCertificate();
  const cn = cert && typeof cert.subject?.CN === 'string' ? cert.subject.CN : undefined;
  if (!settings.tls.verifyPeer) return cn;
  if (!cert || Object.keys(cert).length === 0) {
    throw new LoginRefusedError('ERR_TLS_NO_CLIENT_CERT', 'TLS Verify Peer is on but the console sent no certificate', 'terminate');
  }
  if (!secure.authorized) {
    throw new LoginRefusedError('ERR_TLS_CLIENT_CERT', `client certificate${cn === undefined ? '' : ` "${cn}"`} rejected: ${authorizationProblem(secure)}`, 'terminate');
  }
  if (allowed.length > 0 && (cn === undefined || !allowed.includes(cn))) {
    throw new LoginRefusedError('ERR_TLS_ALLOWED_CN', `client certificate CN "${cn ?? ''}" is not in TLS Allowed CN (${allowed.join(', ')})`, 'terminate');
  }
  return cn;
}
