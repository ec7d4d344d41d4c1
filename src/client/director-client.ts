/**
 * A logged-in console session (reference §7). Commands run one at a time, in call order.
 *
 *   api 0 (call, stream): command -> data frames -> BNET_EOD (or MAIN_PROMPT / SUB_PROMPT)
 *   api 2 (callJson):     `.api 2 compact=yes` once; then command -> CMD_BEGIN ... CMD_OK -> JSON
 *                         document (may span frames) -> BNET_MAIN_PROMPT
 * A timeout or broken frame leaves the stream out of step, so the connection is dropped then.
 */
import { StringDecoder } from 'node:string_decoder';
import type { Frame } from '../wire/frame.ts';
import { Signal } from '../wire/signals.ts';
import { ClientClosedError, ClientError, ClosedByDirectorError, DirectorCommandError, ProtocolError, type DirectorMessages } from './errors.ts';
import type { DirectorLink } from './link.ts';
import type { LoginResult } from './login.ts';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** Why a command's output ended. */
export type OutputEnd = 'eod' | 'main-prompt' | 'sub-prompt' | 'closed';

export interface CallResult {
  readonly text: string;
  /** `sub-prompt`: the director waits for a line of input; send it with the next call(). */
  readonly end: OutputEnd;
}

export interface CallOptions {
  /**
   * Called when the director asks for input (BNET_SUB_PROMPT) with the output since the last answer
   * (it ends with the prompt). Return the line to send and reading goes on; return undefined to stop
   * there: the call then ends with `end: 'sub-prompt'` and the next call() is the answer.
   */
  readonly onSubPrompt?: (prompt: string) => Promise<string | undefined> | string | undefined;
}

export interface Encryption {
  /** e.g. `TLSv1.3`. */
  readonly protocol: string;
  /** OpenSSL name, e.g. `TLS_CHACHA20_POLY1305_SHA256`. */
  readonly cipher: string;
}

type ApiMode = 0 | 2;
type OutputStep = { readonly kind: 'data'; readonly payload: Buffer } | { readonly kind: 'end'; readonly end: OutputEnd };

const QUIT_COMMAND = /^\s*(\.?quit|exit|q|qu|qui)\s*$/i;

export class DirectorClient {
  private tail: Promise<void> = Promise.resolve();
  private api: ApiMode = 0;
  private broken: ClientError | undefined;
  private waitingForInput = false;

  constructor(
    private readonly link: DirectorLink,
    private readonly login: LoginResult,
    private readonly commandTimeoutMs: number,
  ) {
    link.recorder.phase = 'session';
  }

  get directorName(): string {
    return this.login.directorName;
  }

  /** `<director> Version: <version> (<date>)` from the login result. */
  get versionLine(): string {
    return this.login.versionLine;
  }

  /** The 1002 text; undefined for old directors and Bacula. */
  get banner(): string | undefined {
    return this.login.banner;
  }

  get loggedInAs(): string {
    return this.login.loggedInAs;
  }

  get dialect(): 'modern' | 'old' {
    return this.login.dialect;
  }

  get encryption(): Encryption | undefined {
    const secure = this.link.secureSocket;
    if (!secure) return undefined;
    return { protocol: secure.getProtocol() ?? 'unknown', cipher: secure.getCipher()?.name ?? 'unknown' };
  }

  /** True after a call ended at a sub-prompt: the next call() sends the answer. */
  get awaitingInput(): boolean {
    return this.waitingForInput;
  }

  get closed(): boolean {
    return this.broken !== undefined;
  }

  /** Run a command in api 0 and return its whole output. */
  async call(command: string, options: CallOptions = {}): Promise<string> {
    const result = await this.callDetailed(command, options);
    if (result.end === 'closed' && !QUIT_COMMAND.test(command)) {
      throw new ClosedByDirectorError(`the director closed the connection during "${command}"`);
    }
    return result.text;
  }

  /** Like call(), also telling how the output ended. */
  callDetailed(command: string, options: CallOptions = {}): Promise<CallResult> {
    return this.exclusive(async () => {
      await this.switchApi(0);
      return this.collect(command, 0, options);
    });
  }

  /** Run a command in api 2 and return the envelope's `result`; an `error` envelope throws. */
  callJson(command: string): Promise<JsonValue> {
    return this.exclusive(async () => {
      await this.switchApi(2);
      const { text } = await this.collect(command, 2, {});
      return parseEnvelope(command, text);
    });
  }

  /**
   * Run a command in api 0 and yield its output as it arrives, chunk by chunk (frames are not
   * line-aligned). Leaving the loop early drains the rest of the output so the session stays usable.
   */
  async *stream(command: string): AsyncGenerator<string, OutputEnd, undefined> {
    const release = await this.acquire();
    let end: OutputEnd | undefined;
    try {
      this.assertOpen();
      await this.switchApi(0);
      this.sendCommand(command);
      const decoder = new StringDecoder('utf8');
      for (;;) {
        const step = await this.nextOutput(command, 0);
        if (step.kind === 'end') {
          end = step.end;
          const rest = decoder.end();
          if (rest !== '') yield rest;
          return end;
        }
        const text = decoder.write(step.payload);
        if (text !== '') yield text;
      }
    } finally {
      if (end === undefined && !this.broken) await this.drain(command).catch(() => undefined);
      release();
    }
  }

  /** Send BNET_TERMINATE and close; safe to call twice. */
  async close(): Promise<void> {
    if (this.broken instanceof ClientClosedError) return;
    const wasBroken = this.broken !== undefined;
    this.broken = new ClientClosedError();
    const socket = this.link.connection.raw;
    if (!wasBroken && !this.link.connection.closed) this.link.sendSignal(Signal.Terminate);
    this.link.connection.end();
    if (socket.destroyed) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        socket.destroy();
        resolve();
      }, 2000);
      socket.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private async collect(command: string, api: ApiMode, options: CallOptions): Promise<CallResult> {
    this.sendCommand(command);
    let chunks: Buffer[] = [];
    const all: Buffer[] = [];
    for (;;) {
      const step = await this.nextOutput(command, api);
      if (step.kind === 'data') {
        chunks.push(step.payload);
        all.push(step.payload);
        continue;
      }
      if (step.end === 'sub-prompt' && options.onSubPrompt) {
        const answer = await options.onSubPrompt(Buffer.concat(chunks).toString('utf8'));
        if (answer !== undefined) {
          chunks = [];
          this.sendCommand(answer);
          continue;
        }
      }
      return { text: Buffer.concat(all).toString('utf8'), end: step.end };
    }
  }

  private sendCommand(command: string): void {
    this.waitingForInput = false;
    this.link.send(command);
  }

  /** Next data frame or the end of the output; unknown and informational signals are skipped. */
  private async nextOutput(command: string, api: ApiMode): Promise<OutputStep> {
    for (;;) {
      const frame = await this.readOutputFrame(command);
      if (frame === undefined) return { kind: 'end', end: 'closed' };
      if (frame.kind === 'data') return frame;
      switch (frame.signal) {
        case Signal.EndOfData:
          // api 2 ends at MAIN_PROMPT; an EOD there belongs to a `.api 0` reply only.
          if (api === 0) return { kind: 'end', end: 'eod' };
          break;
        case Signal.MainPrompt:
          return { kind: 'end', end: 'main-prompt' };
        case Signal.SubPrompt:
          this.waitingForInput = true;
          return { kind: 'end', end: 'sub-prompt' };
        case Signal.Terminate:
          this.broken = new ClosedByDirectorError('the director ended the session (BNET_TERMINATE)');
          this.link.connection.destroy();
          return { kind: 'end', end: 'closed' };
        default:
          break;
      }
    }
  }

  private async readOutputFrame(command: string): Promise<Frame | undefined> {
    try {
      return await this.link.read(this.commandTimeoutMs, `the output of "${command}"`);
    } catch (error) {
      const failure = error instanceof ClientError ? error : new ProtocolError(String(error));
      this.broken = failure;
      this.link.connection.destroy();
      if (error instanceof ClosedByDirectorError) return undefined;
      throw failure;
    }
  }

  private async drain(command: string): Promise<void> {
    for (;;) {
      const step = await this.nextOutput(command, 0);
      if (step.kind === 'end') return;
    }
  }

  private async switchApi(target: ApiMode): Promise<void> {
    if (this.api === target) return;
    if (target === 2) {
      const { text } = await this.collect('.api 2 compact=yes', 0, {});
      let result: JsonValue;
      try {
        result = parseEnvelope('.api 2 compact=yes', text);
      } catch {
        result = null;
      }
      if (!isObject(result) || result['api'] !== 2) {
        // We no longer know which mode the director is in: the session is out of step.
        this.broken = new ProtocolError(`the director does not speak api 2 JSON (it answered ".api 2" with "${text.trim().slice(0, 200)}"); Bacula and old directors only offer plain text`);
        this.link.connection.destroy();
        throw this.broken;
      }
    } else {
      // In api 2 the `.api 0` reply ends with BNET_EOD: api 0 rules from here on.
      await this.collect('.api 0', 0, {});
    }
    this.api = target;
  }

  private async exclusive<T>(work: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      this.assertOpen();
      return await work();
    } finally {
      release();
    }
  }

  private async acquire(): Promise<() => void> {
    let release: () => void = () => undefined;
    const mine = new Promise<void>((resolve) => {
      release = resolve;
    });
    const previous = this.tail;
    this.tail = previous.then(() => mine);
    await previous;
    return release;
  }

  private assertOpen(): void {
    if (this.broken) throw this.broken instanceof ClientClosedError ? this.broken : new ClientClosedError(`the connection to the director is unusable: ${this.broken.message}`);
  }
}

function isObject(value: unknown): value is { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * One api 2 document, possibly preceded by raw job-message lines (reference §7.4): parse the whole
 * text, else from the last `{"jsonrpc"`.
 */
function extractDocument(command: string, text: string): JsonValue {
  const candidates = [text.trim()];
  const at = text.lastIndexOf('{"jsonrpc"');
  if (at > 0) candidates.push(text.slice(at).trim());
  for (const candidate of candidates) {
    try {
      return JSON.parse(candidate) as JsonValue;
    } catch {
      // try the next candidate
    }
  }
  throw new ProtocolError(`the director's answer to "${command}" is not an api 2 JSON document: ${text.slice(0, 200)}`);
}

export function parseEnvelope(command: string, text: string): JsonValue {
  const document = extractDocument(command, text);
  if (!isObject(document) || document['jsonrpc'] !== '2.0') {
    throw new ProtocolError(`the director's answer to "${command}" is not a JSON-RPC 2.0 envelope`);
  }
  const error = document['error'];
  if (isObject(error)) {
    const data = isObject(error['data']) ? error['data'] : {};
    const message = typeof error['message'] === 'string' ? error['message'] : 'failed';
    throw new DirectorCommandError(command, message, toMessages(data['messages']), data['result'] ?? null);
  }
  if (!('result' in document)) throw new ProtocolError(`the director's answer to "${command}" has neither result nor error`);
  return document['result'] ?? null;
}

function toMessages(value: JsonValue | undefined): DirectorMessages {
  if (!isObject(value)) return {};
  const list = (key: string): string[] | undefined => {
    const entry = value[key];
    return Array.isArray(entry) ? entry.filter((item): item is string => typeof item === 'string') : undefined;
  };
  const messages: { error?: string[]; warning?: string[]; info?: string[] } = {};
  for (const key of ['error', 'warning', 'info'] as const) {
    const entries = list(key);
    if (entries) messages[key] = entries;
  }
  return messages;
}
