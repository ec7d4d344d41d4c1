/**
 * Login rate limiting, per client address and per user name: failed logins are counted in a sliding
 * window; at the limit further attempts get RATE_LIMITED (429) without reaching the director, so a
 * password guesser can neither try many passwords nor make the director's own limiter lock the user.
 */
import { ErrorCode, WebError } from './errors.ts';
import { FailureLimiter } from './rate-limit.ts';

export interface LoginLimits {
  /** Failed logins per client address within the window. */
  readonly perAddress: number;
  /** Failed logins per user name within the window. */
  readonly perUser: number;
  readonly windowMs: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = { perAddress: 20, perUser: 5, windowMs: 5 * 60_000 };

export class LoginGuard {
  private readonly byAddress: FailureLimiter;
  private readonly byUser: FailureLimiter;

  constructor(limits: LoginLimits, now?: () => number) {
    this.byAddress = new FailureLimiter({ limit: limits.perAddress, windowMs: limits.windowMs, ...(now ? { now } : {}) });
    this.byUser = new FailureLimiter({ limit: limits.perUser, windowMs: limits.windowMs, ...(now ? { now } : {}) });
  }

  blockedFor(address: string, user: string | undefined): number {
    const forUser = user === undefined ? 0 : this.byUser.blockedFor(user);
    return Math.max(this.byAddress.blockedFor(address), forUser);
  }

  /** Throws RATE_LIMITED when the address or the user is blocked. */
  check(address: string, user: string | undefined): void {
    const blocked = this.blockedFor(address, user);
    if (blocked > 0) {
      const seconds = Math.ceil(blocked / 1000);
      throw new WebError(ErrorCode.RateLimited, `too many failed logins; try again in ${seconds} s`, undefined, seconds);
    }
  }

  failed(address: string, user: string | undefined): void {
    this.byAddress.record(address);
    if (user !== undefined) this.byUser.record(user);
  }

  succeeded(user: string): void {
    this.byUser.clear(user);
  }
}
