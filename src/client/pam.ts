/**
 * The console side of PAM (reference §6), after the director sent `1001` RS.
 *
 *   direct:       C->D  `4002` RS user RS password            (nothing comes back until 1000 or EOF)
 *   interactive:  C->D  `4001` RS
 *                 D->C  [1] style   D->C  text NUL            style 1 = ECHO_OFF, 2 = ECHO_ON
 *                 C->D  answer (no NUL, no newline)          ... repeated ...
 *                 D->C  [1] 00      D->C  [1] 00              success (style 0, empty text)
 * A PAM failure shows only as EOF where `1000` was expected; the caller turns that into PamError.
 */
import { MessageId, RS, encodeResponse } from '../wire/response.ts';
import { payloadText } from '../wire/frame.ts';
import { PamError, ProtocolError } from './errors.ts';
import type { DirectorLink } from './link.ts';
import type { PamOptions } from './options.ts';

export const enum PamStyle {
  Success = 0,
  PromptEchoOff = 1,
  PromptEchoOn = 2,
}

/** Bound on the conversation: a director that keeps prompting is not a PAM module we can satisfy. */
export const MAX_PAM_PROMPTS = 32;

export interface PamContext {
  readonly link: DirectorLink;
  readonly pam: PamOptions | undefined;
  readonly consoleName: string;
  readonly encrypted: boolean;
  readonly allowWithoutTls: boolean;
  readonly timeoutMs: number;
}

/** Runs the PAM step; returns the user name when known (direct mode). */
export async function runPam(context: PamContext): Promise<string | undefined> {
  const { pam } = context;
  if (pam === undefined) {
    throw new PamError(`console '${context.consoleName}' requires PAM: give a PAM user and password, or an interactive prompt handler`);
  }
  if (!context.encrypted && !context.allowWithoutTls) {
    throw new PamError('refusing to send PAM credentials over a cleartext connection: use TLS, or allow it explicitly (allowPamWithoutTls)');
  }
  if ('user' in pam) {
    sendCredentials(context.link, pam.user, pam.password);
    return pam.user;
  }
  context.link.send(encodeResponse(MessageId.PamInteractive));
  await converse(context, pam.prompt);
  return undefined;
}

function sendCredentials(link: DirectorLink, user: string, password: string): void {
  // Fields are split at RS and read as C strings by the director (§6.2).
  for (const [what, value] of [['user name', user], ['password', password]] as const) {
    if (value.includes(RS) || value.includes('\0')) throw new PamError(`the PAM ${what} must not contain the bytes 0x1e or 0x00`);
  }
  // An empty user would silently switch the director to interactive mode (§6.2): say so instead.
  if (user === '') throw new PamError('the PAM user name is empty');
  link.send(encodeResponse(MessageId.PamUserCredentials, [user, password]), 'PAM user credentials (4002)');
}

async function converse(context: PamContext, prompt: Extract<PamOptions, { prompt: unknown }>['prompt']): Promise<void> {
  for (let round = 0; round <= MAX_PAM_PROMPTS; round++) {
    const style = await readStyle(context);
    const text = await readText(context);
    if (style === PamStyle.Success) return;
    const answer = await prompt({ echo: style === PamStyle.PromptEchoOn, text });
    context.link.send(answer, style === PamStyle.PromptEchoOff ? 'PAM answer (echo off)' : undefined);
  }
  throw new ProtocolError(`the director sent more than ${MAX_PAM_PROMPTS} PAM prompts`);
}

async function readStyle(context: PamContext): Promise<PamStyle> {
  const frame = await context.link.read(context.timeoutMs, 'a PAM prompt');
  if (frame.kind !== 'data' || frame.payload.length !== 1) {
    throw new ProtocolError('expected a one-byte PAM message style from the director');
  }
  const style = frame.payload[0];
  if (style === PamStyle.Success || style === PamStyle.PromptEchoOff || style === PamStyle.PromptEchoOn) return style;
  throw new ProtocolError(`unknown PAM message style ${String(style)} from the director`);
}

async function readText(context: PamContext): Promise<string> {
  const frame = await context.link.read(context.timeoutMs, 'a PAM prompt text');
  if (frame.kind !== 'data') throw new ProtocolError('expected the PAM prompt text from the director, got a signal');
  return payloadText(frame.payload);
}
