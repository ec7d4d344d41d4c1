/**
 * The main screen's controller, free of terminal code: runs what the user types against the logged-in
 * client, fills the output buffer, keeps history and status, and knows the session's state:
 *
 *   idle --submit--> running --EOD--> idle
 *   running --BNET_SUB_PROMPT--> sub-prompt --answer--> running      (Ctrl-C at a sub-prompt sends ".")
 *   running --Ctrl-C--> reconnecting (the connection is closed: Bareos has no way to stop a command)
 *   running --timeout / EOF--> disconnected --F5 or a new command--> reconnecting --attach--> idle
 */
import type { Encryption, JsonValue, OutputEnd } from '../../../src/client/index.ts';
import { formatFailure } from '../describe-error.ts';
import { Completer, parsePlainHelp, parseValueList } from './completion.ts';
import type { History } from './history.ts';
import { renderJsonResult } from './json-table.ts';
import type { Closable } from './login.ts';
import { OutputBuffer } from './output.ts';

/** What the session needs from a DirectorClient (a fake in unit tests). */
export interface ConsoleClient extends Closable {
  stream(command: string): AsyncGenerator<string, OutputEnd, undefined>;
  call(command: string): Promise<string>;
  callJson(command: string): Promise<JsonValue>;
  readonly closed: boolean;
  readonly encryption: Encryption | undefined;
  readonly loggedInAs: string;
  readonly directorName: string;
  readonly banner: string | undefined;
}

export type SessionState = 'idle' | 'running' | 'sub-prompt' | 'disconnected' | 'reconnecting';

export interface SessionHooks {
  /** Log in again (the app runs the login model; PAM may need the user). */
  readonly reconnect: () => void;
  readonly quit: () => void;
  /** Something visible changed; the view redraws (throttled on its side). */
  readonly changed: () => void;
  /** The history was extended: persist it. */
  readonly historyChanged?: (entries: readonly string[]) => void;
}

export interface LastCommand {
  readonly command: string;
  readonly ms: number;
  readonly ok: boolean;
}

const QUIT = /^\s*(\.?quit|exit|q|qu|qui)\s*$/i;
const JSON_PREFIX = /^\s*json\s+/i;
/** Longest stretch of back-to-back output chunks before the event loop gets a turn (keys, redraws). */
const YIELD_EVERY_MS = 30;

export class SessionModel {
  readonly output = new OutputBuffer();
  readonly completer = new Completer();
  private client: ConsoleClient | undefined;
  private current: SessionState = 'disconnected';
  private reason = 'not connected yet';
  private cancelled = false;
  private pendingLine: string | undefined;
  private startedAt: number | undefined;
  private last: LastCommand | undefined;
  json = false;

  constructor(private readonly history: History, private readonly hooks: SessionHooks) {}

  get state(): SessionState {
    return this.current;
  }

  get disconnectReason(): string {
    return this.reason;
  }

  get lastCommand(): LastCommand | undefined {
    return this.last;
  }

  /** ms since the running command started, or undefined. */
  runningFor(now = Date.now()): number | undefined {
    return this.startedAt === undefined ? undefined : now - this.startedAt;
  }

  get connection(): ConsoleClient | undefined {
    return this.client;
  }

  /** The question the director asked at a sub-prompt (the open last line of its output). */
  get subPrompt(): string {
    return this.current === 'sub-prompt' ? this.output.openLine.trimStart() || '> ' : '';
  }

  /** A fresh login: first time or after a reconnect. Runs a command typed while disconnected. */
  attach(client: ConsoleClient, firstTime: boolean): void {
    this.client = client;
    this.cancelled = false;
    this.set('idle');
    if (firstTime && client.banner) this.output.appendLines(client.banner.split('\n'), 'info');
    if (!firstTime) this.output.appendLines([`reconnected to ${client.directorName} as ${client.loggedInAs}`], 'info');
    void this.loadCompletion(client);
    const pending = this.pendingLine;
    this.pendingLine = undefined;
    if (pending !== undefined) void this.submit(pending);
  }

  /** Enter on the command line. */
  async submit(line: string): Promise<void> {
    switch (this.current) {
      case 'running':
      case 'reconnecting':
        this.notice('busy: wait for the command to end, or press Ctrl-C to cancel it');
        return;
      case 'disconnected':
        if (line.trim() === '') return;
        this.pendingLine = line;
        this.requestReconnect();
        return;
      case 'sub-prompt':
        // The answer goes after the question on the same line; never into history (could be secret).
        this.output.append(`${line}\n`, 'output');
        await this.runStream(line, 'sub-prompt answer');
        return;
      case 'idle':
        await this.runCommand(line);
        return;
    }
  }

  /** Ctrl-C. */
  cancel(): void {
    if (this.current === 'sub-prompt') {
      void this.submit('.');
      return;
    }
    if (this.current !== 'running' || !this.client) return;
    this.cancelled = true;
    this.output.appendLines(['^C cancelled: closing the connection (Bareos cannot stop a running command) and logging in again'], 'info');
    this.set('reconnecting');
    void this.client.close();
  }

  /** F5, or the app after an error: log in again. */
  requestReconnect(): void {
    if (this.current === 'reconnecting' || this.current === 'running') return;
    this.set('reconnecting');
    void this.client?.close().catch(() => undefined);
    this.hooks.reconnect();
  }

  /** The login after a reconnect request failed or was cancelled. */
  reconnectFailed(reason: string): void {
    this.reason = reason;
    this.pendingLine = undefined;
    this.output.appendLines([`not connected: ${reason} (F5 to try again)`], 'error');
    this.set('disconnected');
  }

  async complete(line: string): Promise<{ line: string; candidates: readonly string[] }> {
    const client = this.client;
    const fetch = client && this.current === 'idle' ? (source: string) => client.call(source).then(parseValueList) : undefined;
    return this.completer.complete(line, fetch);
  }

  notice(text: string): void {
    this.output.appendLines([text], 'info');
    this.hooks.changed();
  }

  private async runCommand(line: string): Promise<void> {
    if (line.trim() === '') return;
    if (this.history.add(line)) this.hooks.historyChanged?.(this.history.all);
    this.output.scrollToEnd();
    this.output.appendLines([`*${line}`], 'command');
    const json = JSON_PREFIX.test(line) || (this.json && !/^\s*\./.test(line) && !QUIT.test(line));
    const command = line.replace(JSON_PREFIX, '');
    if (json) await this.runJson(command);
    else await this.runStream(command, command);
  }

  private async runStream(command: string, label: string): Promise<void> {
    const client = this.client;
    if (!client) return;
    this.begin();
    let end: OutputEnd | undefined;
    try {
      const output = client.stream(command);
      let lastYield = Date.now();
      for (;;) {
        const step = await output.next();
        if (step.done) {
          end = step.value;
          break;
        }
        this.output.append(step.value);
        this.hooks.changed();
        if (Date.now() - lastYield > YIELD_EVERY_MS) {
          await new Promise((resolve) => setImmediate(resolve));
          lastYield = Date.now();
        }
      }
    } catch (error) {
      this.failed(label, error);
      return;
    }
    this.finished(label, end);
  }

  private async runJson(command: string): Promise<void> {
    const client = this.client;
    if (!client) return;
    this.begin();
    let result: JsonValue;
    try {
      result = await client.callJson(command);
    } catch (error) {
      this.failed(command, error);
      return;
    }
    this.output.appendLines(renderJsonResult(result), 'output');
    this.finished(command, 'main-prompt');
  }

  private begin(): void {
    this.startedAt = Date.now();
    this.set('running');
  }

  private finished(label: string, end: OutputEnd | undefined): void {
    this.record(label, true);
    if (this.afterCancel()) return;
    if (end === 'sub-prompt') {
      this.set('sub-prompt');
      return;
    }
    if (end === 'closed') {
      if (QUIT.test(label)) {
        this.hooks.quit();
        return;
      }
      this.lost('the director closed the connection');
      return;
    }
    this.set('idle');
  }

  private failed(label: string, error: unknown): void {
    this.record(label, false);
    if (this.afterCancel()) return;
    this.output.appendLines([formatFailure(error)], 'error');
    if (this.client?.closed !== false) this.lost(formatFailure(error));
    else this.set('idle');
  }

  /** After Ctrl-C the output ends one way or another (EOF or an error): then log in again. */
  private afterCancel(): boolean {
    if (!this.cancelled) return false;
    this.cancelled = false;
    this.hooks.reconnect();
    return true;
  }

  private lost(reason: string): void {
    this.reason = reason;
    this.output.appendLines([`connection lost: ${reason}; press F5 (or enter a command) to log in again`], 'error');
    this.set('disconnected');
  }

  private record(command: string, ok: boolean): void {
    this.last = { command, ms: Date.now() - (this.startedAt ?? Date.now()), ok };
    this.startedAt = undefined;
  }

  private async loadCompletion(client: ConsoleClient): Promise<void> {
    try {
      this.completer.clearValues();
      this.completer.setCommands(parsePlainHelp(await client.call('.help')));
    } catch {
      // No completion is better than a broken session; the session itself reports real failures.
    }
  }

  private set(state: SessionState): void {
    this.current = state;
    this.hooks.changed();
  }
}
