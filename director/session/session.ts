/**
 * A logged-in console: the command loop (reference §7). Reads one command frame at a time, runs it
 * through the registry with the Command ACL checked first, and marks the end of each answer the way
 * the current api mode wants (BNET_EOD in api 0; CMD_OK/FAILED and MAIN_PROMPT in api 1/2).
 */
import type { ApiMode } from '../../src/format/output.ts';
import type { FramedConnection } from '../../src/net/framed-connection.ts';
import { payloadText } from '../../src/wire/frame.ts';
import { Signal } from '../../src/wire/signals.ts';
import { parseCommandLine } from '../commands/args.ts';
import type { AclView, CommandContext, SessionControl, SessionView } from '../commands/types.ts';
import type { LoginResult } from '../login/login.ts';
import type { DirectorRuntime } from '../runtime.ts';
import { SessionOutput } from './output.ts';

let nextSessionId = 1;

export class ConsoleSession implements SessionView, SessionControl {
  readonly id = nextSessionId++;
  readonly connectedAt = new Date();
  readonly settings = new Map<string, string>();
  api: ApiMode = 0;
  compact = false;
  private ending = false;
  catalogAnnounced = false;
  readonly conn: FramedConnection;

  constructor(
    private readonly login: LoginResult,
    private readonly runtime: DirectorRuntime,
    readonly remoteAddress: string,
  ) {
    this.conn = login.conn;
  }

  get consoleName(): string {
    return this.login.account.name;
  }

  get userName(): string | undefined {
    return this.login.userName;
  }

  get isDefaultConsole(): boolean {
    return this.login.account.isDefault;
  }

  get acl(): AclView {
    return this.login.acl;
  }

  /** The login's records (tokens) are keyed by its connection. */
  get loginHandle(): object {
    return this.conn;
  }

  get encryption(): string | undefined {
    return this.login.encryption;
  }

  setApi(mode: ApiMode, compact: boolean | undefined): void {
    this.api = mode;
    if (compact !== undefined) this.compact = compact;
  }

  endSession(): void {
    this.ending = true;
  }

  /** Serve commands until the console leaves. Never rejects. */
  async run(): Promise<void> {
    let promptSent = false;
    for (;;) {
      if (this.api >= 1 && !promptSent) this.conn.sendSignal(Signal.MainPrompt);
      promptSent = false;
      let frame;
      try {
        frame = await this.conn.readFrame(Number.POSITIVE_INFINITY, 'command');
      } catch (error) {
        this.runtime.onSessionError(this, error);
        // A broken frame leaves the socket open but unread; over TLS nothing ever closed it (issue 9
        // fuzzing found the leaked sockets).
        this.conn.destroy();
        return;
      }
      if (frame.kind === 'signal') {
        if (frame.signal === Signal.Terminate) break;
        this.conn.sendSignal(Signal.Poll);
        continue;
      }
      // A command's frames (output, end signal, next prompt) leave in one write: one TLS record
      // and one syscall instead of one per frame. Long outputs uncork at each flush().
      this.conn.cork();
      try {
        await this.execute(payloadText(frame.payload));
        if (!this.ending && this.api >= 1) {
          this.conn.sendSignal(Signal.MainPrompt);
          promptSent = true;
        }
      } catch (error) {
        // A bug must cost this session, never the daemon.
        this.runtime.logger.log('error', 'session.internal_error', String((error as Error).stack ?? error), { session: this.id });
        this.ending = true;
      } finally {
        this.conn.uncork();
      }
      if (this.ending) break;
    }
    this.conn.end();
  }

  private async execute(line: string): Promise<void> {
    const args = parseCommandLine(line);
    const apiAtStart = this.api;
    if (args.list.length === 0) {
      if (apiAtStart === 0) this.conn.sendSignal(Signal.EndOfData);
      return;
    }
    const command = this.runtime.registry.lookup(args.command);
    const allowed = command !== undefined && (command.aclExempt === true || this.acl.allows('command', command.name));
    const out = new SessionOutput(this.conn, apiAtStart, this.compact);
    if (!command || !allowed) {
      out.error(`${args.command}: is an invalid command.\n`);
      this.finishUnknown(out);
      return;
    }
    if (apiAtStart >= 1) this.conn.sendSignal(Signal.CommandBegin);
    const ctx: CommandContext = {
      args,
      out,
      control: this,
      session: this,
      director: this.runtime,
      openCatalog: (name) => this.runtime.openCatalogFor(this, out, name),
    };
    let success: boolean;
    try {
      success = await command.run(ctx);
    } catch (error) {
      out.error(`${command.name}: ${(error as Error).message}\n`);
      this.runtime.logger.log('error', 'command.crashed', `command "${command.name}" threw`, { session: this.id, error: String((error as Error).stack ?? error) });
      success = false;
    }
    if (this.ending) return;
    if (command.name === '.api' && success) {
      this.writeApiReply();
      return;
    }
    out.finish(success, this.api);
  }

  /** `.api` answers in the mode it switched to (reference §7.4). */
  private writeApiReply(): void {
    if (this.api === 0) {
      this.conn.sendMessage('api: 0\n');
      this.conn.sendSignal(Signal.EndOfData);
      return;
    }
    this.conn.sendSignal(Signal.CommandOk);
    if (this.api === 1) {
      this.conn.sendMessage('api: 1\n');
      return;
    }
    const reply = { jsonrpc: '2.0', id: null, result: { api: 2 } };
    this.conn.sendMessage(this.compact ? JSON.stringify(reply) : JSON.stringify(reply, null, 2));
  }

  /** Unknown or forbidden: no CMD_BEGIN/OK, only the error output (reference §7.2). */
  private finishUnknown(out: SessionOutput): void {
    if (this.api === 0) out.finish(false, 0);
    else out.finishWithoutStatus();
  }
}
