/**
 * Certificate identity, our extension beyond Bareos (issue 8). A Console resource that says
 * `Certificate Identity = CN` logs its user in as the User resource named by the common name of the
 * client certificate the TLS handshake verified, instead of asking PAM. CRAM-MD5 with the console's
 * password has already run by then (the protocol requires it); this step only decides *which user*.
 *
 * Every way this can go wrong is a refusal with a reason: no certificate (TLS-PSK or cleartext), a
 * certificate that did not verify, no CN, or no User resource of that name.
 */
import type { AclView } from '../commands/types.ts';
import type { ConsoleAccount, DirectorSettings } from '../settings.ts';
import { LoginRefusedError } from './errors.ts';

/** The certificate fields a login identity may come from; only the subject CN for now. */
export const CERTIFICATE_IDENTITY_FIELDS = ['CN'] as const;
export type CertificateIdentityField = (typeof CERTIFICATE_IDENTITY_FIELDS)[number];

/** What the TLS accept learned about the console's certificate. */
export interface PeerCertificate {
  /** Subject CN, when a certificate was presented and has one. */
  readonly cn: string | undefined;
  /** True only when the chain verified against the director's CA file (and the CRL, if loaded). */
  readonly verified: boolean;
  /** node's verification error, when `verified` is false. */
  readonly problem: string | undefined;
}

/** The directive value as written, or a message saying why it is not usable. */
export function parseCertificateIdentity(value: string): CertificateIdentityField | { readonly error: string } {
  const field = CERTIFICATE_IDENTITY_FIELDS.find((f) => f === value.trim().toUpperCase());
  return field ?? { error: `Certificate Identity must be one of ${CERTIFICATE_IDENTITY_FIELDS.join(', ')}, not "${value}"` };
}

/** True when some console takes its identity from a certificate: the director must then ask for one. */
export function wantsClientCertificate(settings: DirectorSettings): boolean {
  for (const account of settings.consoles.values()) if (account.certificateIdentity !== undefined) return true;
  return false;
}

export interface CertificateLogin {
  readonly user: string;
  readonly acl: AclView;
}

export function certificateLogin(account: ConsoleAccount, peer: PeerCertificate | undefined, users: ReadonlyMap<string, AclView>): CertificateLogin {
  const refuse = (code: string, why: string): LoginRefusedError =>
    new LoginRefusedError(code, `console "${account.name}" takes its user from the client certificate (Certificate Identity), but ${why}`, 'close', true);
  if (peer === undefined) throw refuse('ERR_CERT_IDENTITY_NO_CERT', 'the connection presented no certificate (TLS-PSK or cleartext)');
  if (!peer.verified) {
    if (peer.problem === undefined && peer.cn === undefined) throw refuse('ERR_CERT_IDENTITY_NO_CERT', 'the console sent no certificate');
    throw refuse('ERR_CERT_IDENTITY_UNVERIFIED', `its certificate did not verify: ${peer.problem ?? 'unknown reason'}`);
  }
  if (peer.cn === undefined || peer.cn === '') throw refuse('ERR_CERT_IDENTITY_NO_CN', 'the verified certificate has no subject CN');
  const acl = users.get(peer.cn);
  if (!acl) throw refuse('ERR_CERT_IDENTITY_NO_USER', `there is no User resource named "${peer.cn}" (the certificate's CN)`);
  return { user: peer.cn, acl };
}
