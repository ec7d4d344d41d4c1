/**
 * Reconnection without the password (issue 8): after the PAM login the gateway asks the director for
 * a signed login token (`.logintoken`, api 2 result `{"logintoken":{"token","expires"}}`) and keeps it
 * in memory with the session. When the connection drops, the next command logs in again in direct
 * mode with the token in place of the password. Directors without token support answer
 * "is an invalid command" and the session simply ends on a drop, as before.
 */
import type { DirectorClient, JsonValue } from '../../src/client/index.ts';
import { loginDirect } from './director-login.ts';
import type { DirectorTarget } from './directors.ts';
import type { Renewal } from './sessions.ts';

export interface LoginToken {
  readonly token: string;
  /** Unix milliseconds. */
  readonly expiresAt: number;
}

function field(value: JsonValue | undefined, key: string): JsonValue | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value[key] : undefined;
}

export async function fetchLoginToken(client: DirectorClient): Promise<LoginToken | undefined> {
  let result: JsonValue;
  try {
    result = await client.callJson('.logintoken');
  } catch {
    return undefined;
  }
  const entry = field(result, 'logintoken');
  const token = field(entry, 'token');
  const expires = field(entry, 'expires');
  if (typeof token !== 'string' || typeof expires !== 'number') return undefined;
  return { token, expiresAt: expires * 1000 };
}

export function tokenRenewal(target: DirectorTarget, user: string, first: LoginToken): Renewal {
  return {
    token: first.token,
    expiresAt: first.expiresAt,
    async reconnect(token) {
      const client = await loginDirect(target, user, token);
      // A director may refuse to issue a token to a token login; the old one then serves until it expires.
      const fresh = await fetchLoginToken(client);
      return fresh ? { client, token: fresh } : { client };
    },
    async revoke(client) {
      // `.logout` revokes every token of the user and ends the director session.
      await client.callDetailed('.logout');
    },
  };
}
