/** The texts of a successful login (reference §5.2, §5.4). */
import { BAREOS_BUILD_DATE, BAREOS_PROTOCOL_VERSION, TSBAREOS_VERSION } from '../../src/version.ts';
import type { ConsoleAccount } from '../settings.ts';

/** The 1000 message field; Bareos cuts it to 99 bytes, so we keep it short by construction. */
export function okMessage(directorName: string): string {
  return `OK: ${directorName} Version: ${BAREOS_PROTOCOL_VERSION} (${BAREOS_BUILD_DATE})`.slice(0, 99);
}

export function oldStyleOkLine(directorName: string, encryption: string | undefined): string {
  return `1000 OK: ${directorName} Version: ${BAREOS_PROTOCOL_VERSION} (${BAREOS_BUILD_DATE}) -- Encryption: ${encryption ?? 'None'}\n`;
}

export const SERVICES_MESSAGE = `tsbareos ${TSBAREOS_VERSION}, a TypeScript director speaking the Bareos ${BAREOS_PROTOCOL_VERSION} console protocol`;

export function loginBanner(account: ConsoleAccount, userName: string | undefined): string {
  const who = account.isDefault ? 'connected using the default console' : `logged in as: ${userName ?? account.name}`;
  return `${SERVICES_MESSAGE}\nYou are ${who}`;
}
