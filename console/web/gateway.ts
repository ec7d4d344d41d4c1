/**
 * The web gateway: routes the HTTP API to per-session director connections and serves the page.
 *
 *   request -> static page? -> route lookup -> session (cookie) -> Origin + CSRF checks -> handler
 *
 * Without a session every path but the page, the login endpoints and the public paths answers 401.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { connect as tcpConnect } from 'node:net';
import type { DirectorClient, JsonValue } from '../../src/client/index.ts';
import { TSBAREOS_VERSION } from '../../src/version.ts';
import { LISTINGS, checkConsoleCommand, firstWord, listingCommand, type Listing } from './commands.ts';
import { LoginCompletions } from './completions.ts';
import { loginDirect } from './director-login.ts';
import { fetchLoginToken, tokenRenewal } from './login-token.ts';
import type { DirectorTarget } from './directors.ts';
import { ErrorCode, WebError, commandFailure, deniedCommand, forbidden } from './errors.ts';
import { clientAddress, originAllowed, parseCookies, readJsonObject, sendError, sendJson, sendText, sessionCookie, stringField } from './http.ts';
import { DEFAULT_LOGIN_LIMITS, LoginGuard, type LoginLimits } from './login-guard.ts';
import { SessionStore, sameToken, type SessionEndReason, type WebSession } from './sessions.ts';
import { CONTENT_SECURITY_POLICY, loadStaticFiles, type StaticFile } from './static-files.ts';
import { WsLogin } from './ws-login.ts';

export const DEFAULT_PUBLIC_PATHS = ['/api/health', '/api/status'] as const;
/** Paths that may be made public: they answer without a director connection. */
const PUBLIC_CAPABLE = new Set<string>(DEFAULT_PUBLIC_PATHS);
export const LOGIN_WS_PATH = '/api/auth/ws';

export type GatewayLog = (event: string, fields: Record<string, unknown>) => void;

export interface GatewayOptions {
  readonly directors: readonly DirectorTarget[];
  readonly publicPaths?: readonly string[];
  readonly sessionTtlSeconds?: number;
  readonly idleTimeoutSeconds?: number;
  readonly maxSessions?: number;
  /** Set the cookie's Secure flag: on HTTPS, and behind a proxy that terminates HTTPS. */
  readonly secureCookies: boolean;
  /** Take the client address from X-Forwarded-For (only behind a reverse proxy you run). */
  readonly trustProxy?: boolean;
  /** Origins accepted besides this host's own (e.g. the proxy's public origin when it rewrites Host). */
  readonly allowedOrigins?: readonly string[];
  readonly loginLimits?: LoginLimits;
  /** Ask the director for a login token after each login, to reconnect after a drop (default true). */
  readonly loginTokens?: boolean;
  readonly log?: GatewayLog;
  readonly now?: () => number;
}

export class PublicPathError extends Error {
  readonly code = 'ERR_PUBLIC_PATH';
  constructor(path: string) {
    super(`"${path}" cannot be public: only ${[...PUBLIC_CAPABLE].join(', ')} answer without a logged-in user`);
    this.name = 'PublicPathError';
  }
}

interface Context {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly url: URL;
  readonly address: string;
  readonly session: WebSession | undefined;
}

type Access = 'anyone' | 'public-path' | 'session';

interface Route {
  readonly method: 'GET' | 'POST';
  readonly access: Access;
  /** Needs X-CSRF-Token equal to the session's token. */
  readonly csrf: boolean;
  readonly handle: (ctx: Context) => Promise<void>;
}

export class Gateway {
  private readonly sessions: SessionStore;
  private readonly guard: LoginGuard;
  private readonly completions: LoginCompletions;
  private readonly wsLogin: WsLogin;
  private readonly routes: ReadonlyMap<string, Route>;
  private readonly publicPaths: ReadonlySet<string>;
  private readonly staticFiles: ReadonlyMap<string, StaticFile>;
  private readonly ttlSeconds: number;
  private readonly cookieName: string;
  private readonly log: GatewayLog;
  private readonly reachability = new Map<string, { at: number; reachable: boolean }>();

  constructor(private readonly options: GatewayOptions) {
    if (options.directors.length === 0) throw new Error('the gateway configuration names no Director');
    for (const path of options.publicPaths ?? []) if (!PUBLIC_CAPABLE.has(path)) throw new PublicPathError(path);
    this.publicPaths = new Set(options.publicPaths ?? DEFAULT_PUBLIC_PATHS);
    this.ttlSeconds = options.sessionTtlSeconds ?? 8 * 3600;
    this.log = options.log ?? (() => undefined);
    const now = options.now ?? Date.now;
    this.sessions = new SessionStore({
      ttlMs: this.ttlSeconds * 1000,
      idleMs: (options.idleTimeoutSeconds ?? 30 * 60) * 1000,
      maxSessions: options.maxSessions ?? 1000,
      now,
      onEnd: (s, reason) => this.log('session.end', { user: s.user, director: s.director, reason }),
      onReconnect: (s) => this.log('session.reconnected', { user: s.user, director: s.director }),
    });
    this.guard = new LoginGuard(options.loginLimits ?? DEFAULT_LOGIN_LIMITS, now);
    this.completions = new LoginCompletions(now);
    // The __Host- prefix makes the browser refuse the cookie unless Secure, Path=/ and no Domain.
    this.cookieName = options.secureCookies ? '__Host-tsb_session' : 'tsb_session';
    this.staticFiles = loadStaticFiles();
    this.wsLogin = new WsLogin({
      guard: this.guard,
      completions: this.completions,
      findDirector: (name) => this.findDirector(name),
      assertRoom: () => this.sessions.assertRoom(),
      log: this.log,
    });
    this.routes = this.buildRoutes();
  }

  get sessionCount(): number {
    return this.sessions.size;
  }

  /** For tests and operators: end sessions whose TTL or idle time ran out now. */
  sweepSessions(): void {
    this.sessions.sweep();
  }

  async close(): Promise<void> {
    this.wsLogin.close();
    await Promise.all([this.sessions.closeAll(), this.completions.closeAll()]);
  }

  handleRequest = (req: IncomingMessage, res: ServerResponse): void => {
    this.dispatch(req, res).catch((error: unknown) => {
      const failure = error instanceof WebError ? error : new WebError(ErrorCode.Internal, 'internal error');
      if (!(error instanceof WebError)) this.log('request.crashed', { path: req.url, error: String((error as Error).stack ?? error) });
      if (!res.headersSent) sendError(res, failure);
      else res.destroy();
    });
  };

  handleUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const path = new URL(req.url ?? '/', 'http://gateway').pathname;
    const refuse = (status: string): void => {
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (path !== LOGIN_WS_PATH) return refuse('404 Not Found');
    // Browsers always send Origin on a WebSocket handshake; without this check any site could open one.
    if (!originAllowed(req, this.options.allowedOrigins ?? [], true)) return refuse('403 Forbidden');
    this.wsLogin.handleUpgrade(req, socket, head, clientAddress(req, this.options.trustProxy === true));
  };

  private async dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://gateway');
    const file = req.method === 'GET' || req.method === 'HEAD' ? this.staticFiles.get(url.pathname) : undefined;
    if (file) return sendText(res, 200, file.body.toString('utf8'), file.contentType, { 'Content-Security-Policy': CONTENT_SECURITY_POLICY });
    const session = this.sessions.get(parseCookies(req.headers.cookie).get(this.cookieName));
    const ctx: Context = { req, res, url, address: clientAddress(req, this.options.trustProxy === true), session };
    const route = this.routes.get(url.pathname);
    const open = route !== undefined && (route.access === 'anyone' || (route.access === 'public-path' && this.publicPaths.has(url.pathname)));
    if (!open && !session) throw new WebError(ErrorCode.Unauthenticated, 'log in first (no session, or the session has ended)');
    if (!route) throw new WebError(ErrorCode.NotFound, `no such path: ${url.pathname}`);
    if (req.method !== route.method) throw new WebError(ErrorCode.MethodNotAllowed, `${url.pathname} takes ${route.method}`);
    if (route.method === 'POST' && !originAllowed(req, this.options.allowedOrigins ?? [], false)) {
      throw new WebError(ErrorCode.OriginRejected, 'cross-origin request refused');
    }
    if (route.csrf) this.checkCsrf(req, session);
    await route.handle(ctx);
  }

  private checkCsrf(req: IncomingMessage, session: WebSession | undefined): void {
    const header = req.headers['x-csrf-token'];
    const token = Array.isArray(header) ? header[0] : header;
    if (!session || token === undefined || !sameToken(token, session.csrfToken)) {
      throw new WebError(ErrorCode.CsrfRejected, 'missing or wrong X-CSRF-Token header (it is returned by the login and by GET /api/auth/me)');
    }
  }

  private buildRoutes(): Map<string, Route> {
    const routes = new Map<string, Route>([
      ['/api/health', { method: 'GET', access: 'public-path', csrf: false, handle: (c) => this.health(c) }],
      ['/api/status', { method: 'GET', access: 'public-path', csrf: false, handle: (c) => this.status(c) }],
      ['/api/auth/login', { method: 'POST', access: 'anyone', csrf: false, handle: (c) => this.login(c) }],
      ['/api/auth/complete', { method: 'POST', access: 'anyone', csrf: false, handle: (c) => this.complete(c) }],
      ['/api/auth/logout', { method: 'POST', access: 'session', csrf: true, handle: (c) => this.logout(c) }],
      ['/api/auth/me', { method: 'GET', access: 'session', csrf: false, handle: (c) => this.me(c) }],
      ['/api/console', { method: 'POST', access: 'session', csrf: true, handle: (c) => this.console(c) }],
    ]);
    for (const [path, listing] of Object.entries(LISTINGS)) {
      routes.set(path, { method: 'GET', access: 'session', csrf: false, handle: (c) => this.listing(c, listing) });
    }
    return routes;
  }

  private findDirector(name: string | undefined): DirectorTarget {
    const found = name === undefined ? this.options.directors[0] : this.options.directors.find((d) => d.name === name);
    if (!found) throw new WebError(ErrorCode.BadRequest, `no director named "${String(name)}" in the gateway configuration`);
    return found;
  }

  private async health(ctx: Context): Promise<void> {
    sendJson(ctx.res, 200, { status: 'ok' });
  }

  private async status(ctx: Context): Promise<void> {
    const directors = await Promise.all(this.options.directors.map(async (d) => ({ name: d.name, reachable: await this.reachable(d) })));
    sendJson(ctx.res, 200, { gateway: `tsbareos ${TSBAREOS_VERSION}`, directors });
  }

  /** A TCP connect, cached for 10 s so a public path cannot be used to hammer the director. */
  private async reachable(target: DirectorTarget): Promise<boolean> {
    const now = Date.now();
    const cached = this.reachability.get(target.name);
    if (cached && now - cached.at < 10_000) return cached.reachable;
    const reachable = await new Promise<boolean>((resolve) => {
      const socket = tcpConnect({ host: target.connect.host, port: target.connect.port ?? 9101, timeout: 2000 });
      const done = (ok: boolean): void => {
        socket.destroy();
        resolve(ok);
      };
      socket.once('connect', () => done(true));
      socket.once('timeout', () => done(false));
      socket.once('error', () => done(false));
    });
    this.reachability.set(target.name, { at: now, reachable });
    return reachable;
  }

  private async login(ctx: Context): Promise<void> {
    const body = await readJsonObject(ctx.req);
    const username = stringField(body, 'username', 128);
    const password = stringField(body, 'password');
    const target = this.findDirector(stringField(body, 'director', 128));
    if (username === undefined) throw new WebError(ErrorCode.MissingUsername, 'a user name is required');
    if (password === undefined) throw new WebError(ErrorCode.MissingPassword, 'a password is required');
    this.guard.check(ctx.address, username);
    this.sessions.assertRoom();
    try {
      const client = await loginDirect(target, username, password);
      this.guard.succeeded(username);
      this.log('login.ok', { user: client.loggedInAs, director: target.name, mode: 'direct', remote: ctx.address });
      await this.startSession(ctx, client.loggedInAs, target, client);
    } catch (error) {
      const failure = error instanceof WebError ? error : commandFailure(error);
      if (failure.code === ErrorCode.AuthenticationFailed) this.guard.failed(ctx.address, username);
      this.log('login.failed', { user: username, director: target.name, mode: 'direct', remote: ctx.address, code: failure.code });
      throw failure;
    }
  }

  private async complete(ctx: Context): Promise<void> {
    const code = stringField(await readJsonObject(ctx.req), 'code', 128);
    const login = code === undefined ? undefined : this.completions.take(code);
    if (!login) throw new WebError(ErrorCode.AuthenticationFailed, 'unknown or expired login code; log in again');
    await this.startSession(ctx, login.user, this.findDirector(login.director), login.client);
  }

  private async startSession(ctx: Context, user: string, target: DirectorTarget, client: DirectorClient): Promise<void> {
    let session: WebSession;
    try {
      const token = this.options.loginTokens === false ? undefined : await fetchLoginToken(client);
      session = this.sessions.create(user, target.name, client, token ? tokenRenewal(target, user, token) : undefined);
    } catch (error) {
      void client.close();
      throw error;
    }
    if (ctx.session) void this.sessions.end(ctx.session.id, 'logout');
    const cookie = sessionCookie(this.cookieName, session.id, { secure: this.options.secureCookies, maxAgeSeconds: this.ttlSeconds });
    sendJson(ctx.res, 200, this.describe(session), { 'Set-Cookie': cookie });
  }

  private describe(session: WebSession): JsonValue {
    return { user: session.user, director: session.director, csrfToken: session.csrfToken };
  }

  private async logout(ctx: Context): Promise<void> {
    if (ctx.session) await this.sessions.end(ctx.session.id, 'logout');
    const cookie = sessionCookie(this.cookieName, '', { secure: this.options.secureCookies, maxAgeSeconds: 0 });
    sendJson(ctx.res, 200, { loggedOut: true }, { 'Set-Cookie': cookie });
  }

  private async me(ctx: Context): Promise<void> {
    sendJson(ctx.res, 200, this.describe(requireSession(ctx)));
  }

  private async console(ctx: Context): Promise<void> {
    const session = requireSession(ctx);
    const body = await readJsonObject(ctx.req);
    const command = checkConsoleCommand(stringField(body, 'command', 8192) ?? '');
    if (command.trim() === '') throw new WebError(ErrorCode.BadRequest, '"command" is required');
    const json = body['json'] === true;
    const reply = await this.sessions
      .run(session, async (client) => {
        if (json) {
          if (client.awaitingInput) throw new WebError(ErrorCode.BadRequest, 'the director waits for an answer to its prompt: send the answer as a plain command');
          return { result: await client.callJson(command) };
        }
        const { text, end } = await client.callDetailed(command);
        if (end === 'closed') throw commandFailure(new WebError(ErrorCode.DirectorUnavailable, 'the director closed the connection; log in again'));
        const denied = deniedCommand(text);
        if (denied !== undefined && denied === firstWord(command)) throw forbidden(denied);
        return { output: text, awaitingInput: end === 'sub-prompt' };
      })
      .catch((error: unknown) => {
        throw commandFailure(error);
      });
    sendJson(ctx.res, 200, reply);
  }

  private async listing(ctx: Context, listing: Listing): Promise<void> {
    const session = requireSession(ctx);
    const command = listingCommand(listing, ctx.url.searchParams);
    const result = await this.sessions.run(session, (client) => client.callJson(command)).catch((error: unknown) => {
      throw commandFailure(error);
    });
    sendJson(ctx.res, 200, result);
  }
}

function requireSession(ctx: Context): WebSession {
  if (!ctx.session) throw new WebError(ErrorCode.Unauthenticated, 'log in first');
  return ctx.session;
}

export type { SessionEndReason };
