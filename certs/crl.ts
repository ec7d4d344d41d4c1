/**
 * Revocation: `revoked.json` in the CA directory is the list of record, `ca.crl` is regenerated from it.
 * OpenSSL rejects a CRL whose nextUpdate has passed (X509_V_ERR_CRL_HAS_EXPIRED), and with a CRL loaded
 * node refuses every certificate of that CA, so the CRL must be rewritten (`certs crl`) before it
 * expires: that is what `--days` is for.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { x509 } from './x509.ts';
import { InvalidArgumentError, CaNotFoundError, ForeignCertificateError, InvalidCertificateError } from './errors.ts';
import { checkDays, loadCa, type LoadedCa } from './ca.ts';
import { signingAlgorithm, toPem } from './keys.ts';
import { parseCertificates } from './show.ts';

export const REVOKED_FILE = 'revoked.json';
export const CRL_FILE = 'ca.crl';
export const DEFAULT_CRL_DAYS = 30;
const DAY_MS = 86_400_000;
const ID_CE_CRL_NUMBER = '2.5.29.20';

export interface RevokedEntry {
  /** Lower-case hex, as @peculiar/x509 reports serials. */
  readonly serial: string;
  readonly subject: string;
  readonly revokedAt: string;
}

interface RevocationList {
  readonly version: 1;
  /** Monotonic CRL number (RFC 5280 §5.2.3), bumped on every CRL written. */
  crlNumber: number;
  revoked: RevokedEntry[];
}

async function readRevocationList(ca: LoadedCa): Promise<RevocationList> {
  const path = join(ca.dir, REVOKED_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, crlNumber: 0, revoked: [] };
    throw err;
  }
  const parsed: unknown = JSON.parse(text);
  if (!isRevocationList(parsed)) throw new CaNotFoundError(ca.dir, `${REVOKED_FILE} is not a revocation list written by tsbareos`);
  return parsed;
}

function isRevocationList(value: unknown): value is RevocationList {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    v['version'] === 1 &&
    Number.isSafeInteger(v['crlNumber']) &&
    Array.isArray(v['revoked']) &&
    v['revoked'].every((e: unknown) => {
      if (typeof e !== 'object' || e === null) return false;
      const r = e as Record<string, unknown>;
      return typeof r['serial'] === 'string' && /^[0-9a-f]+$/.test(r['serial']) && typeof r['subject'] === 'string' && typeof r['revokedAt'] === 'string';
    })
  );
}

/** Replace a file without a window where it is missing or half-written. */
async function replaceFile(path: string, contents: string): Promise<void> {
  const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(tmp, contents, { mode: 0o644, flag: 'wx' });
  await rename(tmp, path);
}

/** DER INTEGER for a non-negative number (the CRL number extension's value). */
function derInteger(n: number): Uint8Array<ArrayBuffer> {
  let hex = n.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  let bytes = Buffer.from(hex, 'hex');
  if ((bytes[0] ?? 0) & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return new Uint8Array([0x02, bytes.length, ...bytes]);
}

/** RFC 5280 §4.1.2.5.2: GeneralizedTime values carry no fractional seconds. */
function wholeSeconds(d: Date): Date {
  return new Date(Math.floor(d.getTime() / 1000) * 1000);
}

export interface CrlResult {
  readonly crlPath: string;
  readonly crlNumber: number;
  readonly revokedCount: number;
  readonly thisUpdate: Date;
  readonly nextUpdate: Date;
}

async function writeCrlFor(ca: LoadedCa, list: RevocationList, days: number, now: Date): Promise<CrlResult> {
  list.crlNumber += 1;
  const nextUpdate = new Date(now.getTime() + checkDays(days) * DAY_MS);
  const caKeyId = ca.cert.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId;
  const extensions: x509.Extension[] = [new x509.Extension(ID_CE_CRL_NUMBER, false, derInteger(list.crlNumber))];
  if (caKeyId) extensions.push(new x509.AuthorityKeyIdentifierExtension(caKeyId));
  const crl = await x509.X509CrlGenerator.create({
    issuer: ca.cert.subjectName,
    thisUpdate: now,
    nextUpdate,
    signingKey: ca.key,
    signingAlgorithm: signingAlgorithm(ca.spec),
    extensions,
    // The invalidity date keeps each entry's extension list non-empty: the library otherwise writes an
    // empty SEQUENCE, which RFC 5280 forbids (SIZE (1..MAX)) even though OpenSSL reads it.
    entries: list.revoked.map((r) => ({ serialNumber: r.serial, revocationDate: wholeSeconds(new Date(r.revokedAt)), invalidity: wholeSeconds(new Date(r.revokedAt)) })),
  });
  const crlPath = join(ca.dir, CRL_FILE);
  // The list first: a crash between the two leaves a CRL that is merely stale, never a lost revocation.
  await replaceFile(join(ca.dir, REVOKED_FILE), JSON.stringify(list, null, 2) + '\n');
  // OpenSSL (and so node's `crl` option) reads only the `X509 CRL` PEM label; the library writes `CRL`.
  await replaceFile(crlPath, toPem('X509 CRL', Buffer.from(crl.rawData)));
  return { crlPath, crlNumber: list.crlNumber, revokedCount: list.revoked.length, thisUpdate: now, nextUpdate };
}

export interface CrlOptions {
  readonly caDir: string;
  readonly days?: number;
  readonly now?: Date;
}

/** Writes `ca.crl` from the revoked list (an empty CRL when nothing is revoked yet). */
export async function writeCrl(options: CrlOptions): Promise<CrlResult> {
  const ca = await loadCa(options.caDir);
  return writeCrlFor(ca, await readRevocationList(ca), options.days ?? DEFAULT_CRL_DAYS, options.now ?? new Date());
}

export interface RevokeOptions extends CrlOptions {
  readonly certFile: string;
}

export interface RevokeResult extends CrlResult {
  readonly serial: string;
  readonly subject: string;
  readonly alreadyRevoked: boolean;
}

/** Adds the certificate's serial to the list and rewrites the CRL. Only certificates this CA signed. */
export async function revokeCertificate(options: RevokeOptions): Promise<RevokeResult> {
  const ca = await loadCa(options.caDir);
  let data: Buffer;
  try {
    data = await readFile(options.certFile);
  } catch (err) {
    throw new InvalidCertificateError(options.certFile, `cannot read (${(err as Error).message})`);
  }
  const certs = parseCertificates(data, options.certFile);
  const cert = certs[0];
  if (!cert || certs.length !== 1) throw new InvalidArgumentError(`${options.certFile} must hold exactly one certificate, not ${certs.length}`);
  const signedByCa = cert.issuer === ca.cert.subject && (await cert.verify({ publicKey: ca.cert.publicKey, signatureOnly: true }));
  if (!signedByCa) throw new ForeignCertificateError(options.certFile, ca.dir);

  const list = await readRevocationList(ca);
  const serial = cert.serialNumber.toLowerCase();
  const alreadyRevoked = list.revoked.some((r) => r.serial === serial);
  const now = options.now ?? new Date();
  if (!alreadyRevoked) list.revoked.push({ serial, subject: cert.subject, revokedAt: wholeSeconds(now).toISOString() });
  const crl = await writeCrlFor(ca, list, options.days ?? DEFAULT_CRL_DAYS, now);
  return { ...crl, serial: serial.toUpperCase(), subject: cert.subject, alreadyRevoked };
}
