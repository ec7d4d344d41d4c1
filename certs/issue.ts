/**
 * End-entity certificates signed by the CA in a `certs init` directory. The role decides the
 * extended key usage, which OpenSSL (and so node and bconsole) checks when verifying a peer:
 *   director: serverAuth + clientAuth (it serves consoles and also connects out to storage/file daemons)
 *   web:      serverAuth + clientAuth (the gateway serves browsers and logs into the director as a client)
 *   console:  clientAuth
 */
import { isIP } from 'node:net';
import { join, resolve } from 'node:path';
import { x509 } from './x509.ts';
import { InvalidArgumentError } from './errors.ts';
import { CA_CERT_FILE, checkDays, commonName, fingerprintSha256, loadCa, randomSerial, validity } from './ca.ts';
import {
  CERT_FILE_MODE,
  KEY_FILE_MODE,
  assertWritable,
  generateKeyPair,
  privateKeyToPem,
  signingAlgorithm,
  writeFiles,
  type KeyAlgorithm,
  type KeySpec,
  type RsaBits,
} from './keys.ts';

export const ROLES = ['director', 'console', 'web'] as const;
export type Role = (typeof ROLES)[number];
export const DEFAULT_CERT_DAYS = 825;

export function parseRole(value: string): Role {
  const role = ROLES.find((r) => r === value);
  if (!role) throw new InvalidArgumentError(`role must be one of ${ROLES.join(', ')}, not "${value}"`);
  return role;
}

export interface IssueOptions {
  readonly caDir: string;
  /** Common name; also the file stem of NAME.key / NAME.crt. A Bareos resource name fits. */
  readonly name: string;
  readonly role: Role;
  readonly dns?: readonly string[];
  readonly ip?: readonly string[];
  readonly days?: number;
  /** Where NAME.key and NAME.crt go; the CA directory by default. */
  readonly outDir?: string;
  readonly force?: boolean;
  /** The CA's key algorithm by default. */
  readonly algorithm?: KeyAlgorithm;
  readonly rsaBits?: RsaBits;
  /** Explicit validity window, overriding `days` (tests use it to make expired certificates). */
  readonly notBefore?: Date;
  readonly notAfter?: Date;
  readonly now?: Date;
}

export interface IssuedCertificate {
  readonly name: string;
  readonly role: Role;
  readonly certPath: string;
  readonly keyPath: string;
  /** The CA certificate the peer must trust: the whole chain, since the CA signs leaves directly. */
  readonly caCertPath: string;
  readonly serial: string;
  readonly subjectAltNames: readonly string[];
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly fingerprintSha256: string;
}

// Bareos resource names use letters, digits and `-_.: ` (and spaces); we refuse `/` and a leading `.`
// because the name is also a file name.
const NAME_RE = /^[A-Za-z0-9_][A-Za-z0-9 _.:-]{0,63}$/;
const DNS_LABEL_RE = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;

export function isDnsName(name: string): boolean {
  if (name.length === 0 || name.length > 253) return false;
  const labels = name.split('.');
  // A leading `*` label makes a wildcard name, which TLS host checks accept in the first label only.
  if (labels[0] === '*' && labels.length > 1) labels.shift();
  return labels.every((l) => DNS_LABEL_RE.test(l));
}

function checkName(name: string, outDir: string, caDir: string): void {
  if (!NAME_RE.test(name)) {
    throw new InvalidArgumentError(`name "${name}" must be 1-64 characters of letters, digits, space, "_", ".", ":" or "-", not starting with "." "-" ":" or a space`);
  }
  if (name.trimEnd() !== name) throw new InvalidArgumentError(`name "${name}" must not end with a space`);
  if (name === 'ca' && outDir === caDir) throw new InvalidArgumentError('name "ca" would overwrite the CA itself; choose another name or --out directory');
}

function subjectAltNames(options: IssueOptions): { type: 'dns' | 'ip'; value: string }[] {
  let dns = [...(options.dns ?? [])];
  let ip = [...(options.ip ?? [])];
  if (dns.length === 0 && ip.length === 0 && options.role !== 'console') {
    // Servers answer at least on this host; the name too, when it can be a host name (bareos-dir).
    dns = ['localhost', ...(isDnsName(options.name) && options.name !== 'localhost' ? [options.name] : [])];
    ip = ['127.0.0.1', '::1'];
  }
  for (const d of dns) if (!isDnsName(d)) throw new InvalidArgumentError(`"${d}" is not a DNS name`);
  for (const a of ip) if (isIP(a) === 0) throw new InvalidArgumentError(`"${a}" is not an IPv4 or IPv6 address`);
  return [
    ...[...new Set(dns)].map((value) => ({ type: 'dns' as const, value })),
    ...[...new Set(ip)].map((value) => ({ type: 'ip' as const, value })),
  ];
}

function extendedUsages(role: Role): x509.ExtendedKeyUsage[] {
  switch (role) {
    case 'director':
    case 'web':
      return [x509.ExtendedKeyUsage.serverAuth, x509.ExtendedKeyUsage.clientAuth];
    case 'console':
      return [x509.ExtendedKeyUsage.clientAuth];
  }
}

export async function issueCertificate(options: IssueOptions): Promise<IssuedCertificate> {
  const ca = await loadCa(options.caDir);
  const outDir = resolve(options.outDir ?? ca.dir);
  checkName(options.name, outDir, ca.dir);
  const keyPath = join(outDir, `${options.name}.key`);
  const certPath = join(outDir, `${options.name}.crt`);
  const force = options.force ?? false;
  await assertWritable([keyPath, certPath], force);

  const sans = subjectAltNames(options);
  const now = options.now ?? new Date();
  const window = validity(checkDays(options.days ?? DEFAULT_CERT_DAYS), now);
  const notBefore = options.notBefore ?? window.notBefore;
  const notAfter = options.notAfter ?? window.notAfter;
  if (notAfter.getTime() <= notBefore.getTime()) throw new InvalidArgumentError('notAfter must be later than notBefore');

  const spec: KeySpec = options.algorithm
    ? { algorithm: options.algorithm, rsaBits: options.rsaBits ?? 2048 }
    : { algorithm: ca.spec.algorithm, rsaBits: options.rsaBits ?? 2048 };
  const keys = await generateKeyPair(spec);
  const caKeyId = ca.cert.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId;
  // RSA keys may also do RSA key transport in TLS 1.2; EC keys only sign (ECDHE does the exchange).
  const usage = spec.algorithm === 'rsa' ? x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment : x509.KeyUsageFlags.digitalSignature;
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.KeyUsagesExtension(usage, true),
    new x509.ExtendedKeyUsageExtension(extendedUsages(options.role), false),
    await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    caKeyId ? new x509.AuthorityKeyIdentifierExtension(caKeyId) : await x509.AuthorityKeyIdentifierExtension.create(ca.cert.publicKey),
  ];
  if (sans.length > 0) extensions.push(new x509.SubjectAlternativeNameExtension(sans, false));

  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: commonName(options.name),
    issuer: ca.cert.subjectName,
    publicKey: keys.publicKey,
    signingKey: ca.key,
    signingAlgorithm: signingAlgorithm(ca.spec),
    notBefore,
    notAfter,
    extensions,
  });
  await writeFiles(
    [
      { path: keyPath, contents: await privateKeyToPem(keys.privateKey), mode: KEY_FILE_MODE },
      { path: certPath, contents: cert.toString('pem') + '\n', mode: CERT_FILE_MODE },
    ],
    force,
  );
  return {
    name: options.name,
    role: options.role,
    certPath,
    keyPath,
    caCertPath: join(ca.dir, CA_CERT_FILE),
    serial: cert.serialNumber,
    subjectAltNames: sans.map((s) => `${s.type === 'dns' ? 'DNS' : 'IP'}:${s.value}`),
    notBefore: cert.notBefore,
    notAfter: cert.notAfter,
    fingerprintSha256: await fingerprintSha256(cert),
  };
}
