/**
 * Small typed pieces of HTTP: JSON bodies with a size cap, JSON replies, cookies, the client address.
 * No framework: node:http gives us everything a dozen routes need.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import { ErrorCode, WebError } from './errors.ts';

export const MAX_BODY_BYTES = 64 * 1024;

export type JsonObject = { readonly [key: string]: unknown };

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cache-Control': 'no-store',
};

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string | string[]> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function sendError(res: ServerResponse, error: WebError): void {
  const headers: Record<string, string> = error.retryAfter !== undefined ? { 'Retry-After': String(Math.max(1, Math.ceil(error.retryAfter))) } : {};
  sendJson(res, error.status, error.toBody(), headers);
}

export function sendText(res: ServerResponse, status: number, text: string, contentType: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text), ...extra });
  res.end(text);
}

/** Reads a JSON object body; refuses other content types (a cross-site form cannot send JSON). */
export async function readJsonObject(req: IncomingMessage): Promise<JsonObject> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') throw new WebError(ErrorCode.BadRequest, 'the request body must be application/json');
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > MAX_BODY_BYTES) throw new WebError(ErrorCode.PayloadTooLarge, `the body is larger than ${MAX_BODY_BYTES} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new WebError(ErrorCode.PayloadTooLarge, `the body is larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  let value: unknown;
  try {
    value = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new WebError(ErrorCode.BadRequest, 'the body is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new WebError(ErrorCode.BadRequest, 'the body must be a JSON object');
  return value as JsonObject;
}

/** A string field, or undefined when absent/empty; other types are a bad request. */
export function stringField(body: JsonObject, name: string, maxLength = 1024): string | undefined {
  const value = body[name];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new WebError(ErrorCode.BadRequest, `"${name}" must be a string`);
  if (value.length > maxLength) throw new WebError(ErrorCode.BadRequest, `"${name}" is longer than ${maxLength} characters`);
  return value;
}

export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at <= 0) continue;
    const name = part.slice(0, at).trim();
    if (!cookies.has(name)) cookies.set(name, part.slice(at + 1).trim());
  }
  return cookies;
}

export interface CookieOptions {
  readonly secure: boolean;
  readonly maxAgeSeconds: number;
}

export function sessionCookie(name: string, value: string, options: CookieOptions): string {
  const parts = [`${name}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=Strict', `Max-Age=${Math.floor(options.maxAgeSeconds)}`];
  if (options.secure) parts.push('Secure');
  return parts.join('; ');
}

/**
 * The peer's address. Behind a reverse proxy (`trustProxy`), the proxy appends the real client to
 * X-Forwarded-For, so the rightmost valid entry is the one our proxy vouches for; entries to its left
 * come from the client and can be forged.
 */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  const socketAddress = req.socket.remoteAddress ?? 'unknown';
  if (!trustProxy) return socketAddress;
  const header = req.headers['x-forwarded-for'];
  const value = Array.isArray(header) ? header.join(',') : header;
  const last = value?.split(',').map((s) => s.trim()).filter((s) => isIP(s) !== 0).pop();
  return last ?? socketAddress;
}

/**
 * Same-origin check for state-changing requests and the WebSocket upgrade. A browser always sends
 * Origin on those; a missing Origin (curl, scripts) is allowed because SameSite cookies and the CSRF
 * header already stop cross-site browsers.
 */
export function originAllowed(req: IncomingMessage, allowedOrigins: readonly string[], requireOrigin: boolean): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return !requireOrigin;
  if (allowedOrigins.includes(origin)) return true;
  const host = req.headers.host;
  if (host === undefined) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
