/**
 * TLS settings for both sides of the console protocol: TLS-PSK (the default since Bareos 18.2) and
 * certificate TLS. Knows node:tls option objects; nothing about frames or sessions.
 */
import { checkServerIdentity as checkHost, createSecureContext, type ConnectionOptions, type PSKCallbackNegotation, type SecureContext, type TlsOptions } from 'node:tls';
import { pskIdentity, pskKey } from '../auth/psk.ts';

/**
 * Bareos' default TLS <= 1.2 cipher list. Node's default list has no PSK suites, so without this a
 * TLS 1.2-only PSK peer (python-bareos with sslpsk3) could not connect (reference §2.4).
 */
export const BAREOS_CIPHER_LIST = 'ALL:!ADH:!LOW:!EXP:!MD5:@STRENGTH';

/** Returns the PSK for an identity, or undefined to refuse it. */
export type PskLookup = (identity: string) => Buffer | undefined;

export interface CertificateSettings {
  readonly cert?: string | Buffer;
  readonly key?: string | Buffer;
  readonly ca?: string | Buffer | Array<string | Buffer>;
  readonly crl?: string | Buffer | Array<string | Buffer>;
}

export interface ServerTlsSettings extends CertificateSettings {
  /** PSK lookup; absent = certificate TLS only. */
  readonly psk?: PskLookup;
  /** Ask for and verify a client certificate (`TLS Verify Peer = yes`). */
  readonly verifyPeer?: boolean;
  readonly cipherList?: string;
  readonly cipherSuites?: string;
}

export function serverTlsOptions(settings: ServerTlsSettings): TlsOptions {
  const options: TlsOptions = {
    ciphers: settings.cipherList ?? BAREOS_CIPHER_LIST,
    minVersion: 'TLSv1.2',
  };
  // node takes TLS 1.3 suite names in the same `ciphers` string.
  if (settings.cipherSuites) options.ciphers = `${settings.cipherSuites}:${options.ciphers}`;
  if (settings.psk) {
    const lookup = settings.psk;
    options.pskCallback = (_socket, identity) => lookup(identity) ?? null;
  }
  if (settings.cert) options.cert = settings.cert;
  if (settings.key) options.key = settings.key;
  if (settings.ca) options.ca = settings.ca;
  if (settings.crl) options.crl = settings.crl;
  if (settings.verifyPeer) {
    options.requestCert = true;
    options.rejectUnauthorized = true;
  }
  return options;
}

/** Client options for TLS-PSK as console `consoleName` with its configured (cleartext or [md5]) password. */
let sharedPskClientContext: SecureContext | undefined;

function pskClientContext(): SecureContext {
  sharedPskClientContext ??= createSecureContext({ ciphers: BAREOS_CIPHER_LIST, minVersion: 'TLSv1.2' });
  return sharedPskClientContext;
}

export function clientPskOptions(consoleName: string, password: string): ConnectionOptions {
  const identity = pskIdentity(consoleName);
  const psk = pskKey(password);
  const negotiation: PSKCallbackNegotation = { psk, identity };
  return {
    // The context holds no key (the PSK comes from the callback), so one serves every connection;
    // building an OpenSSL context per connection was the largest single cost of a client login.
    // (Callers that need other TLS settings, e.g. TLS 1.2 only, pass their own `secureContext`.)
    secureContext: pskClientContext(),
    pskCallback: () => negotiation,
    // A PSK handshake has no server certificate to check.
    checkServerIdentity: () => undefined,
  };
}

export interface ClientCertificateSettings extends CertificateSettings {
  /** Host name to check in the server certificate (SAN DNS, then CN); default: do not check the name. */
  readonly servername?: string;
  /** Accept only servers whose certificate CN is listed (bconsole's `TLS Allowed CN`). */
  readonly allowedCN?: readonly string[];
  /** Verify the server chain against `ca` (default true). */
  readonly verifyPeer?: boolean;
}

export function clientCertificateOptions(settings: ClientCertificateSettings): ConnectionOptions {
  const options: ConnectionOptions = {
    ciphers: BAREOS_CIPHER_LIST,
    minVersion: 'TLSv1.2',
    rejectUnauthorized: settings.verifyPeer ?? true,
  };
  if (settings.cert) options.cert = settings.cert;
  if (settings.key) options.key = settings.key;
  if (settings.ca) options.ca = settings.ca;
  if (settings.crl) options.crl = settings.crl;
  if (settings.servername) options.servername = settings.servername;
  const allowed = settings.allowedCN;
  options.checkServerIdentity = (host, cert) => {
    if (allowed && allowed.length > 0) {
      const cn = cert.subject?.CN;
      return typeof cn === 'string' && allowed.includes(cn) ? undefined : new Error(`server certificate CN "${String(cn)}" is not in the allowed list`);
    }
    if (!settings.servername) return undefined;
    return checkHost(host, cert);
  };
  return options;
}
