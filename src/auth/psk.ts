/**
 * TLS-PSK identity and key (reference §2.4): identity `R_CONSOLE` RS `<console name>` (spaces stay
 * 0x20), key = the 32 ASCII bytes of the stored password (md5 hex).
 */
import { storedPassword } from './password.ts';

export const DEFAULT_CONSOLE_NAME = '*UserAgent*';

export function pskIdentity(consoleName: string): string {
  return `R_CONSOLE\x1e${consoleName}`;
}

export interface PskIdentity {
  readonly resourceType: string;
  readonly name: string;
}

/** `<type>` RS `<name>` [RS anything, ignored]; undefined when the shape is wrong. */
export function parsePskIdentity(identity: string): PskIdentity | undefined {
  const parts = identity.split('\x1e');
  const [resourceType, name] = parts;
  if (parts.length < 2 || !resourceType || !name) return undefined;
  return { resourceType, name };
}

export function pskKey(configPassword: string): Buffer {
  return Buffer.from(storedPassword(configPassword), 'ascii');
}
