/**
 * CommandOutput for one command on one session, per api mode (reference §7.2, §7.4):
 *  api 0: every chunk of text is its own data frame; the loop ends the command with BNET_EOD.
 *  api 1: like api 0 plus message signals; CMD_BEGIN / CMD_OK|CMD_FAILED frame the command.
 *  api 2: text is dropped; the JSON document follows CMD_OK/CMD_FAILED; message signals are sent
 *         without text (the text goes into `messages`).
 */
import type { FramedConnection } from '../../src/net/framed-connection.ts';
import type { ApiMode, CommandOutput, JsonValue, RangeMeta } from '../../src/format/output.ts';
import { Signal } from '../../src/wire/signals.ts';
import { JsonReplyBuilder } from './json-writer.ts';

type MessageKind = 'error' | 'warning' | 'info';

const MESSAGE_SIGNAL: Record<MessageKind, Signal> = {
  error: Signal.ErrorMessage,
  warning: Signal.WarningMessage,
  info: Signal.InfoMessage,
};

export class SessionOutput implements CommandOutput {
  private readonly messages: Record<MessageKind, string[]> = { error: [], warning: [], info: [] };
  private json: JsonReplyBuilder | undefined;
  /** Set once CMD_OK was sent early because a big api 2 reply had to start streaming. */
  private committed = false;

  constructor(
    private readonly conn: FramedConnection,
    readonly api: ApiMode,
    compact: boolean,
  ) {
    if (api === 2) this.json = new JsonReplyBuilder(compact, (text) => conn.sendMessage(text));
  }

  get failed(): boolean {
    return this.messages.error.length > 0;
  }

  send(text: string): void {
    if (this.api === 2 || text.length === 0) return;
    this.conn.sendMessage(text);
  }

  error(text: string): void {
    this.message('error', text);
  }

  warning(text: string): void {
    this.message('warning', text);
  }

  info(text: string): void {
    this.message('info', text);
  }

  setResult(key: string, value: JsonValue): void {
    this.json?.set(key, value);
  }

  openArray(key: string): void {
    this.json?.openArray(key);
  }

  pushItem(value: JsonValue): void {
    if (!this.json) return;
    if (this.json.push(value) === 'start-streaming' && !this.failed) {
      // Too big to hold: commit to success now, as the document must follow CMD_OK.
      this.committed = true;
      this.conn.sendSignal(Signal.CommandOk);
      this.json.startStreaming();
    }
  }

  closeArray(): void {
    this.json?.closeArray();
  }

  setRange(range: RangeMeta): void {
    this.json?.setRange(range);
  }

  /** Lets corked output go, waits for room, and corks again (the session uncorks at the end). */
  async flush(): Promise<void> {
    this.conn.uncork();
    await this.conn.drained();
    this.conn.cork();
  }

  /**
   * End the command. `apiAtEnd` is the mode after the command ran (`.api` changes it), which decides
   * how the end is marked.
   */
  finish(success: boolean, apiAtEnd: ApiMode): void {
    const ok = success && !this.failed;
    if (apiAtEnd === 0) {
      this.json?.finish(ok, this.messageObject());
      this.conn.sendSignal(Signal.EndOfData);
      return;
    }
    if (!this.committed) this.conn.sendSignal(ok ? Signal.CommandOk : Signal.CommandFailed);
    this.json?.finish(ok || this.committed, this.messageObject());
  }

  /** The end of an unknown command in api 1/2: the reply document, no CMD_OK/FAILED. */
  finishWithoutStatus(): void {
    this.json?.finish(false, this.messageObject());
  }

  private message(kind: MessageKind, text: string): void {
    this.messages[kind].push(text);
    if (this.api >= 1) this.conn.sendSignal(MESSAGE_SIGNAL[kind]);
    if (this.api < 2) this.conn.sendMessage(text);
  }

  private messageObject(): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const kind of ['error', 'warning', 'info'] as const) if (this.messages[kind].length > 0) out[kind] = this.messages[kind];
    return out;
  }
}
