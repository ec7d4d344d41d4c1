/**
 * PAM after CRAM-MD5 for consoles with `Use Pam Authentication = yes` (reference §6), relayed over
 * the wire. Better than Bareos where it matters: info/error texts never get a style byte bconsole
 * does not know (they are folded into the next prompt by the PAM layer), a text with no prompt after
 * it is sent as an echo-on message whose reply we read and discard so the stream stays in step, and
 * direct mode never hands the password to a second prompt.
 */
import { payloadText } from '../../src/wire/frame.ts';
import type { Hello } from '../../src/wire/hello.ts';
import { MessageId, decodeResponse, encodeResponse } from '../../src/wire/response.ts';
import type { FramedConnection } from '../../src/net/framed-connection.ts';
import type { AclView } from '../commands/types.ts';
import type { ConsoleAccount } from '../settings.ts';
import { LoginRefusedError } from './errors.ts';
import { read, type LoginDeps, type LoginMode, type LoginProgress } from './login.ts';
import type { PamOutcome, PamRound } from './pam.ts';
import { looksLikeLoginToken } from '../../src/auth/token.ts';
import { activeLoginTokens, type DirectorLoginTokens, type TokenLoginOrigin } from './tokens.ts';

/** Bareos waits at most 30 s for the 4001/4002 response message. */
const RESPONSE_TIMEOUT_MS = 30_000;
/** PAM conversation style bytes bconsole understands. */
const STYLE_SUCCESS = 0;
const STYLE_ECHO_OFF = 1;
const STYLE_ECHO_ON = 2;

export interface PamLogin {
  readonly user: string;
  readonly acl: AclView;
  readonly mode: Extract<LoginMode, 'pam-interactive' | 'pam-direct' | 'pam-token'>;
}

export async function runPamLogin(conn: FramedConnection, account: ConsoleAccount, hello: Hello, remote: string, deps: LoginDeps, progress: LoginProgress): Promise<PamLogin> {
  const { settings, limiter } = deps;
  if (!hello.modern) {
    // Bareos sends an old console a success line and then drops it; we refuse it plainly.
    throw new LoginRefusedError('ERR_PAM_OLD_CONSOLE', `console "${account.name}" requires PAM, which consoles before 18.2 cannot do`, 'not-authorized');
  }
  if (!conn.encrypted && !account.allowCleartextPam) {
    throw new LoginRefusedError('ERR_PAM_CLEARTEXT', `PAM credentials refused over an unencrypted connection (console "${account.name}" has no Allow Cleartext Pam = yes)`, 'close');
  }
  conn.sendData(encodeResponse(MessageId.PamRequired));
  const request = decodeRequest(await read(conn, RESPONSE_TIMEOUT_MS, 'PAM mode (4001/4002)'));

  // A console that hangs up while PAM is busy cancels the transaction (and kills its helper).
  const hangUp = new AbortController();
  const onClose = (): void => hangUp.abort();
  conn.raw.once('close', onClose);
  let outcome: PamOutcome;
  let mode: PamLogin['mode'];
  const tokens = activeLoginTokens(settings);
  let origin: TokenLoginOrigin = { kind: 'pam' };
  try {
  if (request.kind === 'direct') {
    mode = 'pam-direct';
    progress.pamUser = request.user;
    const blocked = limiter.blockedFor(`user:${request.user}`);
    if (blocked > 0) throw new LoginRefusedError('ERR_RATE_LIMITED', `too many failed logins for user "${request.user}"; blocked for ${Math.ceil(blocked / 1000)} s`, 'close');
    if (tokens && looksLikeLoginToken(request.password)) {
      mode = 'pam-token';
      progress.mode = mode;
      const nonce = acceptLoginToken(tokens, request.user, request.password, limiter);
      origin = { kind: 'token', nonce };
      outcome = { ok: true, user: request.user };
    } else {
      outcome = await deps.pam.authenticate({ mode: 'direct', user: request.user, password: request.password, rhost: remote, signal: hangUp.signal });
    }
  } else {
    mode = 'pam-interactive';
    outcome = await deps.pam.authenticate({ mode: 'interactive', rhost: remote, signal: hangUp.signal, conversation: (round) => relayRound(conn, round, settings.pam.timeoutMs) });
  }
  } finally {
    conn.raw.off('close', onClose);
  }
  progress.mode = mode;
  if (!outcome.ok) {
    if (progress.pamUser) limiter.record(`user:${progress.pamUser}`);
    throw new LoginRefusedError(`ERR_PAM_${outcome.reason.toUpperCase()}`, `PAM ${mode === 'pam-direct' ? 'direct' : 'interactive'} login failed: ${outcome.message}${outcome.pamCodeName ? ` (${outcome.pamCodeName})` : ''}`, 'close', true);
  }
  progress.pamUser = outcome.user;
  const acl = settings.users.get(outcome.user);
  if (!acl) throw new LoginRefusedError('ERR_PAM_NO_USER_RESOURCE', `PAM accepted user "${outcome.user}" but there is no User resource with that name`, 'close', true);
  if (mode === 'pam-interactive') {
    conn.sendData(Buffer.from([STYLE_SUCCESS]));
    conn.sendData(Buffer.from([0]));
  }
  tokens?.noteLogin(conn, origin);
  return { user: outcome.user, acl, mode };
}

/**
 * Ours (issue 8): a 4002 password shaped like a login token is checked against the director's key
 * and never handed to PAM, whatever the verdict. Returns the token's nonce (for revocation at quit).
 */
function acceptLoginToken(tokens: DirectorLoginTokens, user: string, token: string, limiter: LoginDeps['limiter']): string {
  const verdict = tokens.verify(token, user);
  if (verdict.ok) return verdict.nonce;
  limiter.record(`user:${user}`);
  throw new LoginRefusedError(`ERR_LOGIN_TOKEN_${verdict.reason.toUpperCase()}`, `login token for user "${user}" refused: ${TOKEN_REFUSAL_TEXT[verdict.reason]}`, 'close', true);
}

const TOKEN_REFUSAL_TEXT = {
  malformed: 'malformed (not a token this director issued)',
  bad_signature: 'bad signature (tampered, or signed with another key)',
  expired: 'expired',
  wrong_user: 'issued for another user',
  revoked: 'revoked (its session logged out)',
} as const;

type PamRequestMessage = { kind: 'interactive' } | { kind: 'direct'; user: string; password: string };

function decodeRequest(payload: Buffer): PamRequestMessage {
  let message;
  try {
    message = decodeResponse(payload);
  } catch {
    throw new LoginRefusedError('ERR_PAM_BAD_REQUEST', 'expected a 4001 or 4002 response message', 'close');
  }
  if (message.id === MessageId.PamInteractive) return { kind: 'interactive' };
  if (message.id === MessageId.PamUserCredentials) {
    const [user, password] = message.fields;
    // Bareos switches an empty user name to interactive mode; we treat it as the mistake it is.
    if (message.fields.length < 2 || !user || password === undefined) {
      throw new LoginRefusedError('ERR_PAM_BAD_CREDENTIALS_MESSAGE', '4002 message needs a user name and a password field', 'close', true);
    }
    return { kind: 'direct', user, password };
  }
  throw new LoginRefusedError('ERR_PAM_BAD_REQUEST', `expected 4001 or 4002, got ${message.id}`, 'close');
}

/**
 * One conversation round on the wire (reference §6.3): style byte frame, text + NUL frame, then one
 * answer frame. A notice is sent echo-on and its reply read and dropped. Undefined = console gone.
 */
async function relayRound(conn: FramedConnection, round: PamRound, timeoutMs: number): Promise<string | undefined> {
  const style = round.kind === 'prompt' && !round.echo ? STYLE_ECHO_OFF : STYLE_ECHO_ON;
  conn.cork();
  conn.sendData(Buffer.from([style]));
  conn.sendData(Buffer.concat([Buffer.from(round.text, 'utf8'), Buffer.from([0])]));
  conn.uncork();
  try {
    const frame = await conn.readFrame(timeoutMs, 'PAM answer');
    if (round.kind === 'notice') return '';
    // A signal instead of an answer counts as an empty answer, as in Bareos.
    if (frame.kind === 'signal') return '';
    const answer = payloadText(frame.payload);
    frame.payload.fill(0);
    return answer;
  } catch {
    return undefined;
  }
}
