/**
 * One console login, top to bottom: transport detection, TLS (or the cleartext admission rules),
 * Hello, CRAM-MD5 both ways, legacy TLS after CRAM, PAM when the console requires it, and the
 * login result messages. Every refusal is a LoginRefusedError; the listener turns it into the
 * protocol's reply, a log line and a close.
 */
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import {
  AUTH_FAILED,
  AUTH_OK,
  TlsPolicy,
  answerChallenge,
  createChallenge,
  isAuthOk,
  negotiateLegacyTls,
  parseChallengeLine,
  qualifiedName,
  verifyCramResponse,
} from '../../src/auth/cram-md5.ts';
import { AuthError } from '../../src/auth/errors.ts';
import { storedPassword } from '../../src/auth/password.ts';
import { FramedConnection } from '../../src/net/framed-connection.ts';
import { serverTlsOptions } from '../../src/tls/options.ts';
import { MAX_FRAME_LENGTH, type Frame } from '../../src/wire/frame.ts';
import { WireError } from '../../src/wire/errors.ts';
import { parseHello, type Hello } from '../../src/wire/hello.ts';
import { MessageId, encodeResponse } from '../../src/wire/response.ts';
import type { AclView } from '../commands/types.ts';
import type { Logger } from '../log.ts';
import type { ConsoleAccount, DirectorSettings } from '../settings.ts';
import { detectTransport, TransportDetectionError } from '../listener/detect.ts';
import { LoginRefusedError } from './errors.ts';
import { acceptTls } from './tls-accept.ts';
import { HandshakeGate } from './handshake-gate.ts';
import type { FailureLimiter } from './failure-limiter.ts';
import { certificateLogin, type PeerCertificate } from './certificate-identity.ts';
import { runPamLogin } from './pam-login.ts';
import type { PamService } from './pam.ts';
import { loginBanner, okMessage, oldStyleOkLine } from './banner.ts';

/** TLS handshakes computed at once (see handshake-gate.ts); enough to keep both cores busy. */
const TLS_GATE = new HandshakeGate(8);
/** Longest a handshake keeps its slot; a handshake's own CPU work takes about a millisecond. */
const TLS_GATE_HOLD_MS = 50;

/** Before login nothing legitimate is longer than this (Hello <= 153, PAM answers <= 512). */
export const PRE_AUTH_MAX_FRAME = 4096;

// 'pam-token' and 'certificate' are ours (issue 8): a login token in 4002, a Certificate Identity console.
export type LoginMode = 'default' | 'named' | 'pam-interactive' | 'pam-direct' | 'pam-token' | 'certificate';

export interface LoginDeps {
  readonly settings: DirectorSettings;
  readonly pam: PamService;
  readonly logger: Logger;
  readonly limiter: FailureLimiter;
  /** Named consoles logged in right now (for Maximum Console Connections). */
  readonly namedConsoleCount: () => number;
}

export interface LoginResult {
  readonly conn: FramedConnection;
  readonly account: ConsoleAccount;
  readonly userName: string | undefined;
  readonly acl: AclView;
  readonly hello: Hello;
  readonly mode: LoginMode;
  readonly encryption: string | undefined;
  readonly phases: Readonly<Record<string, number>>;
}

/** Progress of a login, for the refusal log line and phase latencies. */
export class LoginProgress {
  phase = 'transport';
  consoleName: string | undefined;
  pamUser: string | undefined;
  mode: LoginMode | undefined;
  hello: Hello | undefined;
  conn: FramedConnection | undefined;
  readonly started = performance.now();
  readonly phases: Record<string, number> = {};
  private mark = this.started;

  enter(phase: string): void {
    const now = performance.now();
    this.phases[this.phase] = Math.round((now - this.mark) * 1000) / 1000;
    this.mark = now;
    this.phase = phase;
  }
}

export async function login(socket: Socket, remote: string, deps: LoginDeps, progress: LoginProgress): Promise<LoginResult> {
  const { settings } = deps;
  const deadline = Date.now() + settings.handshakeTimeoutMs;
  const remaining = (): number => Math.max(1, deadline - Date.now());

  const blocked = deps.limiter.blockedFor(`addr:${remote}`);
  if (blocked > 0) throw new LoginRefusedError('ERR_RATE_LIMITED', `too many failed logins from this address; blocked for ${Math.ceil(blocked / 1000)} s`, 'close');

  const transport = await detectTransport(socket, remaining()).catch((error: unknown) => {
    if (error instanceof TransportDetectionError) throw new LoginRefusedError(error.code, error.message, error.code === 'ERR_GARBAGE' ? 'terminate' : 'close');
    throw error;
  });

  let pskConsole: string | undefined;
  let peer: PeerCertificate | undefined; // the client certificate, for Certificate Identity (issue 8)
  let conn: FramedConnection;
  if (transport === 'tls') {
    progress.enter('tls');
    const release = await TLS_GATE.enter();
    // A peer that stalls mid-handshake must not hold its slot: after a short while it lets go.
    const letGo = setTimeout(release, TLS_GATE_HOLD_MS);
    let accepted;
    try {
      accepted = await acceptTls(socket, settings, remaining());
    } finally {
      clearTimeout(letGo);
      release();
    }
    pskConsole = accepted.pskConsole;
    peer = accepted.peer;
    conn = new FramedConnection(accepted.socket, { maxFrameLength: PRE_AUTH_MAX_FRAME });
    progress.conn = conn;
    if (accepted.refusal) throw accepted.refusal; // Verify Peer / Allowed CN: refused inside TLS (issue 8)
  } else {
    conn = new FramedConnection(socket, { maxFrameLength: PRE_AUTH_MAX_FRAME });
  }
  progress.conn = conn;

  progress.enter('hello');
  const hello = parseHelloFrame(await read(conn, remaining(), 'Hello'));
  progress.hello = hello;
  progress.consoleName = hello.name;
  const account = admit(hello, transport, pskConsole, deps);

  progress.enter('cram-md5');
  const remotePolicy = await cramMd5(conn, account, hello, settings, remaining);

  if (transport === 'cleartext') {
    progress.enter('legacy-tls');
    await legacyTls(conn, account, remotePolicy, hello, remaining());
  }

  let userName: string | undefined;
  let acl = account.acl;
  let mode: LoginMode = account.isDefault ? 'default' : 'named';
  if (account.certificateIdentity !== undefined) {
    // Ours (issue 8): the verified client certificate names the User; no PAM.
    progress.enter('certificate-identity');
    ({ user: userName, acl } = certificateLogin(account, peer, settings.users));
    progress.pamUser = userName;
    mode = 'certificate';
  } else if (account.usePam) {
    progress.enter('pam');
    const pam = await runPamLogin(conn, account, hello, remote, deps, progress);
    userName = pam.user;
    acl = pam.acl;
    mode = pam.mode;
  }
  progress.mode = mode;

  progress.enter('result');
  const encryption = describeEncryption(conn);
  sendLoginResult(conn, hello, settings.name, account, userName, encryption);
  conn.setMaxFrameLength(MAX_FRAME_LENGTH);
  progress.enter('done');
  return { conn, account, userName, acl, hello, mode, encryption, phases: progress.phases };
}

export async function read(conn: FramedConnection, timeoutMs: number, what: string): Promise<Buffer> {
  let frame: Frame;
  try {
    frame = await conn.readFrame(timeoutMs, what);
  } catch (error) {
    if (error instanceof WireError) throw new LoginRefusedError(error.code, `${what}: ${error.message}`, 'terminate');
    const code = (error as { code?: string }).code ?? 'ERR_READ';
    throw new LoginRefusedError(code, `while waiting for ${what}: ${(error as Error).message}`, 'close');
  }
  if (frame.kind === 'signal') {
    throw new LoginRefusedError('ERR_UNEXPECTED_SIGNAL', `got signal ${frame.signal} instead of ${what}`, 'close');
  }
  return frame.payload;
}

function parseHelloFrame(payload: Buffer): Hello {
  try {
    return parseHello(payload);
  } catch (error) {
    throw new LoginRefusedError('ERR_BAD_HELLO', (error as Error).message, 'terminate');
  }
}

/** Which console is this, and may it log in over this transport? (reference §2.3-2.4, §5.3) */
function admit(hello: Hello, transport: 'tls' | 'cleartext', pskConsole: string | undefined, deps: LoginDeps): ConsoleAccount {
  const { settings } = deps;
  if (hello.kind !== 'console') {
    throw new LoginRefusedError('ERR_DAEMON_HELLO', `a ${hello.kind} daemon Hello; this director serves consoles only`, 'terminate');
  }
  const account = settings.consoles.get(hello.name);
  if (!account) throw new LoginRefusedError('ERR_UNKNOWN_CONSOLE', `no Console resource named "${hello.name}"`, transport === 'cleartext' ? 'terminate' : 'close');
  if (pskConsole !== undefined && pskConsole !== hello.name) {
    throw new LoginRefusedError('ERR_PSK_NAME_MISMATCH', `TLS-PSK identity names console "${pskConsole}" but the Hello says "${hello.name}"`, 'terminate');
  }
  if (transport === 'cleartext') {
    if (hello.modern && account.tlsPolicy !== TlsPolicy.None) {
      throw new LoginRefusedError('ERR_TLS_REQUIRED', `console "${hello.name}" (version ${hello.version?.text ?? '?'}) connected in cleartext but TLS is enabled for it`, 'terminate');
    }
    if (!hello.modern && settings.refuseVersionlessHello && account.tlsPolicy === TlsPolicy.Required) {
      throw new LoginRefusedError('ERR_VERSIONLESS_HELLO', 'versionless (pre-18.2) Hello refused: TLS is required and Refuse Versionless Hello is set', 'terminate');
    }
  }
  if (!account.isDefault && deps.namedConsoleCount() >= settings.maxConsoleConnections) {
    throw new LoginRefusedError('ERR_MAX_CONSOLES', `Maximum Console Connections (${settings.maxConsoleConnections}) reached`, 'close');
  }
  return account;
}

/** Director challenges first, then answers the console's challenge (reference §4.1). */
async function cramMd5(conn: FramedConnection, account: ConsoleAccount, hello: Hello, settings: DirectorSettings, remaining: () => number): Promise<number | undefined> {
  const key = storedPassword(account.password);
  const ownName = qualifiedName('R_DIRECTOR', settings.name);
  const refusal = (code: string, message: string): LoginRefusedError => new LoginRefusedError(code, message, hello.modern ? 'auth-failed' : 'auth-failed-old', true);

  const challenge = createChallenge(ownName, account.tlsPolicy);
  conn.sendData(challenge.line);
  const response = await read(conn, remaining(), 'CRAM-MD5 response');
  if (!verifyCramResponse(key, challenge.token, response)) throw refusal('ERR_BAD_PASSWORD', `wrong password for console "${account.name}" (CRAM-MD5 response did not match)`);
  conn.sendData(AUTH_OK);

  const line = await read(conn, remaining(), 'console challenge');
  let answer: Buffer;
  let policy: number | undefined;
  try {
    const parsed = parseChallengeLine(line);
    policy = parsed.policy;
    answer = answerChallenge(key, parsed, ownName);
  } catch (error) {
    if (error instanceof AuthError) throw refusal(error.code, error.message);
    throw error;
  }
  conn.sendData(answer);
  const verdict = await read(conn, remaining(), 'CRAM-MD5 verdict');
  if (!isAuthOk(verdict)) throw refusal('ERR_CONSOLE_REJECTED_US', `console "${account.name}" did not accept the director's answer (its password differs)`);
  return policy;
}

async function legacyTls(conn: FramedConnection, account: ConsoleAccount, remotePolicy: number | undefined, hello: Hello, timeoutMs: number): Promise<void> {
  const decision = negotiateLegacyTls(account.tlsPolicy, remotePolicy);
  const reply = hello.modern ? 'close' : 'not-authorized';
  if (decision === 'none') return;
  if (decision === 'deny') {
    throw new LoginRefusedError('ERR_TLS_POLICY', `TLS policies do not agree (director ssl=${account.tlsPolicy}, console ssl=${String(remotePolicy)})`, reply);
  }
  if (!account.legacyTls?.cert || !account.legacyTls.key) {
    throw new LoginRefusedError('ERR_TLS_NO_CERT', `TLS after authentication was negotiated but console "${account.name}" has no TLS certificate configured`, reply);
  }
  try {
    await conn.startTls({ ...serverTlsOptions(account.legacyTls), isServer: true }, timeoutMs);
  } catch (error) {
    throw new LoginRefusedError('ERR_TLS_HANDSHAKE', `TLS after authentication failed: ${(error as Error).message}`, 'close');
  }
}

function describeEncryption(conn: FramedConnection): string | undefined {
  if (!conn.encrypted) return undefined;
  const secure = conn.raw as TLSSocket;
  const cipher = secure.getCipher();
  return `${cipher.standardName ?? cipher.name} ${secure.getProtocol() ?? ''}`.trim();
}

function sendLoginResult(conn: FramedConnection, hello: Hello, directorName: string, account: ConsoleAccount, userName: string | undefined, encryption: string | undefined): void {
  if (!hello.modern) {
    conn.sendData(oldStyleOkLine(directorName, encryption));
    return;
  }
  // Both messages in one write (one TLS record).
  conn.cork();
  conn.sendData(encodeResponse(MessageId.Ok, [okMessage(directorName)]));
  conn.sendData(encodeResponse(MessageId.InfoMessage, [loginBanner(account, userName)]));
  conn.uncork();
}

/** What a refused peer receives before the close (reference §2.7, §4.7, §5.4). */
export function refusalBytes(error: LoginRefusedError): readonly (string | 'terminate')[] {
  switch (error.reply) {
    case 'terminate':
      return ['terminate'];
    case 'auth-failed':
      return [AUTH_FAILED];
    case 'auth-failed-old':
      return [AUTH_FAILED, NOT_AUTHORIZED];
    case 'not-authorized':
      return [NOT_AUTHORIZED];
    case 'close':
      return [];
  }
}

export const NOT_AUTHORIZED = '1999 You are not authorized.\n';
