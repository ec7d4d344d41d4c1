/**
 * Linux-PAM return codes (security/_pam_types.h). Numbers are Linux-PAM's; other PAM
 * implementations (OpenPAM, Solaris) number them differently, and the helper only runs on Linux-PAM.
 */
export const PamCode = {
  PAM_SUCCESS: 0,
  PAM_OPEN_ERR: 1,
  PAM_SYMBOL_ERR: 2,
  PAM_SERVICE_ERR: 3,
  PAM_SYSTEM_ERR: 4,
  PAM_BUF_ERR: 5,
  PAM_PERM_DENIED: 6,
  PAM_AUTH_ERR: 7,
  PAM_CRED_INSUFFICIENT: 8,
  PAM_AUTHINFO_UNAVAIL: 9,
  PAM_USER_UNKNOWN: 10,
  PAM_MAXTRIES: 11,
  PAM_NEW_AUTHTOK_REQD: 12,
  PAM_ACCT_EXPIRED: 13,
  PAM_SESSION_ERR: 14,
  PAM_CRED_UNAVAIL: 15,
  PAM_CRED_EXPIRED: 16,
  PAM_CRED_ERR: 17,
  PAM_NO_MODULE_DATA: 18,
  PAM_CONV_ERR: 19,
  PAM_AUTHTOK_ERR: 20,
  PAM_AUTHTOK_RECOVERY_ERR: 21,
  PAM_AUTHTOK_LOCK_BUSY: 22,
  PAM_AUTHTOK_DISABLE_AGING: 23,
  PAM_TRY_AGAIN: 24,
  PAM_IGNORE: 25,
  PAM_ABORT: 26,
  PAM_AUTHTOK_EXPIRED: 27,
  PAM_MODULE_UNKNOWN: 28,
  PAM_BAD_ITEM: 29,
  PAM_CONV_AGAIN: 30,
  PAM_INCOMPLETE: 31,
} as const;

export type PamCodeName = keyof typeof PamCode;

const NAMES: ReadonlyMap<number, PamCodeName> = new Map(
  (Object.entries(PamCode) as Array<[PamCodeName, number]>).map(([name, code]) => [code, name]),
);

/** `PAM_AUTH_ERR` for 7; `PAM_CODE_<n>` for a number Linux-PAM does not define. */
export function pamCodeName(code: number): string {
  return NAMES.get(code) ?? `PAM_CODE_${code}`;
}

/**
 * Codes that mean the stack itself cannot run (module missing, config unreadable, directory
 * server unreachable), as opposed to "this user may not log in". Operators fix these, users cannot.
 */
export const SERVICE_FAILURE_CODES: ReadonlySet<number> = new Set([
  PamCode.PAM_OPEN_ERR,
  PamCode.PAM_SYMBOL_ERR,
  PamCode.PAM_SERVICE_ERR,
  PamCode.PAM_SYSTEM_ERR,
  PamCode.PAM_BUF_ERR,
  PamCode.PAM_AUTHINFO_UNAVAIL,
  PamCode.PAM_ABORT,
  PamCode.PAM_MODULE_UNKNOWN,
]);
