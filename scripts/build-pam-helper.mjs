#!/usr/bin/env node
// Builds build/tsbareos-pam-helper from src/auth/pam/helper/tsbareos-pam-helper.c with the system C
// compiler. Run by `npm ci` through package.json's "prepare" script, so it must never fail the
// install: without a compiler or the PAM headers it prints one warning line and exits 0, and the
// director then reports PAM as unavailable (or falls back to node-linux-pam for direct logins).
// Why plain cc and not node-gyp: see docs/pam.md ("Building the helper").
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = join(root, 'src/auth/pam/helper/tsbareos-pam-helper.c');
const output = join(root, 'build/tsbareos-pam-helper');
const quiet = process.argv.includes('--quiet');

function warn(why) {
  console.warn(`tsbareos: PAM helper not built (${why}); interactive PAM logins are unavailable, direct ones fall back to node-linux-pam if installed`);
  process.exit(0);
}

if (!existsSync(source)) warn(`missing ${source}`);
if (existsSync(output) && statSync(output).mtimeMs >= statSync(source).mtimeMs && !process.argv.includes('--force')) {
  if (!quiet) console.log(`tsbareos: PAM helper up to date: ${output}`);
  process.exit(0);
}

const cc = process.env.CC || 'cc';
const probe = spawnSync(cc, ['--version'], { stdio: 'ignore' });
if (probe.error || probe.status !== 0) warn(`no C compiler "${cc}"; install gcc or set CC`);
if (!existsSync('/usr/include/security/pam_appl.h')) {
  // The header may live elsewhere on other systems; the compile below is the real test, this only
  // gives a clearer message on Debian and friends.
  const test = spawnSync(cc, ['-E', '-x', 'c', '-'], { input: '#include <security/pam_appl.h>\n', stdio: ['pipe', 'ignore', 'ignore'] });
  if (test.status !== 0) warn('PAM headers missing; install libpam0g-dev (Debian/Ubuntu) or pam-devel (RHEL/Fedora)');
}

mkdirSync(dirname(output), { recursive: true });
// Build to a temporary name and rename, so a director starting meanwhile never runs half a file.
const temp = `${output}.tmp-${process.pid}`;
const args = [
  '-O2', '-Wall', '-Wextra', '-D_FORTIFY_SOURCE=2', '-fstack-protector-strong', '-fPIE', '-pie',
  '-o', temp, source, '-lpam',
];
const result = spawnSync(cc, args, { encoding: 'utf8' });
if (result.error || result.status !== 0) {
  rmSync(temp, { force: true });
  const firstLine = `${result.stderr ?? result.error?.message ?? ''}`.split('\n').find((l) => l.trim() !== '') ?? 'unknown error';
  warn(`${cc} failed: ${firstLine.trim()}`);
}
if (result.stderr && result.stderr.trim() !== '') process.stderr.write(result.stderr);
chmodSync(temp, 0o755);
renameSync(temp, output);
if (!quiet) console.log(`tsbareos: built PAM helper ${output}`);
