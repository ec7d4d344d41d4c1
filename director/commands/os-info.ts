/** Operating system strings for `version` and `status director`, read once from /etc/os-release. */
import { readFileSync } from 'node:fs';

export interface OsInfo {
  readonly operatingSystem: string;
  readonly distName: string;
  readonly distVersion: string;
}

let cached: OsInfo | undefined;

export function osInfo(): OsInfo {
  if (cached) return cached;
  let pretty: string = process.platform;
  let id: string = process.platform;
  try {
    const text = readFileSync('/etc/os-release', 'utf8');
    pretty = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(text)?.[1] ?? pretty;
    id = /^ID="?([^"\n]*)"?/m.exec(text)?.[1] ?? id;
  } catch {
    // Not Linux, or no os-release: the platform name is good enough.
  }
  cached = { operatingSystem: pretty, distName: id, distVersion: pretty };
  return cached;
}
