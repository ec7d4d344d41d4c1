/**
 * Failed-login counting per key (`addr:<ip>`, `user:<name>`) in a sliding window. A key that reached
 * the limit is refused until its oldest failure leaves the window. Bounded: at most `maxKeys` keys are
 * tracked; when full, the key whose newest failure is oldest is dropped first.
 */
export interface RateLimitOptions {
  readonly limit: number;
  readonly windowMs: number;
  readonly maxKeys?: number;
  readonly now?: () => number;
}

export class FailureLimiter {
  private readonly failures = new Map<string, number[]>();
  private readonly maxKeys: number;
  private readonly now: () => number;

  constructor(private readonly options: RateLimitOptions) {
    this.maxKeys = options.maxKeys ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  /** Milliseconds until `key` may try again; 0 when it may try now. */
  blockedFor(key: string): number {
    const times = this.recent(key);
    if (times.length < this.options.limit) return 0;
    const oldest = times[times.length - this.options.limit] ?? 0;
    return Math.max(1, oldest + this.options.windowMs - this.now());
  }

  record(key: string): void {
    const times = this.recent(key);
    times.push(this.now());
    // Only the newest `limit` failures matter for blockedFor().
    if (times.length > this.options.limit) times.splice(0, times.length - this.options.limit);
    this.failures.delete(key);
    this.failures.set(key, times);
    if (this.failures.size > this.maxKeys) {
      const first = this.failures.keys().next();
      if (!first.done) this.failures.delete(first.value);
    }
  }

  clear(key: string): void {
    this.failures.delete(key);
  }

  private recent(key: string): number[] {
    const cutoff = this.now() - this.options.windowMs;
    const times = (this.failures.get(key) ?? []).filter((t) => t > cutoff);
    if (times.length === 0) this.failures.delete(key);
    return times;
  }
}
