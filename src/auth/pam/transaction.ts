/**
 * One login = one helper process. This file owns the process: spawning it with its own
 * environment, relaying the conversation, the timeout, cancellation, and making sure the process
 * is gone before the promise settles (no leaked children, and the concurrency count stays true).
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { AuthError } from '../errors.ts';
import { PamCode } from './codes.ts';
import { failure, pamOutcome } from './outcome.ts';
import {
  HelperMessageDecoder,
  MAX_MESSAGES_PER_CALL,
  MAX_TEXT_BYTES,
  PromptStyle,
  encodeAnswer,
  encodeCancel,
  encodeStart,
  type HelperMessage,
} from './protocol.ts';
import type { PamConversation, PamFailure, PamResult } from './types.ts';

export interface HelperTransactionSpec {
  readonly helperPath: string;
  readonly env: Readonly<Record<string, string>>;
  readonly stderr: 'ignore' | 'inherit';
  readonly service: string;
  readonly rhost: string;
  readonly ruser: string;
  readonly allowChauthtok: boolean;
  readonly timeoutMs: number;
  readonly cancelGraceMs: number;
  readonly signal: AbortSignal | undefined;
  readonly onSpawn: (pid: number | undefined) => void;
  readonly login:
    | { readonly mode: 'interactive'; readonly conversation: PamConversation }
    | { readonly mode: 'direct'; readonly user: string; readonly password: Buffer };
}

/**
 * - running: the helper is working; messages from it are expected.
 * - awaiting-client: a prompt is with the client; the helper must stay silent.
 * - notifying: PAM is done, trailing texts are with the client as a notice round.
 * - stopping: the outcome is decided; waiting for the process to be gone.
 * - done: settled.
 */
type TransactionState = 'running' | 'awaiting-client' | 'notifying' | 'stopping' | 'done';
type StopHow = 'wait' | 'cancel' | 'kill';

/** Buffered info/error texts before a prompt: Linux-PAM's per-call limits, applied across calls. */
const MAX_PENDING_TEXTS = MAX_MESSAGES_PER_CALL;
const MAX_PENDING_TEXT_BYTES = MAX_MESSAGES_PER_CALL * MAX_TEXT_BYTES;
/** Module texts kept for the failure message in logs. */
const MAX_REMEMBERED_TEXTS = 8;
/** After 'exit', how long stdout may stay open (a grandchild holding it) before we stop waiting. */
const CLOSE_AFTER_EXIT_MS = 250;

type HelperProcess = ChildProcessByStdio<Writable, Readable, null>;

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export function runHelperTransaction(spec: HelperTransactionSpec): Promise<PamResult> {
  return new HelperTransaction(spec).run();
}

class HelperTransaction {
  private state: TransactionState = 'running';
  private child: HelperProcess | undefined;
  private readonly decoder = new HelperMessageDecoder();
  private pendingTexts: string[] = [];
  private pendingTextBytes = 0;
  private readonly rememberedTexts: string[] = [];
  private readonly roundAbort = new AbortController();
  private helperResult: PamResult | undefined;
  private outcome: PamResult | undefined;
  private exited = false;
  private readonly timers: NodeJS.Timeout[] = [];
  private resolve: (result: PamResult) => void = () => undefined;
  private userAnswered = false;
  private passwordAnswered = false;
  private readonly onAbort = (): void => {
    this.stop(failure('cancelled', this.currentStage(), 'login cancelled by the caller'), 'cancel');
  };

  constructor(private readonly spec: HelperTransactionSpec) {}

  run(): Promise<PamResult> {
    return new Promise<PamResult>((resolve) => {
      this.resolve = resolve;
      const { spec } = this;
      if (spec.signal?.aborted === true) {
        this.exited = true;
        this.stop(failure('cancelled', 'start', 'login cancelled before it started'), 'kill');
        return;
      }
      let startFrame: Buffer;
      try {
        startFrame = encodeStart({
          service: spec.service,
          user: spec.login.mode === 'direct' ? spec.login.user : '',
          rhost: spec.rhost,
          ruser: spec.ruser,
          mode: spec.login.mode,
          allowChauthtok: spec.allowChauthtok,
        });
      } catch (err) {
        this.exited = true;
        const code = err instanceof AuthError ? err.code : undefined;
        // A user name or address PAM cannot carry (NUL, over 1023 bytes): refuse like a bad password.
        this.stop(failure('auth_failed', 'start', `cannot start PAM: ${errorText(err)}`, { errorCode: code }), 'kill');
        return;
      }

      let child: HelperProcess;
      try {
        child = spawn(spec.helperPath, [], { stdio: ['pipe', 'pipe', spec.stderr], env: { ...spec.env } });
      } catch (err) {
        this.exited = true;
        this.stop(failure('helper_missing', 'helper', `cannot run ${spec.helperPath}: ${errorText(err)}`), 'kill');
        return;
      }
      this.child = child;
      child.on('error', (err: NodeJS.ErrnoException) => {
        if (child.pid !== undefined) return; // a failed kill() on a process already gone: harmless
        this.exited = true;
        const missing = err.code === 'ENOENT' || err.code === 'EACCES';
        this.stop(
          failure(missing ? 'helper_missing' : 'helper_crashed', 'helper', `cannot run ${spec.helperPath}: ${err.message}`),
          'kill',
        );
      });
      // 'close' (not 'exit') so that a result still in the stdout pipe is read first.
      child.on('close', (code, signal) => this.onClose(code, signal));
      child.on('exit', () => {
        this.timers.push(setTimeout(() => child.stdout.destroy(), CLOSE_AFTER_EXIT_MS));
      });
      // EPIPE when the helper is already gone; 'close' reports what happened.
      child.stdin.on('error', () => undefined);
      child.stdout.on('data', (chunk: Buffer) => this.onData(chunk));
      spec.onSpawn(child.pid);

      this.timers.push(
        setTimeout(() => {
          this.stop(
            failure('timeout', this.currentStage(), `no PAM result within ${spec.timeoutMs} ms; helper killed`),
            'kill',
          );
        }, spec.timeoutMs),
      );
      spec.signal?.addEventListener('abort', this.onAbort, { once: true });
      child.stdin.write(startFrame);
    });
  }

  private currentStage(): PamFailure['stage'] {
    return this.state === 'awaiting-client' || this.state === 'notifying' ? 'conversation' : 'helper';
  }

  private onData(chunk: Buffer): void {
    if (this.isStopped()) return;
    let messages: HelperMessage[];
    try {
      messages = this.decoder.push(chunk);
    } catch (err) {
      this.protocolFailure(err);
      return;
    }
    for (const message of messages) {
      if (this.isStopped()) return; // an earlier message in this chunk decided the outcome
      this.onMessage(message);
    }
  }

  private isStopped(): boolean {
    return this.state === 'stopping' || this.state === 'done';
  }

  private protocolFailure(err: unknown): void {
    const code = err instanceof AuthError ? err.code : undefined;
    this.stop(failure('helper_crashed', 'helper', `helper protocol error: ${errorText(err)}`, { errorCode: code }), 'kill');
  }

  private onMessage(message: HelperMessage): void {
    if (this.state !== 'running') {
      // The helper must wait for the answer (or be finished): anything else is not our helper.
      this.protocolFailure(new AuthError('PAM_PROTOCOL', `unexpected ${message.kind} while ${this.state}`));
      return;
    }
    switch (message.kind) {
      case 'info':
      case 'error':
        this.addText(message.text);
        return;
      case 'prompt':
        if (this.spec.login.mode === 'interactive') {
          void this.askClient(message.style, message.text, this.spec.login.conversation);
        } else {
          this.answerDirect(message.style, message.text, this.spec.login);
        }
        return;
      case 'result': {
        const { login } = this.spec;
        this.helperResult = pamOutcome(
          message.stage,
          message.code,
          message.text,
          message.user,
          login.mode,
          'helper',
          this.rememberedTexts,
        );
        if (login.mode === 'interactive' && this.pendingTexts.length > 0) {
          void this.notifyClient(login.conversation, this.helperResult);
        } else {
          this.stop(this.helperResult, 'wait');
        }
        return;
      }
    }
  }

  private addText(text: string): void {
    this.rememberedTexts.push(text);
    if (this.rememberedTexts.length > MAX_REMEMBERED_TEXTS) this.rememberedTexts.shift();
    if (this.spec.login.mode === 'direct') return; // nobody to show them to; kept for the log
    this.pendingTexts.push(text);
    this.pendingTextBytes += Buffer.byteLength(text);
    if (this.pendingTexts.length > MAX_PENDING_TEXTS || this.pendingTextBytes > MAX_PENDING_TEXT_BYTES) {
      this.stop(
        failure('conversation_error', 'conversation', `more than ${MAX_PENDING_TEXTS} texts or ${MAX_PENDING_TEXT_BYTES} bytes without a prompt`),
        'cancel',
      );
    }
  }

  /** Folds buffered info/error texts into this round's text (bconsole has no style for them). */
  private takeFolded(text: string | undefined): string {
    const parts = text === undefined ? this.pendingTexts : [...this.pendingTexts, text];
    this.pendingTexts = [];
    this.pendingTextBytes = 0;
    return parts.join('\n');
  }

  private async askClient(style: number, promptText: string, conversation: PamConversation): Promise<void> {
    this.state = 'awaiting-client';
    const round = { kind: 'prompt' as const, echo: style === PromptStyle.EchoOn, text: this.takeFolded(promptText) };
    let answer: string | Uint8Array | undefined;
    try {
      answer = await conversation(round, this.roundAbort.signal);
    } catch (err) {
      if (this.state !== 'awaiting-client') return;
      this.stop(failure('conversation_error', 'conversation', `conversation callback failed: ${errorText(err)}`), 'cancel');
      return;
    }
    if (this.state !== 'awaiting-client') return; // timed out or cancelled meanwhile
    if (answer === undefined) {
      this.stop(failure('cancelled', 'conversation', 'the client went away during the PAM conversation'), 'cancel');
      return;
    }
    if (this.writeAnswer(answer)) this.state = 'running';
  }

  /**
   * Direct mode knows two answers: the user name for an echo-on prompt and the password for the
   * first echo-off prompt. Any other question (an OTP) fails the login before the password could
   * ever be typed into it.
   */
  private answerDirect(style: number, promptText: string, login: { user: string; password: Buffer }): void {
    if (style === PromptStyle.EchoOn && !this.userAnswered && !this.passwordAnswered) {
      this.userAnswered = true;
      this.writeAnswer(login.user);
      return;
    }
    if (style === PromptStyle.EchoOff && !this.passwordAnswered) {
      this.passwordAnswered = true;
      this.writeAnswer(login.password);
      login.password.fill(0);
      return;
    }
    this.stop(
      failure('extra_prompt', 'conversation', `extra prompt in direct mode: PAM asked "${promptText.trim()}" which a direct (4002) client cannot answer`),
      'cancel',
    );
  }

  /** Encodes and sends one answer; false (and the login stopped) when it cannot be encoded. */
  private writeAnswer(answer: string | Uint8Array): boolean {
    let frame: Buffer;
    try {
      frame = encodeAnswer(answer);
    } catch (err) {
      const code = err instanceof AuthError ? err.code : undefined;
      this.stop(failure('conversation_error', 'conversation', `answer refused: ${errorText(err)}`, { errorCode: code }), 'cancel');
      return false;
    }
    this.writeSecret(frame);
    return true;
  }

  /** Zeroes the frame once the pipe has taken it (or at once if the pipe is gone). */
  private writeSecret(frame: Buffer): void {
    const stdin = this.child?.stdin;
    if (stdin === undefined || stdin.destroyed || !stdin.writable) {
      frame.fill(0);
      return;
    }
    stdin.write(frame, () => frame.fill(0));
  }

  private async notifyClient(conversation: PamConversation, pamResult: PamResult): Promise<void> {
    this.state = 'notifying';
    let reply: string | Uint8Array | undefined;
    try {
      reply = await conversation({ kind: 'notice', text: this.takeFolded(undefined) }, this.roundAbort.signal);
    } catch {
      reply = undefined;
    }
    if (this.state !== 'notifying') return;
    if (reply instanceof Uint8Array) reply.fill(0);
    // The client vanished after PAM said yes: that login cannot complete.
    const outcome =
      reply === undefined && pamResult.ok
        ? failure('cancelled', 'conversation', 'the client went away before the login completed', { pamCode: PamCode.PAM_SUCCESS })
        : pamResult;
    this.stop(outcome, 'wait');
  }

  /** The one way out: record the outcome (first one wins), make the helper go, settle when it has. */
  private stop(outcome: PamResult, how: StopHow): void {
    if (this.state === 'done') return;
    const child = this.child;
    if (this.outcome === undefined) {
      this.outcome = outcome;
      this.state = 'stopping';
      this.roundAbort.abort();
      if (this.spec.login.mode === 'direct') this.spec.login.password.fill(0);
      if (child !== undefined && !this.exited) {
        if (how === 'kill') {
          child.kill('SIGKILL');
        } else {
          // Let modules unwind (pam_end, lock files), but not forever.
          if (how === 'cancel' && child.stdin.writable) child.stdin.write(encodeCancel());
          child.stdin.end();
          this.timers.push(setTimeout(() => child.kill('SIGKILL'), this.spec.cancelGraceMs));
        }
      }
    } else if (how === 'kill' && child !== undefined && !this.exited) {
      child.kill('SIGKILL');
    }
    this.settleIfGone();
  }

  private onClose(code: number | null, signal: NodeJS.Signals | null): void {
    this.exited = true;
    if (this.outcome === undefined) {
      if (this.helperResult !== undefined && this.state === 'notifying') return; // the notice round settles
      if (this.helperResult !== undefined) {
        this.stop(this.helperResult, 'wait');
        return;
      }
      const how = signal !== null ? `killed by ${signal}` : `exited with status ${code ?? '?'}`;
      const partial = this.decoder.pendingBytes > 0 ? ` in the middle of a message (${this.decoder.pendingBytes} bytes)` : '';
      this.stop(failure('helper_crashed', this.currentStage(), `PAM helper ${how}${partial} before sending a result`), 'kill');
      return;
    }
    this.settleIfGone();
  }

  private settleIfGone(): void {
    if (!this.exited || this.outcome === undefined || this.state === 'done') return;
    this.state = 'done';
    for (const t of this.timers) clearTimeout(t);
    this.spec.signal?.removeEventListener('abort', this.onAbort);
    if (this.spec.login.mode === 'direct') this.spec.login.password.fill(0);
    this.resolve(this.outcome);
  }
}
