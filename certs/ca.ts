/**
 * A small certificate authority kept in one directory:
 *   ca.key        the CA private key (PKCS#8 PEM, 0600)
 *   ca.crt        the self-signed CA certificate (PEM): the file directors and consoles name as
 *                 `TLS CA Certificate File`
 *   revoked.json  serials revoked with `certs revoke` (see crl.ts)
 *   ca.crl        the last CRL written (`TLS Certificate Revocation List`)
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { x509 } from './x509.ts';
import { CaNotFoundError, InvalidArgumentError } from './errors.ts';
import {
  CERT_FILE_MODE,
  assertWritable,
  KEY_FILE_MODE,
  generateKeyPair,
  importPrivateKeyPem,
  privateKeyToPem,
  signingAlgorithm,
  writeFiles,
  type KeyAlgorithm,
  type KeySpec,
  type RsaBits,
} from './keys.ts';

export const CA_CERT_FILE = 'ca.crt';
export const CA_KEY_FILE = 'ca.key';
export const DEFAULT_CA_NAME = 'tsbareos CA';
export const DEFAULT_CA_DAYS = 3650;
export const MAX_DAYS = 36500;
const DAY_MS = 86_400_000;
/** Certificates start a few minutes in the past so a peer whose clock is slightly behind accepts them. */
export const BACKDATE_MS = 5 * 60_000;

export interface CaPaths {
  readonly dir: string;
  readonly certPath: string;
  readonly keyPath: string;
}

export function caPaths(dir: string): CaPaths {
  const abs = resolve(dir);
  return { dir: abs, certPath: join(abs, CA_CERT_FILE), keyPath: join(abs, CA_KEY_FILE) };
}

export interface InitCaOptions {
  readonly dir: string;
  readonly algorithm?: KeyAlgorithm;
  readonly rsaBits?: RsaBits;
  /** The CA certificate's common name. */
  readonly name?: string;
  readonly days?: number;
  readonly force?: boolean;
  /** Clock for tests. */
  readonly now?: Date;
}

export interface CaResult extends CaPaths {
  readonly subject: string;
  readonly notAfter: Date;
  readonly fingerprintSha256: string;
}

export function checkDays(days: number): number {
  if (!Number.isInteger(days) || days < 1 || days > MAX_DAYS) {
    throw new InvalidArgumentError(`days must be a whole number from 1 to ${MAX_DAYS}, not ${days}`);
  }
  return days;
}

export function validity(days: number, now: Date): { notBefore: Date; notAfter: Date } {
  return { notBefore: new Date(now.getTime() - BACKDATE_MS), notAfter: new Date(now.getTime() + days * DAY_MS) };
}

/** 16 random bytes, top bit clear (DER INTEGER stays positive) and second bit set (no leading zero). */
export function randomSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x40;
  return bytes.toString('hex');
}

/** A one-attribute distinguished name; the JSON form spares us RFC 4514 escaping of `,` `=` `+`. */
export function commonName(cn: string): x509.JsonName {
  if (cn.length === 0 || cn.length > 64) throw new InvalidArgumentError(`a common name must have 1 to 64 characters, not ${cn.length}`);
  return [{ CN: [cn] }];
}

export async function fingerprintSha256(cert: x509.X509Certificate): Promise<string> {
  const digest = Buffer.from(await cert.getThumbprint('SHA-256'));
  return [...digest].map((b) => b.toString(16).padStart(2, '0').toUpperCase()).join(':');
}

export async function initCa(options: InitCaOptions): Promise<CaResult> {
  const paths = caPaths(options.dir);
  const spec: KeySpec = { algorithm: options.algorithm ?? 'ec', rsaBits: options.rsaBits ?? 3072 };
  const days = checkDays(options.days ?? DEFAULT_CA_DAYS);
  const name = commonName(options.name ?? DEFAULT_CA_NAME);
  const force = options.force ?? false;
  // Refuse before spending time on an RSA key generation.
  await assertWritable([paths.keyPath, paths.certPath], force);

  const keys = await generateKeyPair(spec);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name,
    keys,
    signingAlgorithm: signingAlgorithm(spec),
    ...validity(days, options.now ?? new Date()),
    extensions: [
      // pathLength 0: this CA signs end-entity certificates only.
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  await writeFiles(
    [
      { path: paths.keyPath, contents: await privateKeyToPem(keys.privateKey), mode: KEY_FILE_MODE },
      { path: paths.certPath, contents: cert.toString('pem') + '\n', mode: CERT_FILE_MODE },
    ],
    force,
  );
  return { ...paths, subject: cert.subject, notAfter: cert.notAfter, fingerprintSha256: await fingerprintSha256(cert) };
}

export interface LoadedCa extends CaPaths {
  readonly cert: x509.X509Certificate;
  readonly certPem: string;
  readonly key: CryptoKey;
  readonly spec: KeySpec;
}

export async function loadCa(dir: string): Promise<LoadedCa> {
  const paths = caPaths(dir);
  let certPem: string;
  let keyPem: string;
  try {
    certPem = await readFile(paths.certPath, 'utf8');
    keyPem = await readFile(paths.keyPath, 'utf8');
  } catch (err) {
    throw new CaNotFoundError(paths.dir, (err as Error).message);
  }
  let cert: x509.X509Certificate;
  try {
    cert = new x509.X509Certificate(certPem);
  } catch (err) {
    throw new CaNotFoundError(paths.dir, `${CA_CERT_FILE} is not a certificate (${(err as Error).message})`);
  }
  const { key, spec } = await importPrivateKeyPem(keyPem, paths.keyPath);
  return { ...paths, cert, certPem, key, spec };
}
