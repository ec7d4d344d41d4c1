/**
 * First-run certificates for a director whose config asks for certificate TLS but names no files:
 * a CA, one director certificate and one certificate per console, all in one directory. Idempotent:
 * files already there are kept (never overwritten); a set that does not belong together is an error,
 * not something to repair silently.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CertsError } from './errors.ts';
import { caPaths, initCa, loadCa, type LoadedCa } from './ca.ts';
import { issueCertificate, type Role } from './issue.ts';
import { parseCertificates } from './show.ts';
import { exists } from './keys.ts';

export interface DevCertificateOptions {
  readonly directorName: string;
  readonly consoleNames?: readonly string[];
  /** Names of web gateways that log into the director with a certificate. */
  readonly webNames?: readonly string[];
}

export interface CertificatePair {
  readonly certPath: string;
  readonly keyPath: string;
}

export interface DevCertificates {
  readonly dir: string;
  readonly caCertPath: string;
  readonly caKeyPath: string;
  readonly director: CertificatePair;
  readonly consoles: Readonly<Record<string, CertificatePair>>;
  readonly web: Readonly<Record<string, CertificatePair>>;
  /** Files written by this call (empty when everything was already there). */
  readonly created: readonly string[];
}

/** A half-present pair, or a certificate the CA in the same directory did not sign. */
export class DevCertificatesMismatchError extends CertsError {
  constructor(detail: string) {
    super('ERR_CERTS_DEV_MISMATCH', `${detail}; move the directory away to have a fresh set made`);
  }
}

async function pairState(certPath: string, keyPath: string): Promise<'both' | 'none'> {
  const [cert, key] = await Promise.all([exists(certPath), exists(keyPath)]);
  if (cert && key) return 'both';
  if (!cert && !key) return 'none';
  throw new DevCertificatesMismatchError(`${cert ? certPath : keyPath} exists without ${cert ? keyPath : certPath}`);
}

async function assertSignedBy(ca: LoadedCa, certPath: string): Promise<void> {
  const [cert] = parseCertificates(await readFile(certPath), certPath);
  const ok = cert !== undefined && cert.issuer === ca.cert.subject && (await cert.verify({ publicKey: ca.cert.publicKey, signatureOnly: true }));
  if (!ok) throw new DevCertificatesMismatchError(`${certPath} was not issued by the CA in ${ca.dir}`);
}

export async function ensureDevCertificates(dir: string, options: DevCertificateOptions): Promise<DevCertificates> {
  const paths = caPaths(dir);
  const created: string[] = [];
  if ((await pairState(paths.certPath, paths.keyPath)) === 'none') {
    await initCa({ dir: paths.dir, name: `${options.directorName} development CA` });
    created.push(paths.keyPath, paths.certPath);
  }
  const ca = await loadCa(paths.dir);

  const ensure = async (name: string, role: Role): Promise<CertificatePair> => {
    const pair = { certPath: join(paths.dir, `${name}.crt`), keyPath: join(paths.dir, `${name}.key`) };
    if ((await pairState(pair.certPath, pair.keyPath)) === 'both') {
      await assertSignedBy(ca, pair.certPath);
      return pair;
    }
    await issueCertificate({ caDir: paths.dir, name, role });
    created.push(pair.keyPath, pair.certPath);
    return pair;
  };

  const director = await ensure(options.directorName, 'director');
  const consoles: Record<string, CertificatePair> = {};
  for (const name of options.consoleNames ?? []) consoles[name] = await ensure(name, 'console');
  const web: Record<string, CertificatePair> = {};
  for (const name of options.webNames ?? []) web[name] = await ensure(name, 'web');
  return { dir: paths.dir, caCertPath: paths.certPath, caKeyPath: paths.keyPath, director, consoles, web, created };
}
