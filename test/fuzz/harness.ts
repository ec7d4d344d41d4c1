/**
 * Login-transcript fuzzing against a running director, shared by the short CI test and the long
 * `npm run fuzz` run. A transcript is a good login played live (CRAM-MD5 needs the director's
 * challenge, so it cannot be a fixed byte string); a mutation plan picks one client frame of it and
 * damages it (flip, truncate, extend, replace, a forged header, a stray signal, a duplicate, a
 * drop, or a valid frame in tiny chunks). After the damage the client goes on as far as the
 * director lets it, then closes.
 *
 *   kinds: cleartext (default console), tls-psk (named console), pam-4001, pam-4002 (both TLS-PSK)
 */
import fc from 'fast-check';
import { AUTH_OK, TlsPolicy, createChallenge, cramResponse, parseChallengeLine, qualifiedName } from '../../src/auth/cram-md5.ts';
import { storedPassword } from '../../src/auth/password.ts';
import { FramedConnection } from '../../src/net/framed-connection.ts';
import { encodeData, encodeSignal, type Frame } from '../../src/wire/frame.ts';
import { buildHello } from '../../src/wire/hello.ts';
import { MessageId, encodeResponse } from '../../src/wire/response.ts';
import { Signal } from '../../src/wire/signals.ts';
import type { PamOutcome, PamRequest, PamService } from '../../director/login/pam.ts';
import { directorResource } from '../helpers/director.ts';
import { openSocket } from '../helpers/raw-console.ts';

export type TranscriptKind = 'cleartext' | 'tls-psk' | 'pam-4001' | 'pam-4002';
export const KINDS: readonly TranscriptKind[] = ['cleartext', 'tls-psk', 'pam-4001', 'pam-4002'];

export type Mutation =
  | { readonly kind: 'flip'; readonly positions: readonly number[]; readonly mask: number }
  | { readonly kind: 'truncate'; readonly keep: number }
  | { readonly kind: 'extend'; readonly extra: Uint8Array }
  | { readonly kind: 'replace'; readonly bytes: Uint8Array }
  | { readonly kind: 'header'; readonly value: number }
  | { readonly kind: 'signal'; readonly value: number }
  | { readonly kind: 'duplicate' }
  | { readonly kind: 'drop' }
  | { readonly kind: 'chunks'; readonly size: number };

export interface Plan {
  readonly transcript: TranscriptKind;
  /** Index of the client frame to damage; past the end = no damage (a good login). */
  readonly step: number;
  readonly mutation: Mutation;
}

export const PASSWORDS = { director: 'fuzz-dir-secret', console: 'fuzz-console-secret', pamConsole: 'fuzz-pam-secret' } as const;
export const PAM_USER = { name: 'alice', password: 'alicepw' } as const;

export function fuzzConfig(): string {
  return `${directorResource(`TLS Enable = no\n  Login Failure Limit = 0\n  Handshake Timeout = 2`).replace('Handshake Timeout = 5\n', '').replace(/Password = "[^"]*"/, `Password = "${PASSWORDS.director}"`)}
Console { Name = fuzzer; Password = "${PASSWORDS.console}"; TLS Enable = yes; Command ACL = *all* }
Console { Name = pamfuzz; Password = "${PASSWORDS.pamConsole}"; TLS Enable = yes; Use Pam Authentication = yes }
User { Name = alice; Profile = p }
Profile { Name = p; Command ACL = version, quit }
`;
}

/** A PAM stand-in with the real relay's shape: `login:` then `Password:`, or direct user+password. */
export const fakePam: PamService = {
  async authenticate(request: PamRequest): Promise<PamOutcome> {
    if (request.mode === 'direct') {
      return request.user === PAM_USER.name && request.password === PAM_USER.password ? { ok: true, user: PAM_USER.name } : { ok: false, reason: 'auth_err', message: 'authentication failure', pamCodeName: 'PAM_AUTH_ERR' };
    }
    const user = await request.conversation({ kind: 'prompt', echo: true, text: 'login: ' });
    if (user === undefined) return { ok: false, reason: 'conversation', message: 'console went away' };
    const password = await request.conversation({ kind: 'prompt', echo: false, text: 'Password: ' });
    if (password === undefined) return { ok: false, reason: 'conversation', message: 'console went away' };
    return user === PAM_USER.name && password === PAM_USER.password ? { ok: true, user } : { ok: false, reason: 'auth_err', message: 'authentication failure', pamCodeName: 'PAM_AUTH_ERR' };
  },
};

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), positions: fc.array(fc.nat(200), { minLength: 1, maxLength: 4 }), mask: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ kind: fc.constant('truncate' as const), keep: fc.nat(120) }),
  fc.record({ kind: fc.constant('extend' as const), extra: fc.uint8Array({ minLength: 1, maxLength: 64 }) }),
  fc.record({ kind: fc.constant('replace' as const), bytes: fc.uint8Array({ minLength: 0, maxLength: 96 }) }),
  fc.record({ kind: fc.constant('header' as const), value: fc.oneof(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), fc.constantFrom(0, -1, -4, -18, -99, 1_000_001, 4097, 2 ** 31 - 1)) }),
  fc.record({ kind: fc.constant('signal' as const), value: fc.integer({ min: -40, max: -1 }) }),
  fc.constant({ kind: 'duplicate' as const }),
  fc.constant({ kind: 'drop' as const }),
  fc.record({ kind: fc.constant('chunks' as const), size: fc.integer({ min: 1, max: 7 }) }),
);

export const planArb: fc.Arbitrary<Plan> = fc.record({ transcript: fc.constantFrom(...KINDS), step: fc.nat(9), mutation: mutationArb });

/** Apply a mutation to one encoded frame: the byte strings to write, in order. */
export function mutate(frame: Buffer, m: Mutation): Buffer[] {
  switch (m.kind) {
    case 'flip': {
      const out = Buffer.from(frame);
      for (const p of m.positions) if (out.length > 0) out[p % out.length] = (out[p % out.length] ?? 0) ^ m.mask;
      return [out];
    }
    case 'truncate':
      return [frame.subarray(0, Math.min(m.keep, Math.max(0, frame.length - 1)))];
    case 'extend':
      return [Buffer.concat([frame, Buffer.from(m.extra)])];
    case 'replace':
      return [Buffer.from(m.bytes)];
    case 'header': {
      const out = Buffer.from(frame);
      out.writeInt32BE(m.value, 0);
      return [out];
    }
    case 'signal':
      return [encodeSignal(m.value as Signal), frame];
    case 'duplicate':
      return [frame, frame];
    case 'drop':
      return [];
    case 'chunks': {
      const parts: Buffer[] = [];
      for (let at = 0; at < frame.length; at += m.size) parts.push(frame.subarray(at, at + m.size));
      return parts;
    }
  }
}

class Stop extends Error {}

export interface ReplayOutcome {
  /** How far the client got: the number of client frames it wrote (damaged or not). */
  readonly steps: number;
  readonly loggedIn: boolean;
}

/** Play one transcript with one damaged frame. Never throws; always closes its socket. */
export async function replay(port: number, plan: Plan, readTimeoutMs = 400): Promise<ReplayOutcome> {
  const tls = plan.transcript !== 'cleartext';
  const name = plan.transcript === 'cleartext' ? '*UserAgent*' : plan.transcript === 'tls-psk' ? 'fuzzer' : 'pamfuzz';
  const password = plan.transcript === 'cleartext' ? PASSWORDS.director : plan.transcript === 'tls-psk' ? PASSWORDS.console : PASSWORDS.pamConsole;
  let socket;
  try {
    socket = await openSocket(port, tls, name, password);
  } catch {
    return { steps: 0, loggedIn: false };
  }
  socket.on('error', () => undefined);
  const conn = new FramedConnection(socket, { unknownSignals: 'deliver' });
  let step = 0;
  let loggedIn = false;
  const send = async (payload: Buffer | string): Promise<void> => {
    const frame = encodeData(payload);
    const parts = step === plan.step ? mutate(frame, plan.mutation) : [frame];
    step++;
    for (const part of parts) {
      if (socket.destroyed) throw new Stop();
      socket.write(part);
      if (plan.mutation.kind === 'chunks') await new Promise((r) => setImmediate(r));
    }
  };
  const read = async (): Promise<Frame> => {
    try {
      return await conn.readFrame(readTimeoutMs, 'fuzz read');
    } catch {
      throw new Stop();
    }
  };
  const data = async (): Promise<Buffer> => {
    const f = await read();
    if (f.kind !== 'data') throw new Stop();
    return f.payload;
  };
  try {
    const key = storedPassword(password);
    await send(buildHello({ name, version: '26.0.0', withVersionSuffix: true }));
    const challenge = parseChallengeLine(await data());
    await send(cramResponse(key, challenge.token, challenge.compatible));
    if ((await data()).toString('latin1') !== AUTH_OK) throw new Stop();
    await send(createChallenge(qualifiedName('R_CONSOLE', name), TlsPolicy.None).line);
    await data();
    await send(AUTH_OK);
    let result = await data();
    if (plan.transcript === 'pam-4002') {
      await send(encodeResponse(MessageId.PamUserCredentials, [PAM_USER.name, PAM_USER.password]));
      result = await data();
    } else if (plan.transcript === 'pam-4001') {
      await send(encodeResponse(MessageId.PamInteractive));
      for (const answer of [PAM_USER.name, PAM_USER.password]) {
        await data(); // style byte
        await data(); // prompt text
        await send(answer);
      }
      await data(); // success style
      await data(); // empty text
      result = await data();
    }
    if (!result.toString('latin1').startsWith('1000')) throw new Stop();
    await data(); // 1002 banner
    loggedIn = true;
    await send('version');
    for (;;) {
      const f = await read();
      if (f.kind === 'signal' && f.signal === Signal.EndOfData) break;
    }
    await send('quit');
  } catch {
    // Stop, a parse error on a reply we damaged into something else, a closed socket: all expected.
  } finally {
    socket.destroy();
  }
  return { steps: step, loggedIn };
}
