/**
 * Certificates for the director TLS tests, made by the certs library in a temp dir: one CA with the
 * director's certificate and console certificates (good, expired, revoked, a CN nobody allowed), a
 * second CA that signs an `admin` certificate the director must not trust, and the CRL.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initCa, issueCertificate, revokeCertificate } from '../../certs/index.ts';
import { connect, type CertificateOptions } from '../../src/client/index.ts';
import { directorResource, waitFor, type TestDirector } from '../helpers/director.ts';

export interface CertPaths {
  readonly certFile: string;
  readonly keyFile: string;
}

export interface TlsFixture {
  readonly dir: string;
  readonly caFile: string;
  readonly crlFile: string;
  readonly director: CertPaths;
  /** Console certificates by CN, all from the director's CA unless said otherwise. */
  readonly admin: CertPaths;
  readonly alice: CertPaths;
  readonly expired: CertPaths;
  readonly revoked: CertPaths;
  readonly intruder: CertPaths;
  /** CN `admin`, but signed by a CA the director does not trust. */
  readonly foreignAdmin: CertPaths;
  /** `certificate` options for the client library with this console certificate. */
  client(paths: CertPaths | undefined): CertificateOptions;
  /** Director resource lines for certificate TLS. */
  directorTls(extra?: string): string;
  cleanup(): Promise<void>;
}

const DAY = 86_400_000;

export async function makeTlsFixture(): Promise<TlsFixture> {
  const dir = await mkdtemp(join(tmpdir(), 'tsb-tls-'));
  const caDir = join(dir, 'ca');
  const otherDir = join(dir, 'other-ca');
  await initCa({ dir: caDir });
  await initCa({ dir: otherDir, name: 'some other CA' });
  const issue = async (name: string, role: 'director' | 'console', extra: { caDir?: string; notBefore?: Date; notAfter?: Date } = {}): Promise<CertPaths> => {
    const issued = await issueCertificate({ caDir: extra.caDir ?? caDir, name, role, ...(extra.notBefore ? { notBefore: extra.notBefore, notAfter: extra.notAfter } : {}) });
    return { certFile: issued.certPath, keyFile: issued.keyPath };
  };
  const director = await issue('test-dir', 'director');
  const admin = await issue('admin', 'console');
  const alice = await issue('alice', 'console');
  const expired = await issue('oldadmin', 'console', { notBefore: new Date(Date.now() - 10 * DAY), notAfter: new Date(Date.now() - DAY) });
  const revoked = await issue('revokedadmin', 'console');
  const intruder = await issue('intruder', 'console');
  const foreignAdmin = await issue('admin', 'console', { caDir: otherDir });
  const crl = await revokeCertificate({ caDir, certFile: revoked.certFile });
  const caFile = join(caDir, 'ca.crt');
  return {
    dir,
    caFile,
    crlFile: crl.crlPath,
    director,
    admin,
    alice,
    expired,
    revoked,
    intruder,
    foreignAdmin,
    client: (paths) => ({ caFile, ...(paths ? { certFile: paths.certFile, keyFile: paths.keyFile } : {}) }),
    directorTls: (extra = '') => `TLS Certificate = "${director.certFile}"
  TLS Key = "${director.keyFile}"
  TLS CA Certificate File = "${caFile}"
  TLS Certificate Revocation List = "${crl.crlPath}"
  ${extra}`,
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

/** A Director resource with certificate TLS, Verify Peer and the allowed CNs the refusal tests use. */
export function verifyingDirector(fx: TlsFixture, allowedCN = 'admin, oldadmin, revokedadmin'): string {
  return `${directorResource(fx.directorTls(`TLS Verify Peer = yes\n  TLS Allowed CN = ${allowedCN}`))}
Console { Name = admin; Password = "adminpw" }
`;
}

/** Log in as console admin with this certificate; resolves to the client's error (or fails the test). */
export async function refusedLogin(director: TestDirector, fx: TlsFixture, paths: CertPaths | undefined): Promise<Error> {
  const outcome = await connect({ host: '127.0.0.1', port: director.port, name: 'admin', password: 'adminpw', tls: 'cert', certificate: fx.client(paths), timeoutMs: 5000 }).then(
    async (client) => {
      await client.close();
      return undefined;
    },
    (error: unknown) => error as Error,
  );
  if (!outcome) throw new Error('the director accepted a login it should have refused');
  return outcome;
}

/** The director's `login.refused` line with this result code (waits for it). */
export async function refusalLogged(director: TestDirector, code: string, message?: RegExp): Promise<Record<string, unknown>> {
  const find = (): Record<string, unknown> | undefined =>
    director.events().find((e) => e['event'] === 'login.refused' && e['result'] === code && (message === undefined || message.test(String(e['message']))));
  await waitFor(() => find() !== undefined, 5000, `login.refused ${code}`);
  return find() ?? {};
}

/** A Console `pki` with Certificate Identity = CN (and PAM, which the certificate replaces), User alice. */
export function certificateIdentityConfig(fx: TlsFixture, verifyPeer: boolean): string {
  return `${directorResource(fx.directorTls(verifyPeer ? 'TLS Verify Peer = yes' : ''))}
Console { Name = pki; Password = "pkipw"; Certificate Identity = CN; Use Pam Authentication = yes }
User { Name = alice; Profile = reader }
Profile { Name = reader; Command ACL = whoami, version; Job ACL = *all* }
`;
}
