/**
 * Browser sessions: one director connection each, found by a random cookie value. A session ends on
 * logout, after its absolute lifetime (TTL), after being idle too long, or when its director
 * connection breaks; ending it always closes the director connection. Commands of one session run one
 * at a time (the console protocol has one command in flight per connection), with a short bounded queue.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { DirectorClient } from '../../src/client/index.ts';
import { ErrorCode, WebError } from './errors.ts';

/** Commands waiting behind the running one before the session answers BUSY. */
const MAX_QUEUED_COMMANDS = 8;

export type SessionEndReason = 'logout' | 'expired' | 'idle' | 'director-lost' | 'shutdown';

export interface WebSession {
  readonly id: string;
  readonly csrfToken: string;
  readonly user: string;
  readonly director: string;
  readonly createdAt: number;
  lastSeen: number;
}

/**
 * How a session gets a new director connection without the password: a signed login token (issue 8)
 * the director issued after the PAM login, used in place of the password in `4002`.
 */
export interface Renewal {
  token: string;
  /** Unix milliseconds. */
  expiresAt: number;
  /** Logs in again with the token; resolves with the new connection and, if issued, a fresh token. */
  readonly reconnect: (token: string) => Promise<{ client: DirectorClient; token?: { token: string; expiresAt: number } }>;
  /** Revokes the user's tokens on the director and ends that connection (`.logout`). */
  readonly revoke: (client: DirectorClient) => Promise<void>;
}

interface Entry {
  readonly session: WebSession;
  client: DirectorClient;
  readonly renewal: Renewal | undefined;
  tail: Promise<unknown>;
  queued: number;
}

export interface SessionStoreOptions {
  readonly ttlMs: number;
  readonly idleMs: number;
  readonly maxSessions: number;
  readonly now?: () => number;
  readonly onEnd?: (session: WebSession, reason: SessionEndReason) => void;
  readonly onReconnect?: (session: WebSession) => void;
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export class SessionStore {
  private readonly entries = new Map<string, Entry>();
  private readonly now: () => number;
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly options: SessionStoreOptions) {
    this.now = options.now ?? Date.now;
    this.sweeper = setInterval(() => this.sweep(), Math.min(30_000, Math.max(1_000, options.idleMs / 4)));
    this.sweeper.unref();
  }

  get size(): number {
    return this.entries.size;
  }

  /** Checked before a login opens a director connection; refusing is safer than evicting someone. */
  assertRoom(): void {
    if (this.entries.size >= this.options.maxSessions) {
      throw new WebError(ErrorCode.Busy, `the gateway already holds ${this.options.maxSessions} sessions; try again later`, undefined, 60);
    }
  }

  create(user: string, director: string, client: DirectorClient, renewal?: Renewal): WebSession {
    this.assertRoom();
    const now = this.now();
    const session: WebSession = { id: randomToken(), csrfToken: randomToken(), user, director, createdAt: now, lastSeen: now };
    this.entries.set(session.id, { session, client, renewal, tail: Promise.resolve(), queued: 0 });
    return session;
  }

  /** The live session for a cookie value, touched; expired ones are ended here. */
  get(id: string | undefined): WebSession | undefined {
    if (id === undefined) return undefined;
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    const reason = this.expiry(entry.session);
    if (reason) {
      void this.end(id, reason);
      return undefined;
    }
    entry.session.lastSeen = this.now();
    return entry.session;
  }

  /** Runs `work` on the session's director connection after the commands before it. */
  run<T>(session: WebSession, work: (client: DirectorClient) => Promise<T>): Promise<T> {
    const entry = this.entries.get(session.id);
    if (!entry) return Promise.reject(new WebError(ErrorCode.Unauthenticated, 'the session has ended; log in again'));
    if (entry.queued >= MAX_QUEUED_COMMANDS) {
      return Promise.reject(new WebError(ErrorCode.Busy, `${MAX_QUEUED_COMMANDS} commands are already waiting on this session`, undefined, 1));
    }
    entry.queued++;
    const result = entry.tail.then(async () => {
      try {
        if (entry.client.closed) await this.reconnect(entry);
        return await work(entry.client);
      } finally {
        entry.queued--;
        entry.session.lastSeen = this.now();
        // With a usable token the next command reconnects; without one the session is over.
        if (entry.client.closed && !this.canRenew(entry)) void this.end(session.id, 'director-lost');
      }
    });
    entry.tail = result.catch(() => undefined);
    return result;
  }

  async end(id: string, reason: SessionEndReason): Promise<void> {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.entries.delete(id);
    this.options.onEnd?.(entry.session, reason);
    if (entry.renewal && !entry.client.closed) await entry.renewal.revoke(entry.client).catch(() => undefined);
    await entry.client.close().catch(() => undefined);
  }

  private canRenew(entry: Entry): boolean {
    return entry.renewal !== undefined && entry.renewal.expiresAt > this.now();
  }

  private async reconnect(entry: Entry): Promise<void> {
    const renewal = entry.renewal;
    if (!renewal || !this.canRenew(entry)) throw new WebError(ErrorCode.DirectorUnavailable, 'the connection to the director was lost; log in again');
    try {
      const fresh = await renewal.reconnect(renewal.token);
      entry.client = fresh.client;
      if (fresh.token) Object.assign(renewal, fresh.token);
      this.options.onReconnect?.(entry.session);
    } catch {
      void this.end(entry.session.id, 'director-lost');
      throw new WebError(ErrorCode.DirectorUnavailable, 'the connection to the director was lost and could not be renewed; log in again');
    }
  }

  sweep(): void {
    for (const [id, entry] of this.entries) {
      const reason = this.expiry(entry.session);
      if (reason) void this.end(id, reason);
    }
  }

  async closeAll(): Promise<void> {
    clearInterval(this.sweeper);
    await Promise.all([...this.entries.keys()].map((id) => this.end(id, 'shutdown')));
  }

  private expiry(session: WebSession): SessionEndReason | undefined {
    const now = this.now();
    if (now - session.createdAt >= this.options.ttlMs) return 'expired';
    if (now - session.lastSeen >= this.options.idleMs) return 'idle';
    return undefined;
  }
}
