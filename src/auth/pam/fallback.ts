/**
 * Direct mode without the helper: node-linux-pam runs pam_authenticate + pam_acct_mgmt on libuv's
 * thread pool inside the director. Kept only so a site without a C compiler can still log in the
 * PHP webui / python-bareos way. Its limits (docs/pam.md): it answers every prompt with the
 * password (so an OTP prompt gets it too, which is why this path is used only when the helper is
 * absent), cannot be killed on timeout, does not report PAM_USER, and needs the password as a JS
 * string, which cannot be wiped.
 */
import { PamCode, SERVICE_FAILURE_CODES, pamCodeName } from './codes.ts';
import { failure } from './outcome.ts';
import type { PamResult } from './types.ts';

interface NodeLinuxPam {
  pamAuthenticatePromise(options: {
    username: string;
    password: string;
    serviceName?: string;
    remoteHost?: string;
  }): Promise<number>;
}

let loaded: Promise<NodeLinuxPam | undefined> | undefined;

function isNodeLinuxPam(value: unknown): value is NodeLinuxPam {
  return typeof value === 'object' && value !== null && typeof (value as { pamAuthenticatePromise?: unknown }).pamAuthenticatePromise === 'function';
}

/** Loads node-linux-pam once; undefined when it is not installed or its native part did not build. */
export function loadNodeLinuxPam(): Promise<NodeLinuxPam | undefined> {
  loaded ??= import('node-linux-pam').then(
    (mod: unknown) => {
      const candidates: unknown[] = [mod, (mod as { default?: unknown }).default];
      return candidates.find(isNodeLinuxPam);
    },
    () => undefined,
  );
  return loaded;
}

function codeOf(err: unknown): number | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : undefined;
}

export async function fallbackDirect(
  pam: NodeLinuxPam,
  service: string,
  user: string,
  password: string,
  rhost: string,
): Promise<PamResult> {
  try {
    const code = await pam.pamAuthenticatePromise({ username: user, password, serviceName: service, remoteHost: rhost });
    if (code === PamCode.PAM_SUCCESS) return { ok: true, user, backend: 'fallback' };
    return failure('auth_failed', 'authenticate', `node-linux-pam returned ${pamCodeName(code)}`, {
      pamCode: code, pamCodeName: pamCodeName(code), user, backend: 'fallback',
    });
  } catch (err) {
    const code = codeOf(err) ?? PamCode.PAM_SYSTEM_ERR;
    const name = pamCodeName(code);
    const text = err instanceof Error ? err.message : String(err);
    // node-linux-pam does not say which call failed; these codes only come from pam_acct_mgmt.
    const accountCodes: ReadonlySet<number> = new Set([PamCode.PAM_NEW_AUTHTOK_REQD, PamCode.PAM_ACCT_EXPIRED]);
    const stage = accountCodes.has(code) ? 'acct_mgmt' : 'authenticate';
    const reason =
      code === PamCode.PAM_NEW_AUTHTOK_REQD ? 'password_change_required'
      : code === PamCode.PAM_ACCT_EXPIRED ? 'account_expired'
      : code === PamCode.PAM_PERM_DENIED ? 'account_denied'
      : code === PamCode.PAM_CONV_ERR ? 'conversation_error'
      : SERVICE_FAILURE_CODES.has(code) ? 'service_unavailable'
      : 'auth_failed';
    return failure(reason, stage, `${stage}: ${text} (node-linux-pam)`, { pamCode: code, pamCodeName: name, user, backend: 'fallback' });
  }
}
