/** The certificate library behind `tsbareos certs`, for programs (the director's first run) and tests. */
export * from './errors.ts';
export { CA_CERT_FILE, CA_KEY_FILE, DEFAULT_CA_DAYS, caPaths, initCa, loadCa, fingerprintSha256, type CaPaths, type CaResult, type InitCaOptions, type LoadedCa } from './ca.ts';
export { DEFAULT_CERT_DAYS, ROLES, issueCertificate, parseRole, type IssueOptions, type IssuedCertificate, type Role } from './issue.ts';
export { describeCertificate, describeCertificateFile, formatCertificateInfo, parseCertificates, type CertificateInfo } from './show.ts';
export { CRL_FILE, DEFAULT_CRL_DAYS, REVOKED_FILE, revokeCertificate, writeCrl, type CrlOptions, type CrlResult, type RevokeOptions, type RevokeResult, type RevokedEntry } from './crl.ts';
export { ensureDevCertificates, DevCertificatesMismatchError, type CertificatePair, type DevCertificateOptions, type DevCertificates } from './dev.ts';
export { KEY_FILE_MODE, parseKeyAlgorithm, parseRsaBits, type KeyAlgorithm, type RsaBits } from './keys.ts';
