/**
 * Key pairs for certificates (webcrypto, as @peculiar/x509 needs) and the file rules every writer in
 * `certs/` follows: keys 0600, nothing overwritten without `force`, all targets checked before the
 * first byte is written so a refused command leaves no half-made set behind.
 */
import { createPrivateKey, randomBytes } from 'node:crypto';
import { lstat, mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, join, basename } from 'node:path';
import { crypto } from './x509.ts';
import { FileExistsError, InvalidArgumentError, InvalidCertificateError } from './errors.ts';

export type KeyAlgorithm = 'ec' | 'rsa';
export type RsaBits = 2048 | 3072;

export interface KeySpec {
  readonly algorithm: KeyAlgorithm;
  /** RSA modulus size; ignored for EC. */
  readonly rsaBits?: RsaBits;
}

export const KEY_FILE_MODE = 0o600;
export const CERT_FILE_MODE = 0o644;

const EC_PARAMS = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const RSA_SIGN = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;

/** The algorithm object used both to make/import the key and to sign with it. */
export function signingAlgorithm(spec: KeySpec): EcKeyGenParams & EcdsaParams | RsaHashedKeyGenParams {
  if (spec.algorithm === 'ec') return { ...EC_PARAMS };
  return { ...RSA_SIGN, modulusLength: spec.rsaBits ?? 2048, publicExponent: new Uint8Array([1, 0, 1]) };
}

export function parseKeyAlgorithm(value: string): KeyAlgorithm {
  if (value === 'ec' || value === 'rsa') return value;
  throw new InvalidArgumentError(`algorithm must be "ec" or "rsa", not "${value}"`);
}

export function parseRsaBits(value: string | number): RsaBits {
  const n = Number(value);
  if (n === 2048 || n === 3072) return n;
  throw new InvalidArgumentError(`RSA key size must be 2048 or 3072, not "${value}"`);
}

export async function generateKeyPair(spec: KeySpec): Promise<CryptoKeyPair> {
  // Extractable, because the private key is written to disk right after.
  return crypto.subtle.generateKey(signingAlgorithm(spec), true, ['sign', 'verify']);
}

export async function privateKeyToPem(key: CryptoKey): Promise<string> {
  const der = Buffer.from(await crypto.subtle.exportKey('pkcs8', key));
  return toPem('PRIVATE KEY', der);
}

export function toPem(label: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** A PEM private key (PKCS#8, or the SEC1/PKCS#1 forms node also reads) as a webcrypto signing key. */
export async function importPrivateKeyPem(pem: string, path: string): Promise<{ key: CryptoKey; spec: KeySpec }> {
  let keyObject;
  try {
    keyObject = createPrivateKey(pem);
  } catch (err) {
    throw new InvalidCertificateError(path, `not a readable private key (${(err as Error).message})`);
  }
  const der = keyObject.export({ type: 'pkcs8', format: 'der' });
  let spec: KeySpec;
  if (keyObject.asymmetricKeyType === 'ec' && keyObject.asymmetricKeyDetails?.namedCurve === 'prime256v1') {
    spec = { algorithm: 'ec' };
  } else if (keyObject.asymmetricKeyType === 'rsa') {
    spec = { algorithm: 'rsa', rsaBits: (keyObject.asymmetricKeyDetails?.modulusLength ?? 2048) as RsaBits };
  } else {
    throw new InvalidCertificateError(path, `unsupported key type ${keyObject.asymmetricKeyType ?? 'unknown'} (EC P-256 or RSA expected)`);
  }
  const key = await crypto.subtle.importKey('pkcs8', der, signingAlgorithm(spec), false, ['sign']);
  return { key, spec };
}

export interface PlannedFile {
  readonly path: string;
  readonly contents: string;
  readonly mode: number;
}

/** Whether anything (file, link) is at `path`; other errors than ENOENT propagate. */
export async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
}

/** Throws FileExistsError for the first target that exists, unless `force`. Writes nothing. */
export async function assertWritable(paths: readonly string[], force: boolean): Promise<void> {
  if (force) return;
  for (const path of paths) if (await exists(path)) throw new FileExistsError(path);
}

/**
 * Writes each file with its exact mode. Without `force` the file is created with O_EXCL, so a file
 * that appeared since `assertWritable` is still not clobbered. With `force` the new contents go to a
 * temporary file created 0600 and are renamed over the old one: the old file's looser mode never
 * applies to a new key, and a reader never sees a half-written file.
 */
export async function writeFiles(files: readonly PlannedFile[], force: boolean): Promise<void> {
  await assertWritable(files.map((f) => f.path), force);
  for (const file of files) {
    await mkdir(dirname(file.path), { recursive: true, mode: 0o700 });
    const target = force ? join(dirname(file.path), `.${basename(file.path)}.${randomBytes(6).toString('hex')}.tmp`) : file.path;
    let handle;
    try {
      handle = await open(target, 'wx', KEY_FILE_MODE);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new FileExistsError(file.path);
      throw err;
    }
    try {
      await handle.writeFile(file.contents, 'utf8');
      // The umask may have removed bits (0644 certs) or, oddly, owner bits: set the mode exactly.
      await handle.chmod(file.mode);
    } finally {
      await handle.close();
    }
    if (force) {
      try {
        await rename(target, file.path);
      } catch (err) {
        await rm(target, { force: true });
        throw err;
      }
    }
  }
}

