/**
 * From a bconsole.conf login (Director + Console chosen as bconsole chooses, src/config/bconsole.ts)
 * to `connect()` options. One place, so `tsbareos call`, the TUI and the web gateway connect alike.
 */
import type { BconsoleLogin } from '../config/index.ts';
import type { CertificateOptions, ConnectOptions } from './options.ts';

export type BconsoleConnectOptions = Required<Pick<ConnectOptions, 'host' | 'port' | 'name' | 'password' | 'tls' | 'certificate'>>;

export function connectOptionsFromBconsole(login: BconsoleLogin): BconsoleConnectOptions {
  // TLS settings come from the resource used to log in: the Console if any, else the Director.
  const tlsSource = login.console ?? login.director;
  const certificate: CertificateOptions = {
    ...(tlsSource.tlsCaCertificateFile ? { caFile: tlsSource.tlsCaCertificateFile } : {}),
    ...(tlsSource.tlsCertificate ? { certFile: tlsSource.tlsCertificate } : {}),
    ...(tlsSource.tlsKey ? { keyFile: tlsSource.tlsKey } : {}),
    ...(tlsSource.tlsAllowedCn && tlsSource.tlsAllowedCn.length > 0 ? { allowedCN: tlsSource.tlsAllowedCn } : {}),
  };
  return {
    host: login.director.address,
    port: login.director.port,
    name: login.consoleName,
    password: login.password,
    // bconsole starts with TLS (PSK first) whenever the resource it uses has TLS Enable.
    tls: login.tlsEnable ? 'psk' : 'off',
    certificate,
  };
}
