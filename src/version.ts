/** Our own release. */
export const TSBAREOS_VERSION = '0.1.0';
/**
 * The Bareos release whose console protocol and output we follow. Clients gate on its major number
 * (bareos-webui refuses a director whose major differs from its own), so `version` reports this one.
 */
export const BAREOS_PROTOCOL_VERSION = '26.0.0';
/** Build date shown in `1000 OK` and `version`, `%d %B %Y` as Bareos prints it. */
export const BAREOS_BUILD_DATE = '23 November 2026';
