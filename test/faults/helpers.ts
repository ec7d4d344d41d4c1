/**
 * Shared by the fault tests: a director with short timeouts, a console that must keep working, and
 * the check that every misbehaving connection is gone again on the director's side.
 */
import { expect } from 'vitest';
import { connect } from '../../src/client/index.ts';
import { DIRECTOR_PASSWORD, directorResource, startTestDirector, waitFor, type TestDirector } from '../helpers/director.ts';

export { DIRECTOR_PASSWORD };

/** Cleartext allowed for the default console (the legacy path) and a TLS-PSK named console. */
export function faultConfig(extra = ''): string {
  // directorResource() sets Handshake Timeout = 5; a test that names its own replaces it.
  const base = extra.includes('Handshake Timeout') ? directorResource(`TLS Enable = no\n  ${extra}`).replace('Handshake Timeout = 5\n', '') : directorResource(`TLS Enable = no\n  ${extra}`);
  return `${base}
Console { Name = admin; Password = "adminpw"; Command ACL = *all* }
`;
}

export function startFaultDirector(extra = ''): Promise<TestDirector> {
  return startTestDirector(faultConfig(extra));
}

/** A real console logs in (cleartext default and TLS-PSK named) and runs a command. */
export async function realConsoleWorks(director: TestDirector): Promise<void> {
  const plain = await connect({ host: '127.0.0.1', port: director.port, tls: 'off', password: DIRECTOR_PASSWORD });
  expect(await plain.call('version')).toMatch(/^test-dir Version: /);
  await plain.close();
  const psk = await connect({ host: '127.0.0.1', port: director.port, name: 'admin', password: 'adminpw' });
  expect((await psk.call('whoami')).trim()).toBe('admin');
  await psk.close();
}

/** Nothing half-open stays behind: no login in progress, only `sessions` consoles alive. */
export async function settles(director: TestDirector, sessions = 0): Promise<void> {
  await waitFor(() => director.server.pendingConnections === 0 && director.runtime.live.size === sessions, 10_000, `no pending logins and ${sessions} sessions (pending ${director.server.pendingConnections}, live ${director.runtime.live.size})`);
}

export function refusals(director: TestDirector): Array<Record<string, unknown>> {
  return director.events().filter((e) => e['event'] === 'login.refused');
}
