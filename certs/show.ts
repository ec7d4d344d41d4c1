/** `certs show`: what an operator needs to check a certificate file before naming it in a config. */
import { X509Certificate as NodeX509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { x509 } from './x509.ts';
import { InvalidCertificateError } from './errors.ts';
import { fingerprintSha256 } from './ca.ts';

export interface CertificateInfo {
  readonly subject: string;
  readonly issuer: string;
  /** Upper-case hex, as OpenSSL prints it. */
  readonly serial: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly status: 'valid' | 'expired' | 'not yet valid';
  readonly subjectAltNames: readonly string[];
  readonly keyUsage: readonly string[];
  readonly extendedKeyUsage: readonly string[];
  readonly isCa: boolean;
  readonly publicKey: string;
  readonly fingerprintSha256: string;
}

const KEY_USAGE_NAMES: ReadonlyArray<readonly [x509.KeyUsageFlags, string]> = [
  [x509.KeyUsageFlags.digitalSignature, 'digitalSignature'],
  [x509.KeyUsageFlags.nonRepudiation, 'nonRepudiation'],
  [x509.KeyUsageFlags.keyEncipherment, 'keyEncipherment'],
  [x509.KeyUsageFlags.dataEncipherment, 'dataEncipherment'],
  [x509.KeyUsageFlags.keyAgreement, 'keyAgreement'],
  [x509.KeyUsageFlags.keyCertSign, 'keyCertSign'],
  [x509.KeyUsageFlags.cRLSign, 'cRLSign'],
  [x509.KeyUsageFlags.encipherOnly, 'encipherOnly'],
  [x509.KeyUsageFlags.decipherOnly, 'decipherOnly'],
];

const EKU_NAMES: Readonly<Record<string, string>> = {
  [x509.ExtendedKeyUsage.serverAuth]: 'serverAuth',
  [x509.ExtendedKeyUsage.clientAuth]: 'clientAuth',
  [x509.ExtendedKeyUsage.codeSigning]: 'codeSigning',
  [x509.ExtendedKeyUsage.emailProtection]: 'emailProtection',
  [x509.ExtendedKeyUsage.timeStamping]: 'timeStamping',
  [x509.ExtendedKeyUsage.ocspSigning]: 'ocspSigning',
};

const PEM_CERT_RE = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/** Every certificate in a PEM file (a chain file has several), or the one in a DER file. */
export function parseCertificates(data: Buffer, path: string): x509.X509Certificate[] {
  const text = data.toString('latin1');
  const blocks = text.match(PEM_CERT_RE);
  try {
    if (blocks) return blocks.map((b) => new x509.X509Certificate(b));
    if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)) throw new InvalidCertificateError(path, 'holds a private key, not a certificate');
    if (/-----BEGIN (X509 )?CRL-----/.test(text)) throw new InvalidCertificateError(path, 'holds a certificate revocation list, not a certificate');
    if (data.length === 0) throw new InvalidCertificateError(path, 'is empty');
    return [new x509.X509Certificate(new Uint8Array(data))];
  } catch (err) {
    if (err instanceof InvalidCertificateError) throw err;
    throw new InvalidCertificateError(path, `not a PEM or DER X.509 certificate (${(err as Error).message})`);
  }
}

function describePublicKey(cert: x509.X509Certificate): string {
  const key = new NodeX509Certificate(Buffer.from(cert.rawData)).publicKey;
  const details = key.asymmetricKeyDetails;
  if (key.asymmetricKeyType === 'ec') return `EC ${details?.namedCurve === 'prime256v1' ? 'P-256' : details?.namedCurve ?? ''}`.trim();
  if (key.asymmetricKeyType === 'rsa') return `RSA ${details?.modulusLength ?? '?'} bits`;
  return key.asymmetricKeyType ?? 'unknown';
}

export async function describeCertificate(cert: x509.X509Certificate, now: Date = new Date()): Promise<CertificateInfo> {
  const san = cert.getExtension(x509.SubjectAlternativeNameExtension);
  const ku = cert.getExtension(x509.KeyUsagesExtension);
  const eku = cert.getExtension(x509.ExtendedKeyUsageExtension);
  const bc = cert.getExtension(x509.BasicConstraintsExtension);
  const t = now.getTime();
  return {
    subject: cert.subject,
    issuer: cert.issuer,
    serial: cert.serialNumber.toUpperCase(),
    notBefore: cert.notBefore,
    notAfter: cert.notAfter,
    status: t < cert.notBefore.getTime() ? 'not yet valid' : t > cert.notAfter.getTime() ? 'expired' : 'valid',
    subjectAltNames: san ? san.names.items.map((n) => `${n.type === 'ip' ? 'IP' : n.type.toUpperCase()}:${n.value}`) : [],
    keyUsage: ku ? KEY_USAGE_NAMES.filter(([flag]) => (ku.usages & flag) !== 0).map(([, name]) => name) : [],
    extendedKeyUsage: eku ? eku.usages.map((u) => EKU_NAMES[String(u)] ?? String(u)) : [],
    isCa: bc?.ca ?? false,
    publicKey: describePublicKey(cert),
    fingerprintSha256: await fingerprintSha256(cert),
  };
}

export async function describeCertificateFile(path: string, now?: Date): Promise<CertificateInfo[]> {
  let data: Buffer;
  try {
    data = await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InvalidCertificateError(path, code === 'ENOENT' ? 'no such file' : `cannot read (${(err as Error).message})`);
  }
  return Promise.all(parseCertificates(data, path).map((c) => describeCertificate(c, now)));
}

export function formatCertificateInfo(info: CertificateInfo): string {
  const none = (list: readonly string[]): string => (list.length > 0 ? list.join(', ') : '(none)');
  return [
    `Subject:             ${info.subject}`,
    `Issuer:              ${info.issuer}`,
    `Serial:              ${info.serial}`,
    `Valid from:          ${info.notBefore.toISOString()}`,
    `Valid until:         ${info.notAfter.toISOString()} (${info.status})`,
    `Alternative names:   ${none(info.subjectAltNames)}`,
    `Key usage:           ${none(info.keyUsage)}`,
    `Extended key usage:  ${none(info.extendedKeyUsage)}`,
    `CA:                  ${info.isCa ? 'yes' : 'no'}`,
    `Public key:          ${info.publicKey}`,
    `SHA-256 fingerprint: ${info.fingerprintSha256}`,
  ].join('\n');
}
