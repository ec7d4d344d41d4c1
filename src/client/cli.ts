/**
 * `tsbareos call`: log in to a director, run commands, print their output, exit 0 or 1.
 * Commands come from -c (repeatable) or, without -c, from stdin one per line.
 */
import { Command, Option } from 'commander';
import { parsePort, parsePositiveInteger } from './cli-arguments.ts';
import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Writable, type Readable } from 'node:stream';
import { ConfigError, loadBconsoleConfig, resolveBconsoleLogin } from '../config/index.ts';
import { connectOptionsFromBconsole } from './bconsole-login.ts';
import { connect } from './connect.ts';
import { ClientError } from './errors.ts';
import type { DirectorClient } from './director-client.ts';
import { DEFAULT_PORT, type CertificateOptions, type ConnectOptions, type HelloStyle, type PamOptions, type PamPrompt, type TlsMode } from './options.ts';
import { describeTranscriptEntry } from './transcript.ts';

interface CallFlags {
  host?: string;
  port?: number;
  name?: string;
  passwordFile?: string;
  pamUser?: string;
  pamPasswordFile?: string;
  pamInteractive?: boolean;
  allowPamCleartext?: boolean;
  tls?: TlsMode;
  caFile?: string;
  certFile?: string;
  keyFile?: string;
  allowedCn?: string[];
  hello?: HelloStyle;
  json?: boolean;
  config?: string;
  director?: string;
  command?: string[];
  timeout?: number;
  transcript?: boolean;
}

/** A failure the user can fix; printed as one line, exit code 1. */
class UsageError extends Error {}

/** The PAM prompt reader of the running call, if any; closed once the login is over. */
let prompter: TerminalPrompter | undefined;

export function register(program: Command): void {
  program
    .command('call')
    .description('Log in to a director, run commands and print their output (exit 0 on success, 1 on any failure)')
    .option('--host <host>', 'director address (default: Address from -f)')
    .option('--port <port>', `director port (default: DirPort from -f, else ${DEFAULT_PORT})`, parsePort)
    .option('--name <console>', 'named console to log in as (default: the default console *UserAgent*, Director password)')
    .option('--password-file <file>', 'file whose first line is the console (or Director) password; "[md5]<hex>" works too')
    .option('--pam-user <user>', 'PAM user for a console with "Use Pam Authentication = yes" (direct mode, 4002)')
    .option('--pam-password-file <file>', 'file whose first line is the PAM password (with --pam-user)')
    .option('--pam-interactive', 'answer the PAM prompts the director relays, on the terminal (interactive mode, 4001)')
    .option('--allow-pam-cleartext', 'send PAM credentials even without TLS (like bconsole -o)')
    .addOption(new Option('--tls <mode>', 'psk: TLS-PSK (default); cert: certificate TLS; off: cleartext (old Bareos, Bacula)').choices(['psk', 'cert', 'off']))
    .option('--ca-file <file>', 'CA certificates (PEM) to verify the director with --tls cert')
    .option('--cert-file <file>', 'client certificate (PEM) for --tls cert')
    .option('--key-file <file>', 'client private key (PEM) for --tls cert')
    .option('--allowed-cn <cn>', 'accept only a director certificate with this CN (repeatable)', collect)
    .addOption(new Option('--hello <style>', 'Hello line: modern (default), versioned (Bareos 18.2-25 style) or old ("Hello <name> calling")').choices(['modern', 'versioned', 'old']))
    .option('--json', 'run the commands in api 2 and print each JSON result')
    .option('-f, --config <bconsole.conf>', 'take address, port, console, password and TLS settings from a bconsole.conf')
    .option('-D, --director <name>', 'Director resource to use from -f when it has several')
    .option('-c, --command <command>', 'command to run (repeatable); without -c, commands are read from stdin, one per line', collect)
    .option('--timeout <ms>', 'timeout for connecting and for each login step, in milliseconds (default 30000)', parsePositiveInteger)
    .option('--transcript', 'print the login frames to stderr (CRAM responses and PAM secrets are hidden)')
    .action(async (flags: CallFlags) => {
      process.exitCode = await runCall(flags);
    });
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

async function runCall(flags: CallFlags): Promise<number> {
  let client: DirectorClient | undefined;
  try {
    const options = buildOptions(flags);
    const commands = flags.command ?? (await readLines(process.stdin));
    client = await connect(options).finally(() => prompter?.dispose());
    return await runCommands(client, commands, flags.json === true);
  } catch (error) {
    fail(error);
    return 1;
  } finally {
    await client?.close();
  }
}

async function runCommands(client: DirectorClient, commands: readonly string[], json: boolean): Promise<number> {
  let status = 0;
  for (const command of commands) {
    try {
      if (json) {
        process.stdout.write(`${JSON.stringify(await client.callJson(command), null, 2)}\n`);
      } else {
        // Streamed, so a huge output never has to be one string.
        for await (const chunk of client.stream(command)) await write(chunk);
      }
    } catch (error) {
      fail(error);
      status = 1;
      if (client.closed) break;
    }
  }
  return status;
}

function write(text: string): Promise<void> {
  return new Promise((resolve) => {
    if (process.stdout.write(text)) resolve();
    else process.stdout.once('drain', resolve);
  });
}

function fail(error: unknown): void {
  const known = error instanceof ClientError || error instanceof UsageError || error instanceof ConfigError;
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`tsbareos call: ${message}\n`);
  if (!known && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
}

function buildOptions(flags: CallFlags): ConnectOptions {
  const fromConfig = flags.config ? optionsFromBconsole(flags.config, flags.director) : {};
  const host = flags.host ?? fromConfig.host;
  if (host === undefined) throw new UsageError('no director address: give --host or -f bconsole.conf');
  const password = flags.passwordFile ? firstLine(flags.passwordFile, 'password') : fromConfig.password;
  if (password === undefined) throw new UsageError('no password: give --password-file or -f bconsole.conf');
  const certificate = certificateFlags(flags) ?? fromConfig.certificate;
  const name = flags.name ?? fromConfig.name;
  const pam = pamOptions(flags);
  return {
    host,
    port: flags.port ?? fromConfig.port ?? DEFAULT_PORT,
    password,
    tls: flags.tls ?? fromConfig.tls ?? 'psk',
    ...(name !== undefined ? { name } : {}),
    ...(certificate !== undefined ? { certificate } : {}),
    ...(pam !== undefined ? { pam } : {}),
    ...(flags.hello !== undefined ? { hello: flags.hello } : {}),
    ...(flags.timeout !== undefined ? { timeoutMs: flags.timeout } : {}),
    ...(flags.transcript ? { loginTranscript: (entry) => process.stderr.write(`${describeTranscriptEntry(entry)}\n`) } : {}),
    allowPamWithoutTls: flags.allowPamCleartext === true,
  };
}

type ConfigDefaults = { -readonly [K in 'host' | 'port' | 'name' | 'password' | 'tls' | 'certificate']?: ConnectOptions[K] };

/** bconsole.conf: Director { Address, DirPort, Password }, Console { Name, Password }, TLS settings (§8.3). */
function optionsFromBconsole(file: string, directorName: string | undefined): ConfigDefaults {
  return connectOptionsFromBconsole(resolveBconsoleLogin(loadBconsoleConfig(file), directorName));
}

function certificateFlags(flags: CallFlags): CertificateOptions | undefined {
  if (!flags.caFile && !flags.certFile && !flags.keyFile && !flags.allowedCn) return undefined;
  return {
    ...(flags.caFile ? { caFile: flags.caFile } : {}),
    ...(flags.certFile ? { certFile: flags.certFile } : {}),
    ...(flags.keyFile ? { keyFile: flags.keyFile } : {}),
    ...(flags.allowedCn ? { allowedCN: flags.allowedCn } : {}),
  };
}

function pamOptions(flags: CallFlags): PamOptions | undefined {
  if (flags.pamUser !== undefined) {
    if (!flags.pamPasswordFile) throw new UsageError('--pam-user needs --pam-password-file');
    return { user: flags.pamUser, password: firstLine(flags.pamPasswordFile, 'PAM password') };
  }
  if (flags.pamPasswordFile) throw new UsageError('--pam-password-file needs --pam-user');
  if (flags.pamInteractive) {
    // Without -c, stdin carries the commands: ask on the terminal itself.
    prompter = new TerminalPrompter(flags.command ? process.stdin : createReadStream('/dev/tty'));
    const active = prompter;
    return { prompt: (prompt) => active.ask(prompt) };
  }
  return undefined;
}

function firstLine(file: string, what: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read the ${what} file ${file}: ${(error as Error).message}`);
  }
  return text.split(/\r?\n/, 1)[0] ?? '';
}

async function readLines(input: Readable): Promise<string[]> {
  const lines: string[] = [];
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    if (line.trim() !== '') lines.push(line);
  }
  return lines;
}

/**
 * PAM prompts on the terminal. On a TTY each prompt gets its own readline in terminal mode, writing to
 * a muted output for echo-off prompts so a password is not shown; from a pipe, lines are taken in
 * order from one reader (so answers piped in one chunk are not lost).
 */
class TerminalPrompter {
  private lines: AsyncIterator<string> | undefined;

  constructor(private readonly input: Readable & { isTTY?: boolean }) {}

  async ask(prompt: PamPrompt): Promise<string> {
    process.stderr.write(prompt.text);
    if (this.input.isTTY) return this.askTty(prompt.echo);
    this.lines ??= createInterface({ input: this.input, crlfDelay: Infinity })[Symbol.asyncIterator]();
    const next = await this.lines.next();
    return next.done ? '' : next.value;
  }

  dispose(): void {
    if (this.input !== process.stdin) this.input.destroy();
  }

  private askTty(echo: boolean): Promise<string> {
    const muted = new Writable({ write: (_chunk, _encoding, done) => done() });
    const rl = createInterface({ input: this.input, output: echo ? process.stderr : muted, terminal: true });
    return new Promise((resolve) => {
      let answered = false;
      rl.once('line', (line) => {
        answered = true;
        rl.close();
        if (!echo) process.stderr.write('\n');
        resolve(line);
      });
      rl.once('close', () => {
        if (!answered) resolve('');
      });
    });
  }
}
