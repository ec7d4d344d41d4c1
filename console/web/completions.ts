/**
 * Logins finished over the WebSocket wait here for the page to claim them: a WebSocket cannot set a
 * cookie after the upgrade, so the flow ends with a one-time code the page POSTs to
 * /api/auth/complete. A code works once, for a short time; unclaimed director connections are closed.
 */
import type { DirectorClient } from '../../src/client/index.ts';
import { randomToken } from './sessions.ts';

const CODE_LIFETIME_MS = 60_000;
const MAX_WAITING = 256;

export interface CompletedLogin {
  readonly user: string;
  readonly director: string;
  readonly client: DirectorClient;
}

interface Waiting extends CompletedLogin {
  readonly expires: number;
}

export class LoginCompletions {
  private readonly waiting = new Map<string, Waiting>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Returns the code, or undefined when too many logins wait (the caller closes the client). */
  add(login: CompletedLogin): string | undefined {
    this.sweep();
    if (this.waiting.size >= MAX_WAITING) return undefined;
    const code = randomToken();
    this.waiting.set(code, { ...login, expires: this.now() + CODE_LIFETIME_MS });
    setTimeout(() => this.sweep(), CODE_LIFETIME_MS + 100).unref();
    return code;
  }

  take(code: string): CompletedLogin | undefined {
    this.sweep();
    const entry = this.waiting.get(code);
    if (!entry) return undefined;
    this.waiting.delete(code);
    return entry;
  }

  sweep(): void {
    const now = this.now();
    for (const [code, entry] of this.waiting) {
      if (entry.expires > now) continue;
      this.waiting.delete(code);
      void entry.client.close().catch(() => undefined);
    }
  }

  async closeAll(): Promise<void> {
    const entries = [...this.waiting.values()];
    this.waiting.clear();
    await Promise.all(entries.map((e) => e.client.close().catch(() => undefined)));
  }
}
