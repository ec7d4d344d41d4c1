/**
 * A minimal director for client tests, built from the same library (wire, auth, tls, net): real TCP on
 * 127.0.0.1 port 0, real TLS-PSK. It logs a console in (Hello, CRAM-MD5 both ways, 1000/1001/1002,
 * PAM direct and interactive, or the old single `1000 OK:` line) and answers a few scripted commands
 * in api 0 and api 2. Every byte it receives after TLS is kept per connection for byte-exact asserts.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import { AUTH_FAILED, AUTH_OK, TlsPolicy, answerChallenge, cramResponse, createChallenge, isAuthOk, parseChallengeLine, qualifiedName, verifyCramResponse } from '../../src/auth/cram-md5.ts';
import { storedPassword } from '../../src/auth/password.ts';
import { DEFAULT_CONSOLE_NAME, parsePskIdentity, pskKey } from '../../src/auth/psk.ts';
import { FramedConnection } from '../../src/net/framed-connection.ts';
import { serverTlsOptions } from '../../src/tls/options.ts';
import { payloadText, type Frame } from '../../src/wire/frame.ts';
import { parseHello, type Hello } from '../../src/wire/hello.ts';
import { MessageId, decodeResponse, encodeResponse } from '../../src/wire/response.ts';
import { Signal } from '../../src/wire/signals.ts';

export interface MiniConsole {
  readonly password: string;
  /** `Use Pam Authentication = yes`. */
  readonly pam?: boolean;
}

export interface MiniDirectorOptions {
  readonly name?: string;
  readonly password?: string;
  readonly consoles?: Readonly<Record<string, MiniConsole>>;
  /** `psk`: TLS-PSK first (default); `cert`: certificate TLS first (needs `certificate`); `off`: cleartext. */
  readonly tls?: 'psk' | 'cert' | 'off';
  /** Server certificate and key (PEM) for `tls: 'cert'`. */
  readonly certificate?: { readonly cert: string | Buffer; readonly key: string | Buffer };
  /** `modern` (default): 1000/1002 messages for modern Hellos; `old`: always the single line. */
  readonly dialect?: 'modern' | 'old';
  /** Text after `1000 OK: ` on the old path; default Bareos' form. */
  readonly oldOkText?: string;
  /** PAM users (name -> password) the PAM step accepts. */
  readonly pamUsers?: Readonly<Record<string, string>>;
  /** Policy sent as `ssl=`; default Required with TLS, None without. */
  readonly policy?: TlsPolicy;
  /** Misbehaviours for error-path tests. */
  readonly misbehave?: 'silent-after-hello' | 'wrong-cram-answer' | 'terminate-after-hello';
}

export interface MiniSession {
  readonly hello: Hello | undefined;
  /** Every byte received (inside TLS when TLS is up), in order. */
  received(): Buffer;
  readonly frames: Frame[];
}

export interface MiniDirector {
  readonly host: string;
  readonly port: number;
  readonly name: string;
  readonly password: string;
  readonly sessions: MiniSession[];
  close(): Promise<void>;
}

const VERSION_TEXT = 'Version: 26.0.0 (23 November 2026)';

export async function startMiniDirector(options: MiniDirectorOptions = {}): Promise<MiniDirector> {
  const name = options.name ?? 'mini-dir';
  const password = options.password ?? 'director-secret';
  const sessions: MiniSession[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    void serve(socket, { ...options, name, password }, sessions).catch(() => socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    host: '127.0.0.1',
    port,
    name,
    password,
    sessions,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

type Settings = MiniDirectorOptions & { readonly name: string; readonly password: string };

function consolePassword(settings: Settings, consoleName: string): string | undefined {
  if (consoleName === DEFAULT_CONSOLE_NAME) return settings.password;
  return settings.consoles?.[consoleName]?.password;
}

async function serve(plain: Socket, settings: Settings, sessions: MiniSession[]): Promise<void> {
  const socket = settings.tls === 'off' ? plain : await tlsServer(plain, settings);
  const chunks: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  const conn = new FramedConnection(socket);
  const session: { hello: Hello | undefined; received(): Buffer; frames: Frame[] } = {
    hello: undefined,
    received: () => Buffer.concat(chunks),
    frames: [],
  };
  sessions.push(session);
  const read = async (): Promise<Frame> => {
    const frame = await conn.readFrame(10_000);
    session.frames.push(frame);
    return frame;
  };
  const helloFrame = await read();
  if (helloFrame.kind !== 'data') return conn.end(Signal.Terminate);
  session.hello = parseHello(helloFrame.payload);
  const consoleName = session.hello.name;
  const secret = consolePassword(settings, consoleName);
  if (secret === undefined || settings.misbehave === 'terminate-after-hello') return conn.end(Signal.Terminate);
  if (settings.misbehave === 'silent-after-hello') return;
  if (!(await authenticate(conn, read, settings, storedPassword(secret)))) return conn.end();
  const modern = session.hello.modern && settings.dialect !== 'old';
  if (!modern) {
    conn.sendData(`1000 OK: ${settings.oldOkText ?? `${settings.name} ${VERSION_TEXT} --  Encryption: None`}\n`);
  } else {
    const user = settings.consoles?.[consoleName]?.pam ? await pam(conn, read, settings) : consoleName;
    if (user === undefined) return conn.end();
    sendModernOk(conn, settings, user);
  }
  await commandLoop(conn, read, settings);
}

async function tlsServer(plain: Socket, settings: Settings): Promise<TLSSocket> {
  const options = settings.tls === 'cert' ? serverTlsOptions({ ...settings.certificate }) : serverTlsOptions({
    psk: (identity) => {
      const parsed = parsePskIdentity(identity);
      if (!parsed || parsed.resourceType !== 'R_CONSOLE') return undefined;
      const secret = consolePassword(settings, parsed.name);
      return secret === undefined ? undefined : pskKey(secret);
    },
  });
  const secure = new TLSSocket(plain, { ...options, isServer: true });
  secure.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    secure.once('secure', resolve);
    secure.once('error', reject);
    secure.once('close', () => reject(new Error('closed during handshake')));
  });
  return secure;
}

/** Director side of §4.1: challenge first, then answer the console's challenge. */
async function authenticate(conn: FramedConnection, read: () => Promise<Frame>, settings: Settings, key: string): Promise<boolean> {
  const policy = settings.policy ?? (settings.tls === 'off' ? TlsPolicy.None : TlsPolicy.Required);
  const ownName = qualifiedName('R_DIRECTOR', settings.name);
  const challenge = createChallenge(ownName, policy);
  conn.sendData(challenge.line);
  const response = await read();
  if (response.kind !== 'data' || !verifyCramResponse(key, challenge.token, response.payload)) {
    // Bareos sends the failure line twice for a wrong password (§4.7); the delays are left out here.
    conn.sendData(AUTH_FAILED);
    conn.sendData(AUTH_FAILED);
    return false;
  }
  conn.sendData(AUTH_OK);
  const theirs = await read();
  if (theirs.kind !== 'data') return false;
  const parsed = parseChallengeLine(theirs.payload);
  const answer = settings.misbehave === 'wrong-cram-answer' ? cramResponse(storedPassword('not-the-password'), parsed.token, false) : answerChallenge(key, parsed, ownName);
  conn.sendData(answer);
  const verdict = await read();
  return verdict.kind === 'data' && isAuthOk(verdict.payload);
}

function sendModernOk(conn: FramedConnection, settings: Settings, user: string): void {
  conn.sendData(encodeResponse(MessageId.Ok, [`OK: ${settings.name} ${VERSION_TEXT}`]));
  const who = user === DEFAULT_CONSOLE_NAME ? 'connected using the default console' : `logged in as: ${user}`;
  conn.sendData(encodeResponse(MessageId.InfoMessage, [`Mini director for tests\nYou are ${who}`]));
}

/** §6: returns the PAM user, or undefined (the caller closes without a message, as Bareos does). */
async function pam(conn: FramedConnection, read: () => Promise<Frame>, settings: Settings): Promise<string | undefined> {
  conn.sendData(encodeResponse(MessageId.PamRequired));
  const request = await read();
  if (request.kind !== 'data') return undefined;
  const message = decodeResponse(request.payload);
  const users = settings.pamUsers ?? {};
  if (message.id === MessageId.PamUserCredentials) {
    const [user = '', pw] = message.fields;
    return users[user] !== undefined && users[user] === pw ? user : undefined;
  }
  const user = await ask(conn, read, 2, 'login:');
  const pw = await ask(conn, read, 1, 'Password: ');
  if (users[user] === undefined || users[user] !== pw) return undefined;
  conn.sendData(Buffer.from([0]));
  conn.sendData(Buffer.from([0]));
  return user;
}

async function ask(conn: FramedConnection, read: () => Promise<Frame>, style: 1 | 2, text: string): Promise<string> {
  conn.sendData(Buffer.from([style]));
  conn.sendData(Buffer.from(`${text}\0`, 'utf8'));
  const answer = await read();
  return answer.kind === 'data' ? payloadText(answer.payload) : '';
}

/**
 * Scripted commands:
 *   version             one line
 *   lines N             N numbered lines, 10 per frame
 *   ask                 a sub-prompt; the answer is echoed back
 *   fail                api 2: an error envelope with messages
 *   hang                no answer at all
 *   quit                close without a signal
 * Anything else: "<word>: is an invalid command.\n".
 */
async function commandLoop(conn: FramedConnection, read: () => Promise<Frame>, settings: Settings): Promise<void> {
  let api = 0;
  let compact = false;
  for (;;) {
    if (api === 2) conn.sendSignal(Signal.MainPrompt);
    let frame: Frame;
    try {
      frame = await read();
    } catch {
      return;
    }
    if (frame.kind === 'signal') {
      if (frame.signal === Signal.Terminate) return conn.end();
      conn.sendSignal(Signal.Poll);
      continue;
    }
    const command = payloadText(frame.payload).trim();
    const [word = '', ...args] = command.split(/\s+/);
    if (word === 'quit') return conn.end();
    if (word === '.api') {
      const previous = api;
      api = args[0] === '2' || args[0] === 'json' ? 2 : 0;
      if (args[1] === 'compact=yes') compact = true;
      if (api === 2) {
        conn.sendSignal(Signal.CommandOk);
        conn.sendData(JSON.stringify({ jsonrpc: '2.0', id: null, result: { api: 2 } }, null, compact ? undefined : 2));
      } else {
        if (previous === 2) conn.sendSignal(Signal.CommandBegin);
        conn.sendData('api: 0\n');
        conn.sendSignal(Signal.EndOfData);
      }
      continue;
    }
    if (word === 'hang') continue;
    if (api === 2) await answerApi2(conn, word, settings);
    else await answerApi0(conn, read, word, args);
  }
}

async function answerApi0(conn: FramedConnection, read: () => Promise<Frame>, word: string, args: string[]): Promise<void> {
  switch (word) {
    case 'version':
      conn.sendData(`mini-dir ${VERSION_TEXT} x86_64-pc-linux-gnu\n`);
      break;
    case 'lines': {
      const count = Number(args[0] ?? '10');
      for (let at = 0; at < count; at += 10) {
        let text = '';
        for (let line = at; line < Math.min(at + 10, count); line++) text += `line ${line}\n`;
        conn.sendData(text);
      }
      break;
    }
    case 'ask': {
      conn.sendData('Enter a value: ');
      conn.sendSignal(Signal.SubPrompt);
      const answer = await read();
      conn.sendData(`you said ${answer.kind === 'data' ? payloadText(answer.payload) : '(signal)'}\n`);
      break;
    }
    default:
      conn.sendData(`${word}: is an invalid command.\n`);
  }
  // A stray unknown signal must be ignored by clients (§1.3).
  conn.sendSignal(-99 as Signal);
  conn.sendSignal(Signal.EndOfData);
}

async function answerApi2(conn: FramedConnection, word: string, settings: Settings): Promise<void> {
  conn.sendSignal(Signal.CommandBegin);
  if (word === 'version') {
    conn.sendSignal(Signal.CommandOk);
    const document = JSON.stringify({ jsonrpc: '2.0', id: null, result: { version: { name: settings.name, version: '26.0.0' } } });
    // Split across frames on purpose: clients must concatenate until MAIN_PROMPT.
    conn.sendData(document.slice(0, 20));
    conn.sendData(document.slice(20));
    return;
  }
  conn.sendSignal(Signal.ErrorMessage);
  conn.sendSignal(Signal.CommandFailed);
  const messages = { error: [word === 'fail' ? 'ON or OFF keyword missing.\n' : `${word}: is an invalid command.\n`] };
  conn.sendData(JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: 1, message: 'failed', data: { result: {}, messages } } }));
}
