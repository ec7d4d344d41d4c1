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
import { createServer, type Server, type TLSSocket } from 'node:tls';
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
  const secure = await acceptorFor(settings).handshake(socket, timeoutMs);
  const pskConsole = pskConsoleOf.get(secure);
  const peer = pskConsole === undefined ? describePeer(secure) : undefined;
  try {
    const peerCN = checkPeer(secure, settings, pskConsole);
    return { socket: secure, pskConsole, peerCN: peer?.verified ? peerCN : undefined, peer, refusal: undefined };
  } catch (error) {
    if (!(error instanceof LoginRefusedError)) throw error;
    return { socket: secure, pskConsole, peerCN: undefined, peer, refusal: error };
  }
}

/** Console named by the PSK identity of each TLS socket, set by the PSK callback during the handshake. */
const pskConsoleOf = new WeakMap<TLSSocket, string>();

/**
 * One tls.Server (so one OpenSSL context: building it per connection cost ~15% of a TLS login) per
 * settings object; a reload makes new settings and so a new acceptor. Handshakes are matched to
 * their waiter by the raw socket's remote address and port, unique among live connections.
 */
class TlsAcceptor {
  private readonly server: Server;
  private readonly waiting = new Map<string, { resolve(s: TLSSocket): void; reject(e: LoginRefusedError): void }>();

  constructor(settings: DirectorSettings) {
    const options = serverTlsOptions({
      ...settings.tls,
      // Verification is done after the handshake, to give a precise reason.
      verifyPeer: false,
      psk: (identity) => this.lookupPsk(settings, identity),
    });
    // The PSK callback needs to know which socket it serves: wrap it to record the console.
    const lookup = options.pskCallback;
    options.pskCallback = (tlsSocket, identity) => {
      const key = lookup?.(tlsSocket, identity) ?? null;
      const parsed = parsePskIdentity(identity);
      if (key && parsed) pskConsoleOf.set(tlsSocket, parsed.name);
      return key;
    };
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
    this.server = createServer({ ...options, handshakeTimeout: settings.handshakeTimeoutMs });
    this.server.on('secureConnection', (secure: TLSSocket) => this.settle(secure, (w) => w.resolve(secure)));
    // A wrong PSK (or a guessed console name) is a failed credential like a wrong CRAM response:
    // it counts toward the per-address failure limit and gets the failure delay.
    this.server.on('tlsClientError', (error: Error, secure: TLSSocket) =>
      this.settle(secure, (w) => w.reject(new LoginRefusedError('ERR_TLS_HANDSHAKE', `TLS handshake failed: ${describeTlsError(error)}`, 'close', looksLikeWrongPsk(error)))),
    );
  }

  handshake(socket: Socket, timeoutMs: number): Promise<TLSSocket> {
    const key = `${socket.remoteAddress}:${socket.remotePort}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => fail(new LoginRefusedError('ERR_TLS_TIMEOUT', `TLS handshake not finished within ${timeoutMs} ms`, 'close')), timeoutMs);
      const onClose = (): void => fail(new LoginRefusedError('ERR_TLS_HANDSHAKE', 'connection closed during the TLS handshake', 'close'));
      const cleanup = (): void => {
        clearTimeout(timer);
        socket.off('close', onClose);
        this.waiting.delete(key);
      };
      const fail = (error: LoginRefusedError): void => {
        cleanup();
        reject(error);
      };
      this.waiting.set(key, {
        resolve: (secure) => {
          cleanup();
          resolve(secure);
        },
        reject: fail,
      });
      socket.once('close', onClose);
      this.server.emit('connection', socket);
    });
  }

  private settle(secure: TLSSocket, act: (waiter: { resolve(s: TLSSocket): void; reject(e: LoginRefusedError): void }) => void): void {
    const waiter = this.waiting.get(`${secure.remoteAddress}:${secure.remotePort}`);
    // No waiter: the login already gave up (timeout or close) and has its own refusal.
    if (waiter) act(waiter);
  }

  private lookupPsk(settings: DirectorSettings, identity: string): Buffer | undefined {
    const parsed = parsePskIdentity(identity);
    if (!parsed || parsed.resourceType !== 'R_CONSOLE') return undefined;
    const account = settings.consoles.get(parsed.name);
    return account ? pskKey(account.password) : undefined;
  }
}

const acceptors = new WeakMap<DirectorSettings, TlsAcceptor>();

function acceptorFor(settings: DirectorSettings): TlsAcceptor {
  let acceptor = acceptors.get(settings);
  if (!acceptor) {
    acceptor = new TlsAcceptor(settings);
    acceptors.set(settings, acceptor);
  }
  return acceptor;
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
