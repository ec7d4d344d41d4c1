/**
 * The TCP listener: caps connections that have not logged in yet, runs the login on each, hands
 * successful ones to a ConsoleSession, and turns every refusal into one log line, the protocol's
 * reply and a close. One connection's failure never touches another.
 */
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { encodeData, encodeSignal } from '../../src/wire/frame.ts';
import { Signal } from '../../src/wire/signals.ts';
import type { DirectorRuntime } from '../runtime.ts';
import { LoginRefusedError } from '../login/errors.ts';
import { LoginProgress, login, refusalBytes, type LoginResult } from '../login/login.ts';
import { ConsoleSession } from '../session/session.ts';

function evictedError(cap: number): LoginRefusedError {
  return new LoginRefusedError('ERR_PENDING_EVICTED', `dropped as the oldest unfinished login to make room for a new connection (Maximum Pending Connections ${cap} reached)`, 'close');
}

export class DirectorServer {
  private readonly servers: Server[] = [];
  private readonly sockets = new Set<Socket>();
  private pending = 0;
  /** Connections still logging in, oldest first (Map keeps insertion order); evicted ones leave it. */
  private readonly admitting = new Map<Socket, LoginProgress>();
  private readonly evicted = new Set<Socket>();
  private closing = false;

  constructor(private readonly runtime: DirectorRuntime) {}

  get pendingConnections(): number {
    return this.pending;
  }

  /** Listen on every configured address (or the given override); resolves to the bound addresses. */
  async listen(override?: { host?: string; port?: number }): Promise<AddressInfo[]> {
    const addresses = this.runtime.settings.addresses.map((a) => ({ host: override?.host ?? a.host, port: override?.port ?? a.port }));
    const bound: AddressInfo[] = [];
    for (const address of addresses) {
      const server = createServer({ noDelay: true, keepAlive: true }, (socket) => this.accept(socket));
      server.maxConnections = Number.MAX_SAFE_INTEGER;
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen({ host: address.host, port: address.port, backlog: 4096 }, () => {
          server.off('error', reject);
          resolve();
        });
      });
      server.on('error', (error) => this.runtime.logger.log('error', 'listener.error', error.message));
      this.servers.push(server);
      bound.push(server.address() as AddressInfo);
    }
    for (const a of bound) this.runtime.logger.log('info', 'listener.ready', `listening on ${a.address}:${a.port}`);
    return bound;
  }

  /** Stop accepting, end every connection, resolve when all are closed. */
  async close(): Promise<void> {
    this.closing = true;
    // server.close() waits for open connections, so end them first.
    const closed = Promise.all(this.servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    await closed;
  }

  private accept(socket: Socket): void {
    const remote = socket.remoteAddress ?? 'unknown';
    socket.on('error', () => undefined); // errors are handled by whoever reads; never crash the daemon
    if (this.closing) {
      socket.destroy();
      return;
    }
    const settings = this.runtime.settings;
    if (this.admitting.size >= settings.maxPendingConnections && !this.evictOldest()) {
      this.runtime.metrics.refusedConnections++;
      this.runtime.logger.log('warn', 'login.refused', `too many connections still logging in (${this.pending}, Maximum Pending Connections ${settings.maxPendingConnections})`, { remote, result: 'ERR_TOO_MANY_PENDING', code: 'ERR_TOO_MANY_PENDING' });
      socket.destroy();
      return;
    }
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
    this.pending++;
    const progress = new LoginProgress();
    this.admitting.set(socket, progress);
    const deps = {
      settings,
      pam: this.runtime.pam,
      logger: this.runtime.logger,
      limiter: this.runtime.limiter,
      namedConsoleCount: () => this.runtime.namedConsoleCount(),
    };
    login(socket, remote, deps, progress).then(
      (result) => {
        this.admitting.delete(socket);
        this.pending--;
        try {
          this.startSession(result, remote, progress);
        } catch (error) {
          // A bug must cost this connection, never the daemon.
          this.runtime.logger.log('error', 'session.internal_error', String((error as Error).stack ?? error), { remote });
          result.conn.destroy();
        }
      },
      (error: unknown) => {
        this.admitting.delete(socket);
        this.refuse(socket, remote, progress, this.evicted.delete(socket) ? evictedError(settings.maxPendingConnections) : error);
      },
    );
  }

  /**
   * Issue 9 fix: with the pre-auth cap full of connections that never finish (a silent flood), a
   * newcomer used to be refused, so no real console could log in until the flood stopped. Now the
   * oldest login still in progress is dropped instead, except one in PAM (a person may be typing).
   * A real login finishes in milliseconds, so a flood would need cap/ms new connections to evict it.
   */
  private evictOldest(): boolean {
    for (const [socket, progress] of this.admitting) {
      if (progress.phase === 'pam') continue;
      this.admitting.delete(socket);
      this.evicted.add(socket);
      socket.destroy();
      return true;
    }
    return false;
  }

  private startSession(result: LoginResult, remote: string, progress: LoginProgress): void {
    const elapsed = Math.round(performance.now() - progress.started);
    this.runtime.metrics.recordAttempt(result.mode, 'ok');
    this.runtime.metrics.recordPhases(result.phases);
    this.runtime.logger.log('info', 'login.ok', `console "${result.account.name}" logged in${result.userName ? ` as "${result.userName}"` : ''}`, {
      remote,
      console: result.account.name,
      pam_user: result.userName,
      mode: result.mode,
      result: 'ok',
      encryption: result.encryption ?? 'none',
      duration_ms: elapsed,
    });
    const session = new ConsoleSession(result, this.runtime, remote);
    this.runtime.live.add(session);
    void session.run().finally(() => {
      this.runtime.live.delete(session);
      this.runtime.logger.log('info', 'session.closed', `console "${result.account.name}" left`, { remote, console: result.account.name, session: session.id });
    });
  }

  /** The one fatal path for a login: log the reason, send the protocol's reply, close. */
  private refuse(socket: Socket, remote: string, progress: LoginProgress, error: unknown): void {
    const refusal = error instanceof LoginRefusedError ? error : new LoginRefusedError('ERR_INTERNAL', `internal error during login: ${(error as Error).message}`, 'close');
    if (!(error instanceof LoginRefusedError)) this.runtime.logger.log('error', 'login.internal_error', String((error as Error).stack ?? error), { remote });
    const mode = progress.mode ?? (progress.consoleName === undefined ? 'unknown' : progress.consoleName === '*UserAgent*' ? 'default' : 'named');
    this.runtime.metrics.recordAttempt(mode, 'refused');
    this.runtime.metrics.recordRefusal(refusal.code);
    this.runtime.logger.log('warn', 'login.refused', refusal.message, {
      remote,
      console: progress.consoleName,
      pam_user: progress.pamUser,
      mode,
      phase: progress.phase,
      result: refusal.code,
      duration_ms: Math.round(performance.now() - progress.started),
    });
    if (refusal.delay) this.runtime.limiter.record(`addr:${remote}`);
    const finish = (): void => {
      this.pending--;
      const target = progress.conn?.raw ?? socket;
      for (const item of refusalBytes(refusal)) {
        if (!target.writable) break;
        target.write(item === 'terminate' ? encodeSignal(Signal.Terminate) : encodeData(item));
      }
      target.end();
      // Do not wait forever for a peer that never reads.
      setTimeout(() => target.destroy(), 2000).unref();
    };
    if (refusal.delay && this.runtime.settings.authFailureDelayMs > 0) {
      setTimeout(finish, this.runtime.settings.authFailureDelayMs).unref();
    } else {
      finish();
    }
  }
}
