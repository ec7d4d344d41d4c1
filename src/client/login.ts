/**
 * One console login, top to bottom (reference §3-§6), over a link that is already TLS (TLS-first) or
 * still cleartext (the `tls: 'off'` / legacy path):
 *
 *   Hello -> D's challenge -> our CRAM response -> D's verdict -> our challenge -> D's response ->
 *   our verdict -> [legacy TLS] -> login result (1000 / 1001 + PAM / old `1000 OK:` line)
 */
import { AUTH_FAILED, AUTH_OK, TlsPolicy, answerChallenge, createChallenge, isAuthOk, negotiateLegacyTls, parseChallengeLine, qualifiedName, verifyCramResponse, type ParsedChallenge } from '../auth/cram-md5.ts';
import { AuthError } from '../auth/errors.ts';
import { DEFAULT_CONSOLE_NAME } from '../auth/psk.ts';
import { payloadText, type Frame } from '../wire/frame.ts';
import { buildHello } from '../wire/hello.ts';
import { MessageId, RECORD_SEPARATOR, decodeResponse } from '../wire/response.ts';
import { Signal, signalName } from '../wire/signals.ts';
import { WireError } from '../wire/errors.ts';
import { AuthenticationError, ClosedByDirectorError, PamError, ProtocolError, TlsError } from './errors.ts';
import type { DirectorLink } from './link.ts';
import type { HelloStyle, PamOptions } from './options.ts';
import { runPam } from './pam.ts';

export interface LoginContext {
  readonly link: DirectorLink;
  readonly consoleName: string;
  /** The password as stored (md5 hex): the CRAM-MD5 key. */
  readonly key: string;
  readonly hello: HelloStyle;
  readonly clientVersion: string;
  /** What we announce as `ssl=`. */
  readonly policy: TlsPolicy;
  readonly timeoutMs: number;
  readonly pam: PamOptions | undefined;
  readonly allowPamWithoutTls: boolean;
  /** Starts TLS after CRAM-MD5 when the legacy table says so (only called on a cleartext link). */
  readonly startLegacyTls: () => Promise<void>;
}

export interface LoginResult {
  /** `modern`: response messages 1000/1002; `old`: one `1000 OK: ...` line (old Bareos, Bacula). */
  readonly dialect: 'modern' | 'old';
  readonly directorName: string;
  /** `<director> Version: <version> (<date>)...` as the director announced it. */
  readonly versionLine: string;
  /** The 1002 text (modern dialect only). */
  readonly banner: string | undefined;
  /** Console name, PAM user, or `*UserAgent*` for the default console. */
  readonly loggedInAs: string;
}

export async function login(context: LoginContext): Promise<LoginResult> {
  sendHello(context);
  const directorChallenge = await answerDirectorChallenge(context);
  await challengeDirector(context);
  if (!context.link.secureSocket) await legacyTls(context, directorChallenge.policy);
  return readLoginResult(context, false);
}

function sendHello(context: LoginContext): void {
  const { consoleName: name, clientVersion: version } = context;
  const line =
    context.hello === 'old' ? buildHello({ name }) : buildHello({ name, version, withVersionSuffix: context.hello === 'modern' });
  context.link.send(line);
}

function who(context: LoginContext): string {
  return context.consoleName === DEFAULT_CONSOLE_NAME ? 'the Director password (default console)' : `the password of console '${context.consoleName}'`;
}

/** Steps 1-3 of §4.1: D challenges, we answer, D gives its verdict. Returns D's challenge. */
async function answerDirectorChallenge(context: LoginContext): Promise<ParsedChallenge> {
  const { link } = context;
  const frame = await readDuringAuth(context, 'the director\'s CRAM-MD5 challenge', 'right after our Hello');
  const challenge = parseDirectorChallenge(context, frame);
  let response: Buffer;
  try {
    response = answerChallenge(context.key, challenge, qualifiedName('R_CONSOLE', context.consoleName));
  } catch (error) {
    throw new AuthenticationError(`refusing the director's challenge: ${(error as Error).message}`, { cause: error });
  }
  link.send(response, 'CRAM-MD5 response');
  const verdict = await readDuringAuth(context, 'the director\'s verdict on our CRAM-MD5 response', 'after our CRAM-MD5 response: it does not accept ' + who(context));
  if (verdict.kind === 'data' && isAuthOk(verdict.payload)) return challenge;
  const text = verdict.kind === 'data' ? payloadText(verdict.payload).trim() : signalName(verdict.signal);
  if (text.startsWith('1999')) {
    throw new AuthenticationError(`the director refused ${who(context)} (${text})`);
  }
  throw new ProtocolError(`expected "1000 OK auth" or "1999 ..." from the director, got "${text}"`);
}

function parseDirectorChallenge(context: LoginContext, frame: Frame): ParsedChallenge {
  if (frame.kind === 'signal') {
    if (frame.signal === Signal.Terminate) throw refusedAfterHello(context);
    throw new ProtocolError(`expected the director's CRAM-MD5 challenge, got ${signalName(frame.signal)}`);
  }
  try {
    return parseChallengeLine(frame.payload);
  } catch (error) {
    if (error instanceof AuthError) {
      throw new ProtocolError(`the director's challenge is not usable: ${error.message} ("${payloadText(frame.payload).trim()}")`, { cause: error });
    }
    throw error;
  }
}

function refusedAfterHello(context: LoginContext): AuthenticationError {
  const name = context.consoleName;
  const secure = context.link.secureSocket;
  // With certificate TLS a director checks our certificate after the handshake and refuses this way.
  if (secure && Object.keys(secure.getPeerCertificate()).length > 0) {
    const ours = secure.getCertificate();
    const why = ours && Object.keys(ours).length > 0 ? 'expired, revoked, from a CA it does not trust, or a CN not in its TLS Allowed CN' : 'we sent none and it requires one';
    return new AuthenticationError(`the director refused the connection after the Hello (BNET_TERMINATE): it did not accept our client certificate (${why}; its log names the reason), or it does not accept console '${name}' this way`);
  }
  if (secure) {
    return new AuthenticationError(`the director refused the connection after the Hello (BNET_TERMINATE): it does not accept console '${name}' on this TLS connection`);
  }
  return new AuthenticationError(
    `the director refused the cleartext connection after the Hello (BNET_TERMINATE): it requires TLS for console '${name}' (use TLS-PSK), or it does not know that console`,
  );
}

/** Steps 4-6: we challenge D, check its answer, send our verdict. */
async function challengeDirector(context: LoginContext): Promise<void> {
  const { link } = context;
  const ownName = qualifiedName('R_CONSOLE', context.consoleName);
  const challenge = createChallenge(ownName, context.policy);
  link.send(challenge.line);
  const frame = await readDuringAuth(context, 'the director\'s answer to our challenge', 'instead of answering our CRAM-MD5 challenge');
  if (frame.kind !== 'data') throw new ProtocolError(`expected the director's CRAM-MD5 response, got ${signalName(frame.signal)}`);
  if (!verifyCramResponse(context.key, challenge.token, frame.payload)) {
    link.send(AUTH_FAILED);
    throw new AuthenticationError(`the director could not answer our CRAM-MD5 challenge: it does not know ${who(context)} (wrong director, or the passwords differ)`);
  }
  link.send(AUTH_OK);
}

async function legacyTls(context: LoginContext, directorPolicy: number | undefined): Promise<void> {
  const decision = negotiateLegacyTls(context.policy, directorPolicy);
  if (decision === 'none') return;
  if (decision === 'deny') {
    throw new TlsError(
      context.policy === TlsPolicy.None
        ? `the director requires TLS (ssl=${String(directorPolicy)}) but this connection is cleartext: connect with TLS-PSK or certificates`
        : 'the director has TLS disabled (ssl=0) but we require it',
    );
  }
  await context.startLegacyTls();
}

/** After authentication: 1000 (+1002), 1001 and PAM, or the old single line (§5). */
async function readLoginResult(context: LoginContext, afterPam: boolean, pamUser?: string): Promise<LoginResult> {
  const frame = await readResult(context, afterPam, pamUser);
  if (frame.kind === 'signal') {
    if (frame.signal === Signal.Terminate) throw new AuthenticationError(`the director ended the login (BNET_TERMINATE) instead of confirming it`);
    throw new ProtocolError(`expected the login result, got ${signalName(frame.signal)}`);
  }
  const text = payloadText(frame.payload);
  if (text.startsWith('1999')) throw new AuthenticationError(`the director refused the login (${text.trim()})`);
  const message = decodeLoginMessage(frame.payload);
  if (message.id === MessageId.Ok) {
    if (!frame.payload.includes(RECORD_SEPARATOR)) return oldStyleResult(context, text);
    return modernResult(context, message.fields.join(' '), pamUser);
  }
  if (message.id === MessageId.PamRequired && !afterPam) {
    const user = await pamStep(context);
    return readLoginResult(context, true, user);
  }
  throw new ProtocolError(`unexpected login result from the director: "${text.trim()}"`);
}

async function pamStep(context: LoginContext): Promise<string | undefined> {
  try {
    return await runPam({
      link: context.link,
      pam: context.pam,
      consoleName: context.consoleName,
      encrypted: context.link.secureSocket !== undefined,
      allowWithoutTls: context.allowPamWithoutTls,
      timeoutMs: context.timeoutMs,
    });
  } catch (error) {
    if (error instanceof ClosedByDirectorError) throw new PamError('PAM authentication failed: the director closed the connection during the PAM conversation');
    throw error;
  }
}

async function readResult(context: LoginContext, afterPam: boolean, pamUser: string | undefined): Promise<Frame> {
  try {
    return await context.link.read(context.timeoutMs, 'the login result (1000 OK)');
  } catch (error) {
    if (!(error instanceof ClosedByDirectorError)) throw error;
    if (afterPam) {
      const user = pamUser === undefined ? '' : ` for user '${pamUser}'`;
      throw new PamError(`PAM authentication failed${user}: the director closed the connection (wrong PAM password, or no User resource of that name)`);
    }
    throw new AuthenticationError(`the director closed the connection after authentication instead of confirming the login (console limit reached, or console '${context.consoleName}' not allowed)`);
  }
}

function decodeLoginMessage(payload: Buffer): { id: number; fields: readonly string[] } {
  try {
    return decodeResponse(payload);
  } catch (error) {
    if (error instanceof WireError) throw new ProtocolError(`unexpected login result from the director: "${payloadText(payload).trim()}"`, { cause: error });
    throw error;
  }
}

/**
 * `1000 OK: bareos-dir Version: 17.2.4 (21 Sep 2017) --  Encryption: None` (old Bareos), or
 * Bacula's `1000 OK: 103 bacula-dir Version: 9.6.7 (10 December 2020)`, whose number (the director's
 * protocol level) is dropped.
 */
const OLD_OK_LINE = /^1000 OK:\s*(?:\d+\s+)?(\S+)(.*)$/s;

function oldStyleResult(context: LoginContext, text: string): LoginResult {
  const match = OLD_OK_LINE.exec(text.trimEnd());
  if (!match) throw new ProtocolError(`unexpected login result from the director: "${text.trim()}"`);
  const directorName = match[1] ?? '';
  return { dialect: 'old', directorName, versionLine: `${directorName}${match[2] ?? ''}`, banner: undefined, loggedInAs: context.consoleName };
}

async function modernResult(context: LoginContext, okText: string, pamUser: string | undefined): Promise<LoginResult> {
  const body = okText.replace(/^OK:\s*/, '');
  const directorName = /^\S*/.exec(body)?.[0] ?? '';
  const frame = await context.link.read(context.timeoutMs, 'the director\'s banner (1002)');
  if (frame.kind !== 'data') throw new ProtocolError(`expected the 1002 banner after 1000 OK, got ${signalName(frame.signal)}`);
  const message = decodeLoginMessage(frame.payload);
  if (message.id !== MessageId.InfoMessage) throw new ProtocolError(`expected the 1002 banner after 1000 OK, got message ${message.id}`);
  const banner = message.fields.join('\n');
  const loggedIn = /You are logged in as: (.+)$/m.exec(banner)?.[1]?.trim();
  return { dialect: 'modern', directorName, versionLine: body, banner, loggedInAs: loggedIn ?? pamUser ?? context.consoleName };
}

/** Reads a frame during CRAM-MD5; EOF becomes an AuthenticationError naming the step. */
async function readDuringAuth(context: LoginContext, what: string, closedWhen: string): Promise<Frame> {
  try {
    return await context.link.read(context.timeoutMs, what);
  } catch (error) {
    if (error instanceof ClosedByDirectorError) throw new AuthenticationError(`the director closed the connection ${closedWhen}`);
    throw error;
  }
}
