/**
 * `tsbareos certs`: a small CA for directors, consoles and web gateways. Every command prints the
 * paths it wrote, in plain words, and fails with one line and exit code 1.
 */
import { Command, InvalidArgumentError as CommanderArgumentError, Option } from 'commander';
import { CertsError } from './errors.ts';
import { DEFAULT_CA_DAYS, DEFAULT_CA_NAME, initCa } from './ca.ts';
import { DEFAULT_CERT_DAYS, ROLES, issueCertificate, parseRole } from './issue.ts';
import { describeCertificateFile, formatCertificateInfo } from './show.ts';
import { DEFAULT_CRL_DAYS, revokeCertificate, writeCrl } from './crl.ts';
import { parseKeyAlgorithm, parseRsaBits } from './keys.ts';

function days(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1) throw new CommanderArgumentError('must be a whole number of days, at least 1');
  return n;
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function asCommander<T>(parse: (value: string) => T): (value: string) => T {
  return (value) => {
    try {
      return parse(value);
    } catch (err) {
      throw new CommanderArgumentError((err as Error).message);
    }
  };
}

function write(cmd: Command, lines: readonly string[]): void {
  const text = `${lines.join('\n')}\n`;
  const out = cmd.configureOutput().writeOut;
  if (out) out(text);
  else process.stdout.write(text);
}

/** Expected failures (our errors, file system refusals) become one line and exit code 1; bugs propagate. */
function action<A extends unknown[]>(run: (cmd: Command, ...args: A) => Promise<void>): (...args: [...A, Command]) => Promise<void> {
  return async (...args) => {
    const cmd = args[args.length - 1] as Command;
    try {
      await run(cmd, ...(args.slice(0, -1) as A));
    } catch (err) {
      if (err instanceof CertsError) cmd.error(`error: ${err.message}`, { exitCode: 1, code: err.code });
      const errno = err as NodeJS.ErrnoException;
      if (err instanceof Error && typeof errno.code === 'string' && typeof errno.syscall === 'string') {
        cmd.error(`error: ${err.message}`, { exitCode: 1, code: errno.code });
      }
      throw err;
    }
  };
}

interface InitFlags { dir: string; algorithm: 'ec' | 'rsa'; rsaBits: 2048 | 3072; name: string; days: number; force?: boolean }
interface IssueFlags { caDir: string; name: string; role: (typeof ROLES)[number]; dns?: string[]; ip?: string[]; days: number; out?: string; force?: boolean; algorithm?: 'ec' | 'rsa'; rsaBits: 2048 | 3072 }
interface CaDirFlags { caDir: string; days: number }

export function register(program: Command): void {
  const certs = program.command('certs').description('Make and inspect the certificates for certificate TLS (a small CA)');

  certs
    .command('init')
    .description('Create a certificate authority: a CA key and a self-signed CA certificate')
    .requiredOption('--dir <dir>', 'directory for ca.key and ca.crt (created if missing)')
    .addOption(new Option('--algorithm <alg>', 'key algorithm').choices(['ec', 'rsa']).default('ec'))
    .addOption(new Option('--rsa-bits <bits>', 'RSA key size when --algorithm rsa').argParser(asCommander(parseRsaBits)).default(3072))
    .option('--name <cn>', 'common name of the CA', DEFAULT_CA_NAME)
    .option('--days <n>', 'validity in days', days, DEFAULT_CA_DAYS)
    .option('--force', 'overwrite an existing CA (certificates it issued stop being trusted)')
    .action(
      action(async (cmd) => {
        const o = cmd.opts<InitFlags>();
        const ca = await initCa({ dir: o.dir, algorithm: parseKeyAlgorithm(o.algorithm), rsaBits: o.rsaBits, name: o.name, days: o.days, force: o.force ?? false });
        write(cmd, [
          `Created a certificate authority in ${ca.dir}`,
          `  CA certificate:      ${ca.certPath}`,
          `  CA private key:      ${ca.keyPath} (mode 0600, keep it secret)`,
          `  Subject:             ${ca.subject}`,
          `  Valid until:         ${ca.notAfter.toISOString()}`,
          `  SHA-256 fingerprint: ${ca.fingerprintSha256}`,
          `Directors and consoles trust it with: TLS CA Certificate File = "${ca.certPath}"`,
          `Next: tsbareos certs issue --ca-dir ${ca.dir} --name bareos-dir --role director`,
        ]);
      }),
    );

  certs
    .command('issue')
    .description('Issue a key and certificate signed by the CA for a director, console or web gateway')
    .requiredOption('--ca-dir <dir>', 'directory made by "certs init"')
    .requiredOption('--name <name>', 'common name (the Director or Console resource name); files are NAME.key and NAME.crt')
    .addOption(new Option('--role <role>', 'director and web: server and client use; console: client use').choices([...ROLES]).makeOptionMandatory())
    .option('--dns <name>', 'DNS subjectAltName (repeatable)', collect)
    .option('--ip <addr>', 'IP subjectAltName (repeatable)', collect)
    .option('--days <n>', 'validity in days', days, DEFAULT_CERT_DAYS)
    .option('--out <dir>', 'where to write NAME.key and NAME.crt (default: the CA directory)')
    .addOption(new Option('--algorithm <alg>', "key algorithm (default: the CA's)").choices(['ec', 'rsa']))
    .addOption(new Option('--rsa-bits <bits>', 'RSA key size').argParser(asCommander(parseRsaBits)).default(2048))
    .option('--force', 'overwrite existing NAME.key / NAME.crt')
    .addHelpText('after', '\nWithout --dns/--ip, director and web certificates get DNS:localhost, DNS:<name> (when it is a host name), IP:127.0.0.1 and IP:::1.')
    .action(
      action(async (cmd) => {
        const o = cmd.opts<IssueFlags>();
        const issued = await issueCertificate({
          caDir: o.caDir,
          name: o.name,
          role: parseRole(o.role),
          dns: o.dns ?? [],
          ip: o.ip ?? [],
          days: o.days,
          ...(o.out !== undefined ? { outDir: o.out } : {}),
          ...(o.algorithm !== undefined ? { algorithm: parseKeyAlgorithm(o.algorithm) } : {}),
          rsaBits: o.rsaBits,
          force: o.force ?? false,
        });
        write(cmd, [
          `Issued a ${issued.role} certificate for "${issued.name}"`,
          `  Certificate:         ${issued.certPath}`,
          `  Private key:         ${issued.keyPath} (mode 0600)`,
          `  CA chain:            ${issued.caCertPath}`,
          `  Alternative names:   ${issued.subjectAltNames.length > 0 ? issued.subjectAltNames.join(', ') : '(none)'}`,
          `  Serial:              ${issued.serial.toUpperCase()}`,
          `  Valid until:         ${issued.notAfter.toISOString()}`,
          `  SHA-256 fingerprint: ${issued.fingerprintSha256}`,
        ]);
      }),
    );

  certs
    .command('show')
    .description('Print subject, issuer, alternative names, validity, serial, usages and fingerprint of a certificate file')
    .argument('<file...>', 'PEM or DER certificate file(s)')
    .action(
      action(async (cmd, files: string[]) => {
        const blocks: string[] = [];
        for (const file of files) {
          const infos = await describeCertificateFile(file);
          infos.forEach((info, i) => blocks.push(`${file}${infos.length > 1 ? ` (certificate ${i + 1} of ${infos.length})` : ''}:\n${formatCertificateInfo(info)}`));
        }
        write(cmd, [blocks.join('\n\n')]);
      }),
    );

  certs
    .command('revoke')
    .description('Revoke a certificate this CA issued and rewrite the CRL')
    .requiredOption('--ca-dir <dir>', 'directory made by "certs init"')
    .argument('<certfile>', 'the certificate to revoke')
    .option('--days <n>', 'days until the rewritten CRL expires', days, DEFAULT_CRL_DAYS)
    .action(
      action(async (cmd, certFile: string) => {
        const o = cmd.opts<CaDirFlags>();
        const r = await revokeCertificate({ caDir: o.caDir, certFile, days: o.days });
        write(cmd, [
          r.alreadyRevoked ? `Serial ${r.serial} (${r.subject}) was already revoked` : `Revoked serial ${r.serial} (${r.subject})`,
          `  CRL:                 ${r.crlPath} (${r.revokedCount} revoked, next update due ${r.nextUpdate.toISOString()})`,
          `Directors load it with: TLS Certificate Revocation List = "${r.crlPath}"`,
        ]);
      }),
    );

  certs
    .command('crl')
    .description('Write the CRL again from the revoked list (run it before the old one expires)')
    .requiredOption('--ca-dir <dir>', 'directory made by "certs init"')
    .option('--days <n>', 'days until this CRL expires', days, DEFAULT_CRL_DAYS)
    .action(
      action(async (cmd) => {
        const o = cmd.opts<CaDirFlags>();
        const r = await writeCrl({ caDir: o.caDir, days: o.days });
        write(cmd, [
          `Wrote CRL number ${r.crlNumber} with ${r.revokedCount} revoked certificate(s)`,
          `  CRL:                 ${r.crlPath}`,
          `  Next update due:     ${r.nextUpdate.toISOString()}`,
        ]);
      }),
    );
}
