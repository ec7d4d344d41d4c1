/**
 * Non-TTY mode (`echo "list jobs" | tsbareos console -c FILE`): like bconsole fed from a pipe.
 * Commands come one per line from stdin, output goes to stdout unchanged, errors to stderr, and the
 * exit status is 0 only if the login and every command worked. No screen is drawn.
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { connect, PamError, type DirectorClient, type PamOptions } from '../../src/client/index.ts';
import { formatFailure } from './describe-error.ts';
import { ConsoleUsageError } from './errors.ts';
import { directPamFromFlags, resolveTargets, type ConsoleFlags } from './targets.ts';

const QUIT = /^\s*(\.?quit|exit)\s*$/i;

export interface PipeStreams {
  readonly input: Readable;
  readonly output: Writable;
  readonly errors: Writable;
}

export async function runPipeMode(flags: ConsoleFlags, io: PipeStreams): Promise<number> {
  let client: DirectorClient | undefined;
  try {
    const targets = resolveTargets(flags);
    const [target] = targets;
    if (!target || targets.length > 1) {
      throw new ConsoleUsageError(`${targets.length} directors in ${flags.config ?? 'the config'}: choose one with -D NAME`);
    }
    const commands = await readCommands(io.input);
    client = await connect({ ...target.options, pam: pamWithoutTerminal(flags) });
    return await runCommands(client, commands, io);
  } catch (error) {
    io.errors.write(`tsbareos console: ${formatFailure(error)}\n`);
    return 1;
  } finally {
    await client?.close().catch(() => undefined);
  }
}

/** Without a terminal nobody can answer PAM prompts: direct mode, or a clear refusal. */
function pamWithoutTerminal(flags: ConsoleFlags): PamOptions {
  return directPamFromFlags(flags) ?? {
    prompt: () => {
      throw new PamError('the director asks for a PAM login and stdin is not a terminal: give --pam-user and --pam-password-file');
    },
  };
}

async function readCommands(input: Readable): Promise<string[]> {
  const lines: string[] = [];
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    if (line.trim() !== '') lines.push(line);
  }
  return lines;
}

async function runCommands(client: DirectorClient, commands: readonly string[], io: PipeStreams): Promise<number> {
  let status = 0;
  for (const command of commands) {
    if (QUIT.test(command)) break;
    try {
      let last = '';
      for await (const chunk of client.stream(command)) {
        await write(io.output, chunk);
        last = chunk;
      }
      if (last !== '' && !last.endsWith('\n')) await write(io.output, '\n');
    } catch (error) {
      io.errors.write(`tsbareos console: ${command}: ${formatFailure(error)}\n`);
      status = 1;
      if (client.closed) break;
    }
  }
  return status;
}

function write(stream: Writable, text: string): Promise<void> {
  return new Promise((resolve) => {
    if (stream.write(text)) resolve();
    else stream.once('drain', resolve);
  });
}
