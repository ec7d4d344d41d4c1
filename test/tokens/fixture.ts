/**
 * A real director with PAM (pam_wrapper's tsb-matrix stack: alice/alicepw) over TLS-PSK, for the login
 * token tests. PAM calls are counted, so a test can show that a token never reached PAM.
 */
import { PamAuthenticator } from '../../src/auth/pam/index.ts';
import { connect, type DirectorClient } from '../../src/client/index.ts';
import type { PamOutcome, PamRequest, PamService } from '../../director/login/pam.ts';
import { directorResource, startTestDirector, waitFor, type TestDirector } from '../helpers/director.ts';
import { createPamFixture, pamWrapperPrerequisite, type PamFixture } from '../helpers/pam-fixture.ts';

export const prerequisite = pamWrapperPrerequisite();

export class CountingPam implements PamService {
  calls = 0;
  constructor(private readonly inner: PamService) {}
  authenticate(request: PamRequest): Promise<PamOutcome> {
    this.calls++;
    return this.inner.authenticate(request);
  }
}

export interface TokenStack {
  readonly director: TestDirector;
  readonly pam: CountingPam;
  readonly fixture: PamFixture;
  /** PAM direct login (4002) on console `pamconsole`; `password` may be a login token. */
  login(user: string, password: string): Promise<DirectorClient>;
  /** Like login, but resolves to the refusal error. */
  refused(user: string, password: string): Promise<Error>;
  /** The director's `login.refused` line with this result code. */
  refusal(code: string): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

export async function startTokenStack(directorExtra = ''): Promise<TokenStack> {
  const fixture = createPamFixture();
  const pam = new CountingPam(new PamAuthenticator({ service: fixture.services.matrix, env: fixture.env, timeoutMs: 10_000, maxConcurrent: 4 }));
  const director = await startTestDirector(`${directorResource(`Login Failure Limit = 100\n  ${directorExtra}`)}
Console { Name = pamconsole; Password = "consolepw"; Use Pam Authentication = yes }
Console { Name = admin; Password = "adminpw"; Command ACL = *all* }
User { Name = alice; Profile = reader }
User { Name = bob; Profile = reader }
Profile { Name = reader; Command ACL = whoami, version, .api; Job ACL = *all* }
`, { pam });
  const login = (user: string, password: string): Promise<DirectorClient> =>
    connect({ host: '127.0.0.1', port: director.port, name: 'pamconsole', password: 'consolepw', pam: { user, password }, timeoutMs: 5000 });
  return {
    director,
    pam,
    fixture,
    login,
    refused: (user, password) =>
      login(user, password).then(
        async (client) => {
          await client.close();
          throw new Error(`user ${user} was logged in`);
        },
        (error: unknown) => error as Error,
      ),
    async refusal(code) {
      const find = (): Record<string, unknown> | undefined => director.events().find((e) => e['event'] === 'login.refused' && e['result'] === code);
      await waitFor(() => find() !== undefined, 5000, `login.refused ${code}`);
      return find() ?? {};
    },
    async close() {
      await director.close();
      fixture.cleanup();
    },
  };
}

/** A PAM login that asks for a token and leaves without logging out (a dropped connection). */
export async function tokenFor(stack: TokenStack, ttl?: number): Promise<string> {
  const client = await stack.login('alice', 'alicepw');
  try {
    return (await client.call(ttl === undefined ? '.logintoken' : `.logintoken ttl=${ttl}`)).trim();
  } finally {
    await client.close();
  }
}
