/**
 * The login screen's state machine, free of any terminal code:
 *
 *   choosing --pick--> [asking-password (direct PAM only)] --> connecting
 *   connecting --director sends a PAM prompt--> pam-prompt --answer--> connecting ...  (any number of rounds)
 *   connecting --ok--> logged-in        connecting / pam-prompt --error--> failed --retry--> connecting
 *
 * The PAM conversation itself runs inside the client library; this model only turns each relayed
 * prompt into a field and hands the typed answer back. Answers are passed through, never kept.
 */
import type { PamOptions, PamPrompt } from '../../../src/client/index.ts';
import { LoginStateError } from '../errors.ts';
import { describeFailure, type FailureText } from '../describe-error.ts';
import type { DirectorTarget } from '../targets.ts';

export interface Closable {
  close(): Promise<void>;
}

export type Connector<S extends Closable> = (target: DirectorTarget, pam: PamOptions) => Promise<S>;

/** One PAM prompt as a form field: texts before the last line are shown above it as information. */
export interface PamField {
  readonly label: string;
  readonly hidden: boolean;
  readonly info: readonly string[];
  /** 1 for the first prompt of this attempt. */
  readonly round: number;
}

export type LoginState<S extends Closable> =
  | { readonly kind: 'choosing'; readonly selected: number }
  | { readonly kind: 'asking-password'; readonly target: DirectorTarget; readonly user: string }
  | { readonly kind: 'connecting'; readonly target: DirectorTarget; readonly rounds: number }
  | { readonly kind: 'pam-prompt'; readonly target: DirectorTarget; readonly field: PamField }
  | { readonly kind: 'failed'; readonly target: DirectorTarget; readonly failure: FailureText }
  | { readonly kind: 'logged-in'; readonly target: DirectorTarget; readonly session: S };

export interface LoginModelOptions<S extends Closable> {
  readonly targets: readonly DirectorTarget[];
  readonly connect: Connector<S>;
  /** Direct-mode PAM (`--pam-user`): the password is asked before connecting. */
  readonly pamUser?: string;
}

/** Cancelled by the user (Esc) while the director waited for a PAM answer. */
export class LoginCancelledError extends Error {
  readonly code = 'ERR_CONSOLE_LOGIN_CANCELLED';
  constructor() {
    super('login cancelled');
    this.name = 'LoginCancelledError';
  }
}

export function pamField(prompt: PamPrompt, round: number): PamField {
  const lines = prompt.text.replace(/\r/g, '').split('\n');
  while (lines.length > 1 && lines[lines.length - 1]?.trim() === '') lines.pop();
  const label = lines.pop() ?? '';
  return { label, hidden: !prompt.echo, info: lines.filter((l) => l.trim() !== ''), round };
}

export class LoginModel<S extends Closable> {
  private current: LoginState<S>;
  private readonly listeners = new Set<(state: LoginState<S>) => void>();
  private pendingAnswer: { resolve: (answer: string) => void; reject: (error: Error) => void } | undefined;
  /** Bumped by every attempt, so a late result of an abandoned attempt is ignored. */
  private attempt = 0;

  constructor(private readonly options: LoginModelOptions<S>) {
    if (options.targets.length === 0) throw new LoginStateError('no director to log in to');
    this.current = { kind: 'choosing', selected: 0 };
  }

  get state(): LoginState<S> {
    return this.current;
  }

  get targets(): readonly DirectorTarget[] {
    return this.options.targets;
  }

  onChange(listener: (state: LoginState<S>) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Only one director: skip the chooser. */
  start(): void {
    if (this.options.targets.length === 1) this.pick(0);
  }

  moveSelection(delta: number): void {
    if (this.current.kind !== 'choosing') return;
    const count = this.options.targets.length;
    this.set({ kind: 'choosing', selected: (this.current.selected + delta + count) % count });
  }

  pick(index = this.current.kind === 'choosing' ? this.current.selected : 0): void {
    const target = this.options.targets[index];
    if (!target) throw new LoginStateError(`no director number ${index + 1}`);
    if (this.options.pamUser !== undefined) {
      this.set({ kind: 'asking-password', target, user: this.options.pamUser });
      return;
    }
    void this.run(target, (attempt) => ({ prompt: (prompt) => this.relayPrompt(target, prompt, attempt) }));
  }

  /** The typed answer of the open field: the direct-mode password or a PAM prompt's answer. */
  submit(answer: string): void {
    const state = this.current;
    if (state.kind === 'asking-password') {
      void this.run(state.target, () => ({ user: state.user, password: answer }));
      return;
    }
    if (state.kind !== 'pam-prompt' || !this.pendingAnswer) throw new LoginStateError('no prompt is open');
    const pending = this.pendingAnswer;
    this.pendingAnswer = undefined;
    this.set({ kind: 'connecting', target: state.target, rounds: state.field.round });
    pending.resolve(answer);
  }

  /** Try the same director again (Enter on the error). */
  retry(): void {
    const state = this.current;
    if (state.kind !== 'failed') return;
    this.pick(this.options.targets.indexOf(state.target));
  }

  /** Esc: abandon a running attempt or an open prompt and go back to the chooser. */
  cancel(): void {
    const state = this.current;
    if (state.kind === 'choosing' || state.kind === 'logged-in') return;
    this.attempt++;
    const pending = this.pendingAnswer;
    this.pendingAnswer = undefined;
    pending?.reject(new LoginCancelledError());
    const selected = Math.max(0, this.options.targets.indexOf(state.target));
    this.set({ kind: 'choosing', selected });
  }

  /** Log in again to the same director after the session broke (reconnect). */
  reconnect(target: DirectorTarget): void {
    const index = this.options.targets.indexOf(target);
    this.pick(index < 0 ? 0 : index);
  }

  private async run(target: DirectorTarget, pamFor: (attempt: number) => PamOptions): Promise<void> {
    const attempt = ++this.attempt;
    this.set({ kind: 'connecting', target, rounds: 0 });
    try {
      const session = await this.options.connect(target, pamFor(attempt));
      if (attempt !== this.attempt) {
        await session.close();
        return;
      }
      this.set({ kind: 'logged-in', target, session });
    } catch (error) {
      if (attempt !== this.attempt || error instanceof LoginCancelledError) return;
      this.pendingAnswer = undefined;
      this.set({ kind: 'failed', target, failure: describeFailure(error) });
    }
  }

  private relayPrompt(target: DirectorTarget, prompt: PamPrompt, attempt: number): Promise<string> {
    if (attempt !== this.attempt) return Promise.reject(new LoginCancelledError());
    const rounds = this.current.kind === 'connecting' ? this.current.rounds : 0;
    return new Promise<string>((resolve, reject) => {
      this.pendingAnswer = { resolve, reject };
      this.set({ kind: 'pam-prompt', target, field: pamField(prompt, rounds + 1) });
    });
  }

  private set(state: LoginState<S>): void {
    this.current = state;
    for (const listener of this.listeners) listener(state);
  }
}
