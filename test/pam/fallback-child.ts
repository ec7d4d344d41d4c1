/**
 * Run as a child process by fallback-direct-login.test.ts: node-linux-pam runs PAM inside the
 * calling process, so pam_wrapper must be preloaded into a process of its own, never the test runner.
 * argv: service, user, password, mode. Prints the PamResult as JSON.
 */
import { PamAuthenticator } from '../../src/auth/pam/index.ts';

const [service = '', user = '', password = '', mode = 'direct'] = process.argv.slice(2);
const pam = new PamAuthenticator({ service, helperPath: '/nonexistent/tsbareos-pam-helper', timeoutMs: 10_000, maxConcurrent: 2 });
const result =
  mode === 'direct'
    ? await pam.authenticate({ mode: 'direct', user, password, rhost: '127.0.0.1' })
    : await pam.authenticate({ mode: 'interactive', rhost: '127.0.0.1', conversation: async () => undefined });
process.stdout.write(JSON.stringify(result));
