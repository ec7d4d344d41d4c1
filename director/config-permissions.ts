/**
 * Config files hold passwords (the default console's, every console's, the catalog's), and the md5
 * form is as good as the password. Bareos installs them 0640 root:bareos; readable by everyone is a
 * mistake worth a warning at start-up and in `director -t`.
 */
import { statSync } from 'node:fs';

export function configPermissionWarnings(files: readonly string[]): string[] {
  const warnings: string[] = [];
  for (const file of files) {
    let mode: number;
    try {
      mode = statSync(file).mode & 0o777;
    } catch {
      continue;
    }
    if ((mode & 0o004) !== 0) {
      warnings.push(`${file} is readable by every user (mode 0${mode.toString(8)}) but holds passwords: chmod o-r (Bareos uses 0640 root:bareos)`);
    }
  }
  return warnings;
}
