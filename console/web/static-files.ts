/**
 * The page: a few files from console/web/public, read once at start. Only names in this table are
 * served, so no request path ever reaches the file system.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PUBLIC_DIR = join(dirname(fileURLToPath(import.meta.url)), 'public');

const FILES: ReadonlyArray<readonly [string, string, string]> = [
  ['/', 'index.html', 'text/html; charset=utf-8'],
  ['/index.html', 'index.html', 'text/html; charset=utf-8'],
  ['/app.js', 'app.js', 'text/javascript; charset=utf-8'],
  ['/style.css', 'style.css', 'text/css; charset=utf-8'],
];

export interface StaticFile {
  readonly body: Buffer;
  readonly contentType: string;
}

export function loadStaticFiles(): ReadonlyMap<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  for (const [path, name, contentType] of FILES) files.set(path, { body: readFileSync(join(PUBLIC_DIR, name)), contentType });
  return files;
}

/** No inline scripts or styles, no other origins; the WebSocket goes back to this host. */
export const CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
