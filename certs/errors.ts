/** Errors of the certificate tools; `code` is stable so the CLI and the director can switch on it. */
export class CertsError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}

/** A file we would write already exists and `force` was not given. */
export class FileExistsError extends CertsError {
  constructor(readonly path: string) {
    super('ERR_CERTS_FILE_EXISTS', `${path} already exists; use --force to overwrite it`);
  }
}

/** The CA directory has no usable `ca.crt` / `ca.key`. */
export class CaNotFoundError extends CertsError {
  constructor(readonly dir: string, detail: string) {
    super('ERR_CERTS_NO_CA', `no certificate authority in ${dir}: ${detail} (create one with "tsbareos certs init --dir ${dir}")`);
  }
}

/** A file that should hold a certificate (or key) cannot be read or parsed. */
export class InvalidCertificateError extends CertsError {
  constructor(readonly path: string, detail: string) {
    super('ERR_CERTS_INVALID_FILE', `${path}: ${detail}`);
  }
}

/** A certificate given to `revoke` was not signed by this CA. */
export class ForeignCertificateError extends CertsError {
  constructor(readonly path: string, readonly caDir: string) {
    super('ERR_CERTS_FOREIGN_CERTIFICATE', `${path} was not issued by the CA in ${caDir}`);
  }
}

/** A command-line or API argument is out of range or has the wrong shape. */
export class InvalidArgumentError extends CertsError {
  constructor(detail: string) {
    super('ERR_CERTS_INVALID_ARGUMENT', detail);
  }
}
