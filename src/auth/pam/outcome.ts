/** Turns a PAM (stage, code) pair into the reason the director logs and acts on. */
import { PamCode, SERVICE_FAILURE_CODES, pamCodeName } from './codes.ts';
import type { PamStage } from './protocol.ts';
import type { PamBackend, PamFailure, PamFailureReason, PamResult } from './types.ts';

function reasonFor(stage: PamStage, code: number, mode: 'interactive' | 'direct'): PamFailureReason {
  if (stage === 'conversation' || code === PamCode.PAM_CONV_ERR) return 'conversation_error';
  // Whatever a password module returns once the user is in chauthtok (pam_matrix says
  // PAM_AUTHINFO_UNAVAIL for a mismatch), for the user it is one thing: the change did not happen.
  if (stage === 'chauthtok') return mode === 'interactive' ? 'password_change_failed' : 'password_change_required';
  if (stage === 'start' || SERVICE_FAILURE_CODES.has(code)) return 'service_unavailable';
  switch (stage) {
    case 'authenticate':
      return 'auth_failed';
    case 'acct_mgmt':
      if (code === PamCode.PAM_NEW_AUTHTOK_REQD) return 'password_change_required';
      if (code === PamCode.PAM_ACCT_EXPIRED) return 'account_expired';
      return 'account_denied';
  }
}

export function pamOutcome(
  stage: PamStage,
  code: number,
  text: string,
  user: string,
  mode: 'interactive' | 'direct',
  backend: PamBackend,
  moduleTexts: readonly string[],
): PamResult {
  if (code === PamCode.PAM_SUCCESS) return { ok: true, user, backend };
  const said = moduleTexts.length > 0 ? `; module said: ${moduleTexts.join(' | ')}` : '';
  return {
    ok: false,
    reason: reasonFor(stage, code, mode),
    stage,
    pamCode: code,
    pamCodeName: pamCodeName(code),
    message: `${stage}: ${text || pamCodeName(code)}${said}`,
    user,
    backend,
  };
}

export function failure(
  reason: PamFailureReason,
  stage: PamFailure['stage'],
  message: string,
  extra: Partial<Omit<PamFailure, 'ok' | 'reason' | 'stage' | 'message'>> = {},
): PamFailure {
  return { ok: false, reason, stage, message, ...extra };
}
