import { createHash } from 'node:crypto';

/**
 * The key both CRAM-MD5 and TLS-PSK use is the password "as stored" (reference §2.4): the 32 lowercase
 * hex characters of MD5(cleartext), or a `[md5]<hex>` config value kept verbatim (case preserved).
 */
export function storedPassword(configValue: string): string {
  if (configValue.startsWith('[md5]')) return configValue.slice('[md5]'.length);
  return createHash('md5').update(configValue, 'utf8').digest('hex');
}
