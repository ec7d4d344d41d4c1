/**
 * Per-address and per-user login failure counting with backoff. After `limit` failures inside
 * `windowMs`, further attempts from that address (or for that user) are refused until the oldest
 * failure leaves the window. Memory is bounded: at most `maxKeys` keys are tracked.
 */
export class FailureLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly maxKeys = 100_000,
  ) {}

  /** Milliseconds until `key` may try again, or 0 when it may try now. */
  blockedFor(key: string, now = Date.now()): number {
    if (this.limit <= 0) return 0;
    const times = this.prune(key, now);
    if (times.length < this.limit) return 0;
    return (times[0] ?? now) + this.windowMs - now;
  }

  record(key: string, now = Date.now()): void {
    if (this.limit <= 0) return;
    const times = this.prune(key, now);
    times.push(now);
    if (!this.failures.has(key)) {
      if (this.failures.size >= this.maxKeys) {
        const oldest = this.failures.keys().next().value;
        if (oldest !== undefined) this.failures.delete(oldest);
      }
      this.failures.set(key, times);
    }
  }

  reset(key: string): void {
    this.failures.delete(key);
  }

  private prune(key: string, now: number): number[] {
    const times = this.failures.get(key) ?? [];
    while (times.length > 0 && (times[0] ?? 0) <= now - this.windowMs) times.shift();
    if (times.length === 0) this.failures.delete(key);
    return times;
  }
}
