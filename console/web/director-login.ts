/**
 * One user's login to a director through the gateway's PAM console: direct mode (4002) for the JSON
 * login, interactive mode (4001) for the WebSocket flow. Either way the result must be a PAM login:
 * if the director never asked for PAM, the configured console is not a PAM console and whoever typed
 * anything would be logged in as that console, so the connection is closed and refused.
 */
import { connect, type DirectorClient, type PamPrompt } from '../../src/client/index.ts';
import type { DirectorTarget } from './directors.ts';
import { ErrorCode, WebError, loginFailure } from './errors.ts';

export async function loginDirect(target: DirectorTarget, user: string, password: string): Promise<DirectorClient> {
  let client: DirectorClient;
  try {
    client = await connect({ ...target.connect, pam: { user, password } });
  } catch (error) {
    throw loginFailure(error);
  }
  // The banner names the PAM user (1002 "You are logged in as: <user>"); anything else means no PAM ran.
  await requirePamLogin(client, target, (name) => name === user);
  return client;
}

export async function loginInteractive(target: DirectorTarget, prompt: (prompt: PamPrompt) => Promise<string>): Promise<DirectorClient> {
  let client: DirectorClient;
  try {
    client = await connect({ ...target.connect, pam: { prompt } });
  } catch (error) {
    throw loginFailure(error);
  }
  await requirePamLogin(client, target, (name) => name !== target.consoleName);
  return client;
}

async function requirePamLogin(client: DirectorClient, target: DirectorTarget, isPamUser: (name: string) => boolean): Promise<void> {
  if (isPamUser(client.loggedInAs) && client.loggedInAs !== target.consoleName) return;
  await client.close();
  throw new WebError(
    ErrorCode.PamNotAvailable,
    `the director did not ask for PAM: console "${target.consoleName}" must have "Use Pam Authentication = yes" on director "${target.name}"`,
  );
}
