/**
 * The director's entry point for PAM: one call per login, either relaying an interactive
 * conversation (4001) or answering PAM itself with a user and password (4002). It admits a bounded
 * number of logins at once, picks the helper (or the node-linux-pam fallback for direct mode), and
 * reports every login on the diagnostics channels.
 */
import { performance } from 'node:perf_hooks';
import { PamFieldError } from './errors.ts';
import { pamResultChannel, pamStartChannel, type PamResultEvent, type PamStartEvent } from './diagnostics.ts';
import { fallbackDirect, loadNodeLinuxPam } from './fallback.ts';
import { DEFAULT_HELPER_PATH, isExecutable } from './helper-path.ts';
import { failure } from './outcome.ts';
import { runHelperTransaction } from './transaction.ts';
import type { DirectPamRequest, PamAuthenticatorOptions, PamRequest, PamResult } from './types.ts';

/** Variables of the director passed on to the helper; everything else (catalog passwords, LD_*) stays. */
const INHERITED_ENV = /^(PATH|HOME|TZ|LANG|LANGUAGE|LC_[A-Z_]+)$/;
const DEFAULT_CANCEL_GRACE_MS = 1000;

let nextLoginId = 0;

/**
 * spawn() is synchronous (fork + exec, a few ms for a large process): fifty logins arriving in one
 * tick would stall the loop for the sum. Spawns take turns, one per loop iteration, process-wide.
 */
let spawnTurn: Promise<void> = Promise.resolve();
function nextSpawnTurn(): Promise<void> {
  const turn = spawnTurn.then(() => new Promise<void>((resolve) => setImmediate(resolve)));
  spawnTurn = turn;
  return turn;
}

function helperEnvironment(extra: Readonly<Record<string, string>> | undefined): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && INHERITED_ENV.test(key)) env[key] = value;
  }
  return { ...env, ...extra };
}

export class PamAuthenticator {
  readonly service: string;
  readonly helperPath: string;
  private readonly options: PamAuthenticatorOptions;
  private readonly env: Record<string, string>;
  private active = 0;

  constructor(options: PamAuthenticatorOptions) {
    if (options.service === '') throw new PamFieldError('PAM service name is empty');
    if (!(options.timeoutMs > 0)) throw new PamFieldError('PAM timeoutMs must be positive');
    if (!(options.maxConcurrent >= 1)) throw new PamFieldError('PAM maxConcurrent must be at least 1');
    this.options = options;
    this.service = options.service;
    this.helperPath = options.helperPath ?? DEFAULT_HELPER_PATH;
    this.env = helperEnvironment(options.env);
  }

  /** Logins in progress (helper processes alive or fallback calls outstanding). */
  get activeCount(): number {
    return this.active;
  }

  /** Never throws: every failure is a PamResult with a reason. */
  async authenticate(request: PamRequest): Promise<PamResult> {
    const id = ++nextLoginId;
    const started = performance.now();
    const finish = (result: PamResult): PamResult => {
      this.publishResult(id, started, result);
      return result;
    };
    if (this.active >= this.options.maxConcurrent) {
      return finish(failure('busy', 'start', `${this.active} PAM logins already running (limit ${this.options.maxConcurrent})`));
    }
    // Taken before any await, so a burst of calls cannot overshoot the limit.
    this.active++;
    let released = false;
    const release = (): void => {
      if (!released) {
        released = true;
        this.active--;
      }
    };
    try {
      if (await isExecutable(this.helperPath)) {
        await nextSpawnTurn();
        return finish(await this.viaHelper(id, request));
      }
      if (request.mode === 'interactive') {
        return finish(failure('helper_missing', 'helper', `PAM helper ${this.helperPath} is not built; interactive PAM needs it`));
      }
      const pam = this.options.fallback === false ? undefined : await loadNodeLinuxPam();
      if (pam === undefined) {
        return finish(failure('helper_missing', 'helper', `PAM helper ${this.helperPath} is not built and node-linux-pam is not available`));
      }
      const run = this.viaFallback(id, request, pam);
      // The fallback cannot be killed: its slot stays taken until libpam really returns.
      run.work.finally(release).catch(() => undefined);
      released = true;
      return finish(await run.result);
    } finally {
      release();
    }
  }

  private viaHelper(id: number, request: PamRequest): Promise<PamResult> {
    const base = {
      helperPath: this.helperPath,
      env: this.env,
      stderr: this.options.helperStderr ?? 'ignore',
      service: this.service,
      rhost: request.rhost,
      timeoutMs: this.options.timeoutMs,
      cancelGraceMs: this.options.cancelGraceMs ?? DEFAULT_CANCEL_GRACE_MS,
      signal: request.signal,
    } as const;
    const publishStart = (pid: number | undefined, user: string | undefined): void =>
      this.publishStart({ id, service: this.service, mode: request.mode, backend: 'helper', rhost: request.rhost, user, pid });
    if (request.mode === 'interactive') {
      return runHelperTransaction({
        ...base,
        ruser: request.ruser ?? '',
        allowChauthtok: this.options.allowPasswordChange ?? true,
        onSpawn: (pid) => publishStart(pid, undefined),
        login: { mode: 'interactive', conversation: request.conversation },
      });
    }
    return runHelperTransaction({
      ...base,
      ruser: request.ruser ?? request.user,
      allowChauthtok: false,
      onSpawn: (pid) => publishStart(pid, request.user),
      // Our own copy, zeroed by the transaction; the caller's value is the caller's business.
      login: { mode: 'direct', user: request.user, password: Buffer.from(request.password) },
    });
  }

  private viaFallback(
    id: number,
    request: DirectPamRequest,
    pam: NonNullable<Awaited<ReturnType<typeof loadNodeLinuxPam>>>,
  ): { work: Promise<PamResult>; result: Promise<PamResult> } {
    this.publishStart({ id, service: this.service, mode: 'direct', backend: 'fallback', rhost: request.rhost, user: request.user });
    const password = typeof request.password === 'string' ? request.password : Buffer.from(request.password).toString('utf8');
    const work = fallbackDirect(pam, this.service, request.user, password, request.rhost);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<PamResult>((resolve) => {
      timer = setTimeout(
        () => resolve(failure('timeout', 'authenticate', `no PAM result within ${this.options.timeoutMs} ms (node-linux-pam keeps running in the thread pool)`, { backend: 'fallback' })),
        this.options.timeoutMs,
      );
    });
    const result = Promise.race([work, timeout]).finally(() => clearTimeout(timer));
    return { work, result };
  }

  private publishStart(event: PamStartEvent): void {
    if (pamStartChannel.hasSubscribers) pamStartChannel.publish(event);
  }

  private publishResult(id: number, started: number, result: PamResult): void {
    if (!pamResultChannel.hasSubscribers) return;
    const durationMs = Math.round(performance.now() - started);
    const event: PamResultEvent = result.ok
      ? { id, ok: true, user: result.user, durationMs }
      : {
          id,
          ok: false,
          user: result.user,
          reason: result.reason,
          stage: result.stage,
          pamCode: result.pamCode,
          pamCodeName: result.pamCodeName,
          message: result.message,
          durationMs,
        };
    pamResultChannel.publish(event);
  }
}
