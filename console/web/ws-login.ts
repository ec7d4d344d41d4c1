/**
 * Interactive PAM in the browser: the director's 4001 conversation (reference §6.3) relayed over a
 * WebSocket at /api/auth/ws, so a stack that asks password then OTP works from the page.
 *
 *   page -> {"type":"start","username":"alice","password":"...","director":"optional"}
 *   gateway: the first echo-on prompt that asks for a login name is answered with `username`, the
 *            first echo-off prompt that asks for a password with `password`; every other prompt:
 *   gateway -> {"type":"prompt","echo":false,"text":"One-time password (OATH) for `alice': "}
 *   page -> {"type":"answer","text":"123456"}
 *   gateway -> {"type":"success","code":"<one-time code>","user":"alice","director":"..."}
 *              then the page POSTs {code} to /api/auth/complete for the session cookie
 *   gateway -> {"type":"error","error":{"code":"AUTHENTICATION_FAILED","message":"..."}}
 *
 * PAM texts that only inform (banners, "Authentication succeeded") arrive folded into the next prompt.
 * The password is used once and then dropped; the gateway never answers an OTP prompt with it.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { PamPrompt } from '../../src/client/index.ts';
import { loginInteractive } from './director-login.ts';
import { ErrorCode, WebError, loginFailure } from './errors.ts';
import type { LoginGuard } from './login-guard.ts';
import type { LoginCompletions } from './completions.ts';
import type { DirectorTarget } from './directors.ts';

const MAX_MESSAGE_BYTES = 4096;
const MAX_PENDING_LOGINS = 32;
const ANSWER_TIMEOUT_MS = 120_000;
const START_TIMEOUT_MS = 30_000;

type ClientMessage =
  | { readonly type: 'start'; readonly username: string; readonly password: string | undefined; readonly director: string | undefined }
  | { readonly type: 'answer'; readonly text: string };

type ServerMessage =
  | { readonly type: 'prompt'; readonly echo: boolean; readonly text: string }
  | { readonly type: 'success'; readonly code: string; readonly user: string; readonly director: string }
  | { readonly type: 'error'; readonly error: { readonly code: string; readonly message: string } };

export interface WsLoginDeps {
  readonly guard: LoginGuard;
  readonly completions: LoginCompletions;
  readonly findDirector: (name: string | undefined) => DirectorTarget;
  readonly assertRoom: () => void;
  readonly log: (event: string, fields: Record<string, unknown>) => void;
}

/** The last line of a (possibly folded) prompt is the question itself. */
function question(text: string): string {
  return text.trimEnd().split('\n').pop() ?? '';
}
const LOGIN_PROMPT = /(login|user(name)?|name)\s*:?\s*$/i;
const PASSWORD_PROMPT = /password\s*:?\s*$/i;
const NOT_THE_PASSWORD = /one-?time|otp|oath|token|code|new|again|retype|current|verification/i;

/** Failure texts PAM modules show before giving up, for the codes the protocol cannot carry. */
export function classifyPamTexts(texts: readonly string[]): WebError | undefined {
  const all = texts.join('\n');
  if (/account.*expired|expired.*account/i.test(all)) return new WebError(ErrorCode.AccountExpired, 'the account has expired; contact the administrator');
  if (/new_authtok_reqd|(old|new|current) password|(password|authentication token).*(expired|change)|change your password/i.test(all)) {
    return new WebError(ErrorCode.PasswordChangeRequired, 'the password must be changed and the change did not complete');
  }
  return undefined;
}

export class WsLogin {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  private pending = 0;

  constructor(private readonly deps: WsLoginDeps) {}

  /** Called by the HTTP server for an upgrade on the login path, after the Origin check. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, address: string): void {
    const blocked = this.deps.guard.blockedFor(address, undefined);
    if (blocked > 0 || this.pending >= MAX_PENDING_LOGINS) {
      socket.end(`HTTP/1.1 ${blocked > 0 ? '429 Too Many Requests' : '503 Service Unavailable'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    this.pending++;
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      new Conversation(ws, address, this.deps).run().finally(() => {
        this.pending--;
      });
    });
  }

  close(): void {
    for (const ws of this.wss.clients) ws.terminate();
    this.wss.close();
  }
}

type State = 'awaiting-start' | 'logging-in' | 'awaiting-answer' | 'done';

class Conversation {
  private state: State = 'awaiting-start';
  private waiter: { resolve: (message: ClientMessage) => void; reject: (error: WebError) => void } | undefined;
  private readonly texts: string[] = [];

  constructor(
    private readonly ws: WebSocket,
    private readonly address: string,
    private readonly deps: WsLoginDeps,
  ) {}

  async run(): Promise<void> {
    this.ws.on('message', (data, isBinary) => this.onMessage(data, isBinary));
    this.ws.on('close', () => this.fail(new WebError(ErrorCode.BadRequest, 'the page closed the login')));
    try {
      const start = await this.next(START_TIMEOUT_MS);
      if (start.type !== 'start') throw new WebError(ErrorCode.BadRequest, 'the first message must be {"type":"start",...}');
      await this.login(start);
    } catch (error) {
      this.finish({ type: 'error', error: toError(error).toBody().error });
    }
  }

  private async login(start: Extract<ClientMessage, { type: 'start' }>): Promise<void> {
    const { guard } = this.deps;
    guard.check(this.address, start.username);
    this.deps.assertRoom();
    const target = this.deps.findDirector(start.director);
    this.state = 'logging-in';
    let username: string | undefined = start.username;
    let password: string | undefined = start.password;
    const prompt = async (p: PamPrompt): Promise<string> => {
      this.texts.push(p.text);
      const asked = question(p.text);
      if (p.echo && username !== undefined && LOGIN_PROMPT.test(asked)) {
        const answer = username;
        username = undefined;
        return answer;
      }
      if (!p.echo && password !== undefined && PASSWORD_PROMPT.test(asked) && !NOT_THE_PASSWORD.test(asked)) {
        const answer = password;
        password = undefined;
        return answer;
      }
      return this.ask(p);
    };
    try {
      const client = await loginInteractive(target, prompt);
      password = undefined;
      guard.succeeded(start.username);
      if (this.ws.readyState !== this.ws.OPEN) {
        await client.close();
        return;
      }
      const code = this.deps.completions.add({ user: client.loggedInAs, director: target.name, client });
      if (code === undefined) {
        await client.close();
        throw new WebError(ErrorCode.Busy, 'too many logins wait to be completed; try again');
      }
      this.deps.log('login.ok', { user: client.loggedInAs, director: target.name, mode: 'interactive', remote: this.address });
      this.finish({ type: 'success', code, user: client.loggedInAs, director: target.name });
    } catch (error) {
      password = undefined;
      const failure = this.refine(loginFailure(error));
      if (failure.code === ErrorCode.AuthenticationFailed || failure.code === ErrorCode.AccountExpired || failure.code === ErrorCode.PasswordChangeRequired) {
        guard.failed(this.address, start.username);
      }
      this.deps.log('login.failed', { user: start.username, director: target.name, mode: 'interactive', remote: this.address, code: failure.code });
      throw failure;
    }
  }

  private refine(failure: WebError): WebError {
    if (failure.code !== ErrorCode.AuthenticationFailed) return failure;
    return classifyPamTexts(this.texts) ?? failure;
  }

  private async ask(p: PamPrompt): Promise<string> {
    this.send({ type: 'prompt', echo: p.echo, text: p.text });
    this.state = 'awaiting-answer';
    const message = await this.next(ANSWER_TIMEOUT_MS);
    this.state = 'logging-in';
    if (message.type !== 'answer') throw new WebError(ErrorCode.BadRequest, 'expected {"type":"answer","text":...}');
    return message.text;
  }

  private next(timeoutMs: number): Promise<ClientMessage> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new WebError(ErrorCode.BadRequest, 'no answer from the page in time')), timeoutMs);
      this.waiter = {
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      };
    });
  }

  private onMessage(data: RawData, isBinary: boolean): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    if (!waiter) {
      this.finish({ type: 'error', error: { code: ErrorCode.BadRequest, message: 'message out of turn' } });
      return;
    }
    try {
      waiter.resolve(parseClientMessage(data, isBinary));
    } catch (error) {
      waiter.reject(toError(error));
    }
  }

  private fail(error: WebError): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.reject(error);
  }

  private send(message: ServerMessage): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(JSON.stringify(message));
  }

  private finish(message: ServerMessage): void {
    if (this.state === 'done') return;
    this.state = 'done';
    this.send(message);
    this.ws.close(1000);
  }
}

function toError(error: unknown): WebError {
  return error instanceof WebError ? error : loginFailure(error);
}

function parseClientMessage(data: RawData, isBinary: boolean): ClientMessage {
  if (isBinary) throw new WebError(ErrorCode.BadRequest, 'messages are JSON text');
  let value: unknown;
  try {
    value = JSON.parse(Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]).toString('utf8'));
  } catch {
    throw new WebError(ErrorCode.BadRequest, 'messages are JSON objects');
  }
  if (typeof value !== 'object' || value === null) throw new WebError(ErrorCode.BadRequest, 'messages are JSON objects');
  const message = value as Record<string, unknown>;
  const text = (name: string, required: boolean): string | undefined => {
    const v = message[name];
    if (v === undefined || v === null || v === '') {
      if (required) throw new WebError(name === 'username' ? ErrorCode.MissingUsername : ErrorCode.BadRequest, `"${name}" is required`);
      return undefined;
    }
    if (typeof v !== 'string' || v.length > 1024) throw new WebError(ErrorCode.BadRequest, `"${name}" must be a string of at most 1024 characters`);
    return v;
  };
  if (message['type'] === 'start') {
    return { type: 'start', username: text('username', true) ?? '', password: text('password', false), director: text('director', false) };
  }
  if (message['type'] === 'answer') {
    const answer = message['text'];
    if (typeof answer !== 'string' || answer.length > 1024) throw new WebError(ErrorCode.BadRequest, '"text" must be a string of at most 1024 characters');
    return { type: 'answer', text: answer };
  }
  throw new WebError(ErrorCode.BadRequest, 'unknown message type');
}
