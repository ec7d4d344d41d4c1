/**
 * A core dump of the director would hold every console password (as md5, which logs you in as
 * well as the password) and whatever PAM answers are in flight. Node has no setrlimit, so the
 * director asks util-linux's `prlimit` (essential on Debian) to set its own RLIMIT_CORE to 0.
 */
import { execFile } from 'node:child_process';

/** Sets this process's core size limit to 0; resolves to a reason when it could not. */
export function disableCoreDumps(): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('prlimit', ['--pid', String(process.pid), '--core=0:0'], { timeout: 5000 }, (error) => {
      resolve(error ? `could not disable core dumps (prlimit: ${error.message.split('\n')[0]}); run with ulimit -c 0 or LimitCORE=0` : undefined);
    });
  });
}
