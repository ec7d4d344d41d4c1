import { access, constants } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** Where `npm ci` (scripts/build-pam-helper.mjs) puts the helper: <package root>/build/. */
export const DEFAULT_HELPER_PATH = fileURLToPath(new URL('../../../build/tsbareos-pam-helper', import.meta.url));

export async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
