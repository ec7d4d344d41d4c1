/** What `tsbareos director -t` prints about PAM, and what the director logs at start. */
import { access, constants } from 'node:fs/promises';
import { join } from 'node:path';
import { loadNodeLinuxPam } from './fallback.ts';
import { DEFAULT_HELPER_PATH, isExecutable } from './helper-path.ts';

export interface PamAvailabilityOptions {
  readonly helperPath?: string;
  readonly service: string;
  /** The helper's extra environment; PAM_WRAPPER_SERVICE_DIR there moves where service files are looked up. */
  readonly env?: Readonly<Record<string, string>>;
  /** Whether node-linux-pam may be used for direct logins. Default true. */
  readonly fallback?: boolean;
}

export interface PamAvailability {
  /** The helper is built and executable: interactive and direct PAM work. */
  readonly helper: boolean;
  /** node-linux-pam loads: direct PAM works even without the helper. */
  readonly fallback: boolean;
  /** Whether a service file named after the service exists; undefined when that cannot be told. */
  readonly serviceFileFound?: boolean;
  /** One line for an operator. */
  readonly reason: string;
}

/** Linux-PAM reads /etc/pam.d first, then the vendor directory (/usr/lib/pam.d on recent distributions). */
function serviceDirs(env: Readonly<Record<string, string>> | undefined): string[] {
  const wrapped = env?.['PAM_WRAPPER'] === '1' ? env['PAM_WRAPPER_SERVICE_DIR'] : undefined;
  return wrapped !== undefined ? [wrapped] : ['/etc/pam.d', '/usr/lib/pam.d'];
}

async function findServiceFile(service: string, dirs: readonly string[]): Promise<string | undefined> {
  for (const dir of dirs) {
    const path = join(dir, service);
    try {
      await access(path, constants.R_OK);
      return path;
    } catch {
      // try the next directory
    }
  }
  return undefined;
}

export async function pamAvailability(options: PamAvailabilityOptions): Promise<PamAvailability> {
  const helperPath = options.helperPath ?? DEFAULT_HELPER_PATH;
  const helper = await isExecutable(helperPath);
  const fallback = options.fallback === false ? false : (await loadNodeLinuxPam()) !== undefined;
  const dirs = serviceDirs(options.env);
  const serviceFile = options.service === '' ? undefined : await findServiceFile(options.service, dirs);
  const serviceFileFound = serviceFile !== undefined;

  const parts: string[] = [];
  if (helper) parts.push(`PAM helper ${helperPath} ready (interactive and direct logins)`);
  else if (fallback) parts.push(`PAM helper ${helperPath} not built (run npm run prepare; needs cc and libpam0g-dev): direct logins use node-linux-pam, interactive logins are refused`);
  else parts.push(`PAM unavailable: helper ${helperPath} not built (needs cc and libpam0g-dev, then npm run prepare) and node-linux-pam not installed`);
  if (serviceFileFound) parts.push(`service file ${serviceFile}`);
  else parts.push(`no service file "${options.service}" in ${dirs.join(' or ')}: PAM will use its "other" service, which usually denies`);
  return { helper, fallback, serviceFileFound, reason: parts.join('; ') };
}
