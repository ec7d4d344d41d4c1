/**
 * Tests that need a Debian package (pam_wrapper, bconsole, chromium, PostgreSQL...) ask here first.
 * On a developer machine without the package the test is skipped with the reason; under `.ci/run`
 * (TSBAREOS_CI=1) a missing prerequisite is a hard failure, so CI can never pass by skipping.
 */
import { accessSync, constants } from 'node:fs';

export const STRICT = process.env['TSBAREOS_CI'] === '1';

export interface Prerequisite {
  readonly available: boolean;
  readonly reason: string;
}

export function fileExists(path: string): boolean {
  try {
    accessSync(path, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

export function requireFiles(what: string, paths: readonly string[]): Prerequisite {
  const missing = paths.filter((p) => !fileExists(p));
  if (missing.length === 0) return { available: true, reason: '' };
  const reason = `${what} not installed (missing ${missing.join(', ')}); run .ci/run or install it`;
  if (STRICT) throw new Error(`prerequisite missing under TSBAREOS_CI=1: ${reason}`);
  return { available: false, reason };
}

/** For `describe.skipIf(!x.available)`: logs why the block is skipped. */
export function announceSkip(prereq: Prerequisite): boolean {
  if (!prereq.available) console.warn(`[skipped] ${prereq.reason}`);
  return !prereq.available;
}

export const PAM_WRAPPER_LIB = '/usr/lib/x86_64-linux-gnu/libpam_wrapper.so';
export const PAM_MATRIX = '/usr/lib/x86_64-linux-gnu/pam_wrapper/pam_matrix.so';
export const PAM_OATH = '/lib/x86_64-linux-gnu/security/pam_oath.so';
export const BCONSOLE = '/usr/sbin/bconsole';
export const BACULA_DIR = '/usr/sbin/bacula-dir';
export const CHROMIUM = '/usr/bin/chromium';
