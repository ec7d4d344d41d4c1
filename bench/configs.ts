/** Director configs the bench runs (short, with fast failure paths so refusals do not skew rates). */
export const BENCH_PASSWORD = 'bench-director-secret';
export const PAM_CONSOLE = { name: 'pamconsole', password: 'pamconsole-secret' } as const;

export interface DirectorConfigOptions {
  /** false: the default console logs in over cleartext (the Bacula-comparable path). */
  readonly tls: boolean;
  readonly extra?: string;
  readonly pamService?: string;
}

export function directorConfig(options: DirectorConfigOptions): string {
  const pam = options.pamService
    ? `
Console { Name = ${PAM_CONSOLE.name}; Password = "${PAM_CONSOLE.password}"; Use Pam Authentication = yes }
User { Name = alice; Profile = operator }
Profile { Name = operator; Command ACL = version, whoami, quit; Job ACL = *all* }
`
    : '';
  return `Director {
  Name = bench-dir
  Password = "${BENCH_PASSWORD}"
  DirPort = 9101
  TLS Enable = ${options.tls ? 'yes' : 'no'}
  Auth Failure Delay = 0
  ${options.pamService ? `PAM Service Name = ${options.pamService}\n  Maximum Concurrent PAM = 256\n  PAM Timeout = 60` : ''}
  ${options.extra ?? ''}
}
${pam}`;
}
