/**
 * `tsbareos console`: the full-screen console on a terminal, bconsole-like pipe mode otherwise.
 */
import { Command, Option } from 'commander';
import { parsePort, parsePositiveInteger } from '../../src/client/cli-arguments.ts';
import { DEFAULT_PORT } from '../../src/client/index.ts';
import { formatFailure } from './describe-error.ts';
import { runPipeMode } from './pipe-mode.ts';
import { DEFAULT_COMMAND_TIMEOUT_S, resolveTargets, type ConsoleFlags } from './targets.ts';

export function register(program: Command): void {
  program
    .command('console')
    .description('Full-screen console for a director (login with PAM, history, completion); from a pipe it prints results like bconsole')
    .option('-c, --config <bconsole.conf>', 'bconsole.conf with Director (and Console) resources; several Directors give a chooser')
    .option('-D, --director <name>', 'use this Director resource from -c')
    .option('--host <host>', 'director address (instead of, or overriding, -c)')
    .option('--port <port>', `director port (default: DirPort from -c, else ${DEFAULT_PORT})`, parsePort)
    .option('--name <console>', 'named console (default: from -c, else the default console *UserAgent*)')
    .option('--password-file <file>', 'file whose first line is the console (or Director) password')
    .addOption(new Option('--tls <mode>', 'psk: TLS-PSK (default); cert: certificate TLS; off: cleartext').choices(['psk', 'cert', 'off']))
    .option('--ca-file <file>', 'CA certificates (PEM) for --tls cert')
    .option('--cert-file <file>', 'client certificate (PEM) for --tls cert')
    .option('--key-file <file>', 'client key (PEM) for --tls cert')
    .option('--pam-user <user>', 'PAM direct mode: log in as this user; the password is asked (hidden) before connecting')
    .option('--pam-password-file <file>', 'with --pam-user in pipe mode: file whose first line is the PAM password')
    .option('--allow-pam-cleartext', 'send PAM answers even over a cleartext connection (like bconsole -o)')
    .option('--timeout <ms>', 'timeout for connecting and each login step, in milliseconds (default 30000)', parsePositiveInteger)
    .option('--command-timeout <s>', `longest silence inside a command's output before the connection is given up, in seconds (default ${DEFAULT_COMMAND_TIMEOUT_S})`, parsePositiveInteger)
    .action(async (flags: ConsoleFlags) => {
      process.exitCode = process.stdin.isTTY && process.stdout.isTTY ? await runTerminal(flags) : await runPipeMode(flags, { input: process.stdin, output: process.stdout, errors: process.stderr });
      // blessed and a closed client can leave handles behind; the session is over.
      process.exit();
    });
}

async function runTerminal(flags: ConsoleFlags): Promise<number> {
  let targets;
  try {
    targets = resolveTargets(flags);
  } catch (error) {
    process.stderr.write(`tsbareos console: ${formatFailure(error)}\n`);
    return 1;
  }
  // Loaded only here: pipe mode must not pay for (or be disturbed by) blessed.
  const { ConsoleApp } = await import('./ui/app.ts');
  return new ConsoleApp({ targets, ...(flags.pamUser !== undefined ? { pamUser: flags.pamUser } : {}) }).run();
}

