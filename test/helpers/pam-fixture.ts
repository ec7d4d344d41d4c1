/**
 * Real PAM stacks for tests, without root and without /etc: pam_wrapper service files in a temp
 * directory. Pass `fixture.env` to whatever process runs PAM (the PAM helper, via
 * `new PamAuthenticator({ env: fixture.env, ... })`); never set it on the test process itself.
 *
 * Facts this relies on (checked on Debian 12, pam_wrapper 1.1.4):
 * - pam_wrapper copies PAM_WRAPPER_SERVICE_DIR into /tmp/pam.XXXXXX when the process starts and
 *   points its private libpam copy there, so service files must exist before the helper starts.
 *   A process killed with SIGKILL leaves that copy behind; cleanup() removes the ones that are ours.
 * - Modules named without a path load from Linux-PAM's module directory; pam_wrapper's own
 *   modules (pam_matrix) need absolute paths. PAM does not expand variables: paths are written out.
 * - No "other" file is written, so an unknown service fails in pam_start (a real system falls back
 *   to /etc/pam.d/other instead).
 * - pam_matrix's account check passes only when the third passdb field equals the service name,
 *   so each service gets its own passdb.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PAM_MATRIX, PAM_OATH, PAM_WRAPPER_LIB, requireFiles, type Prerequisite } from './prereqs.ts';

export const OATHTOOL = '/usr/bin/oathtool';
const SECURITY_DIR = '/usr/lib/x86_64-linux-gnu/security';

/** pam_wrapper, pam_matrix, pam_oath + oathtool, and the Linux-PAM modules the stacks use. */
export function pamWrapperPrerequisite(): Prerequisite {
  return requireFiles('pam_wrapper test PAM (libpam-wrapper, libpam-oath, oathtool)', [
    PAM_WRAPPER_LIB,
    PAM_MATRIX,
    PAM_OATH,
    OATHTOOL,
    join(SECURITY_DIR, 'pam_debug.so'),
    join(SECURITY_DIR, 'pam_echo.so'),
    join(SECURITY_DIR, 'pam_exec.so'),
    join(SECURITY_DIR, 'pam_faildelay.so'),
  ]);
}

export const PAM_SERVICES = {
  /** pam_permit (asks `login:` when no user is given) + pam_matrix `Password: `; account pam_matrix. */
  matrix: 'tsb-matrix',
  /** user, banner text (pam_echo), `Password: ` (pam_matrix verbose), then the OATH HOTP code. */
  twoFactor: 'tsb-2fa',
  /** pam_matrix auth; account says PAM_NEW_AUTHTOK_REQD (pam_debug); password stack pam_matrix. */
  expired: 'tsb-expired',
  /** tsb-matrix plus ~500 ms: pam_exec sleep on every login, pam_faildelay 0.5 s on failures. */
  slow: 'tsb-slow',
  /** Right passwords, but every passdb line names another service: account always denied. */
  denyAccount: 'tsb-deny-account',
} as const;

export type PamServiceName = (typeof PAM_SERVICES)[keyof typeof PAM_SERVICES];

/** alice: the normal user. bob: right password, account denied everywhere (service field "other"). */
export const PAM_USERS = {
  alice: { name: 'alice', password: 'alicepw' },
  bob: { name: 'bob', password: 'bobpw' },
} as const;

/** RFC 4226 test key (ASCII "12345678901234567890"), the one in oathtool's manual. */
export const OATH_KEYS = {
  alice: '3132333435363738393031323334353637383930',
  carol: '3132333435363738393031323334353637383931',
} as const;

export interface PamFixture {
  readonly dir: string;
  /** For the PAM process only (the helper): LD_PRELOAD, PAM_WRAPPER, PAM_WRAPPER_SERVICE_DIR. */
  readonly env: {
    readonly LD_PRELOAD: string;
    readonly PAM_WRAPPER: '1';
    readonly PAM_WRAPPER_SERVICE_DIR: string;
  };
  readonly services: typeof PAM_SERVICES;
  readonly users: typeof PAM_USERS;
  /**
   * carol exists only in tsb-2fa, and her PAM password IS her own HOTP code for counter 0: if a
   * client's password ever reached her OTP prompt, pam_oath would accept it and advance her counter.
   */
  readonly carol: { readonly name: 'carol'; readonly password: string };
  /** The pam_matrix password file of each service (rewritten by a password change). */
  readonly passdb: Readonly<Record<PamServiceName, string>>;
  /** pam_oath's users file (rewritten with the last used counter after each accepted code). */
  readonly oathUsersFile: string;
  /** The text pam_echo sends in tsb-2fa. */
  readonly banner: string;
  /** The HOTP code for `counter` (0 is the first one pam_oath accepts). */
  hotp(counter: number, user?: keyof typeof OATH_KEYS): string;
  read(path: string): string;
  cleanup(): void;
}

function hotpCode(key: string, counter: number): string {
  return execFileSync(OATHTOOL, ['--hotp', '-c', String(counter), key], { encoding: 'utf8' }).trim();
}

export function createPamFixture(): PamFixture {
  const dir = mkdtempSync(join(tmpdir(), 'tsb-pam-'));
  const serviceDir = join(dir, 'services');
  mkdirSync(serviceDir);
  const path = (name: string): string => join(dir, name);
  const matrix = PAM_MATRIX;
  const module = (name: string): string => join(SECURITY_DIR, name);

  const carol = { name: 'carol' as const, password: hotpCode(OATH_KEYS.carol, 0) };
  const banner = 'tsbareos test system: authorised use only';
  writeFileSync(path('banner'), `${banner}\n`);
  writeFileSync(path('users.oath'), `HOTP alice - ${OATH_KEYS.alice}\nHOTP carol - ${OATH_KEYS.carol}\n`, { mode: 0o600 });

  const passdb = {} as Record<PamServiceName, string>;
  const userLines = (service: string, extra: readonly string[] = []): string =>
    [`alice:${PAM_USERS.alice.password}:${service}`, `bob:${PAM_USERS.bob.password}:other`, ...extra].join('\n') + '\n';
  for (const service of Object.values(PAM_SERVICES)) {
    passdb[service] = path(`passdb.${service}`);
    const lines =
      service === PAM_SERVICES.denyAccount
        ? userLines(PAM_SERVICES.matrix) // right passwords, wrong service field
        : service === PAM_SERVICES.twoFactor
          ? userLines(service, [`carol:${carol.password}:${service}`])
          : userLines(service);
    writeFileSync(passdb[service], lines);
  }

  const stacks: Record<PamServiceName, string[]> = {
    'tsb-matrix': [
      'auth     required   pam_permit.so',
      `auth     required   ${matrix} passdb=${passdb['tsb-matrix']}`,
      `account  required   ${matrix} passdb=${passdb['tsb-matrix']}`,
    ],
    'tsb-2fa': [
      'auth     required   pam_permit.so',
      `auth     optional   ${module('pam_echo.so')} file=${path('banner')}`,
      `auth     requisite  ${matrix} passdb=${passdb['tsb-2fa']} verbose`,
      `auth     requisite  ${PAM_OATH} usersfile=${path('users.oath')} window=5 digits=6`,
      `account  required   ${matrix} passdb=${passdb['tsb-2fa']}`,
    ],
    'tsb-expired': [
      'auth     required   pam_permit.so',
      `auth     required   ${matrix} passdb=${passdb['tsb-expired']}`,
      `account  required   ${module('pam_debug.so')} acct=new_authtok_reqd`,
      `password required   ${matrix} passdb=${passdb['tsb-expired']}`,
    ],
    'tsb-slow': [
      'auth     required   pam_permit.so',
      `auth     optional   ${module('pam_faildelay.so')} delay=500000`,
      `auth     optional   ${module('pam_exec.so')} quiet /bin/sleep 0.5`,
      `auth     required   ${matrix} passdb=${passdb['tsb-slow']}`,
      `account  required   ${matrix} passdb=${passdb['tsb-slow']}`,
    ],
    'tsb-deny-account': [
      'auth     required   pam_permit.so',
      `auth     required   ${matrix} passdb=${passdb['tsb-deny-account']}`,
      `account  required   ${matrix} passdb=${passdb['tsb-deny-account']}`,
    ],
  };
  for (const [service, lines] of Object.entries(stacks)) {
    writeFileSync(join(serviceDir, service), `${lines.join('\n')}\n`);
  }

  return {
    dir,
    env: { LD_PRELOAD: PAM_WRAPPER_LIB, PAM_WRAPPER: '1', PAM_WRAPPER_SERVICE_DIR: serviceDir },
    services: PAM_SERVICES,
    users: PAM_USERS,
    carol,
    passdb,
    oathUsersFile: path('users.oath'),
    banner,
    hotp: (counter, user = 'alice') => hotpCode(OATH_KEYS[user], counter),
    read: (p) => readFileSync(p, 'utf8'),
    cleanup: () => {
      rmSync(dir, { recursive: true, force: true });
      removeLeftoverWrapperDirs(serviceDir);
    },
  };
}

/** pam_wrapper copies left behind by killed helpers: only those whose service files name our dir. */
function removeLeftoverWrapperDirs(serviceDir: string): void {
  const root = '/tmp';
  let entries: string[];
  try {
    entries = readdirSync(root).filter((e) => e.startsWith('pam.'));
  } catch {
    return;
  }
  const dirPrefix = serviceDir.slice(0, serviceDir.length - '/services'.length);
  for (const entry of entries) {
    const copy = join(root, entry);
    try {
      const content = readFileSync(join(copy, PAM_SERVICES.matrix), 'utf8');
      if (content.includes(`${dirPrefix}/`)) rmSync(copy, { recursive: true, force: true });
    } catch {
      // not ours, or already gone
    }
  }
}
