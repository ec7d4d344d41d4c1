/**
 * What the HTTP API sends to the director. Every value from a request is checked against a narrow
 * pattern before it becomes part of a command line, so a query parameter can never add a keyword
 * (`client=x yes`) or a second command.
 */
import { ErrorCode, WebError } from './errors.ts';

export const MAX_COMMAND_LENGTH = 4096;

/**
 * Commands the gateway keeps to itself: api mode switching, ending the connection, and the login
 * token commands (a token in page script would outlive the session it came from).
 */
const RESERVED = /^\s*(\.api|\.?quit|exit|q|qu|qui|\.logintoken|\.logout)(\s|$)/i;

export function checkConsoleCommand(command: string): string {
  if (command.length > MAX_COMMAND_LENGTH) throw new WebError(ErrorCode.BadRequest, `the command is longer than ${MAX_COMMAND_LENGTH} characters`);
  // eslint-disable-next-line no-control-regex -- one line of text: control characters would split or end it
  if (/[\u0000-\u0008\u000a-\u001f\u007f]/.test(command)) throw new WebError(ErrorCode.BadRequest, 'the command must be one line without control characters');
  if (RESERVED.test(command)) {
    throw new WebError(ErrorCode.BadRequest, 'the gateway manages the api mode and the connection itself: use {"json":true} instead of .api, and POST /api/auth/logout instead of quit');
  }
  return command;
}

export function firstWord(command: string): string {
  return command.trim().split(/\s+/, 1)[0] ?? '';
}

type Param = 'limit' | 'offset' | 'client' | 'jobstatus';

/** Bareos resource names: letters, digits and `:._-` plus space, at most 127 characters. */
const NAME = /^[A-Za-z0-9:._ -]{1,127}$/;
const STATUS_LETTERS = /^[A-Za-z](,[A-Za-z]){0,31}$/;
const MAX_LIMIT = 10_000;
const DEFAULT_LIMIT = 1000;

function count(name: string, value: string, min: number, max: number): number {
  if (!/^\d{1,9}$/.test(value)) throw new WebError(ErrorCode.BadRequest, `"${name}" must be a whole number`);
  const n = Number(value);
  if (n < min || n > max) throw new WebError(ErrorCode.BadRequest, `"${name}" must be between ${min} and ${max}`);
  return n;
}

function render(param: Param, value: string): string {
  switch (param) {
    case 'limit':
      return `limit=${count('limit', value, 1, MAX_LIMIT)}`;
    case 'offset':
      return `offset=${count('offset', value, 0, 999_999_999)}`;
    case 'client':
      if (!NAME.test(value)) throw new WebError(ErrorCode.BadRequest, '"client" must be a client name (letters, digits, ":._-" and spaces)');
      return `client="${value}"`;
    case 'jobstatus':
      if (!STATUS_LETTERS.test(value)) throw new WebError(ErrorCode.BadRequest, '"jobstatus" must be job status letters, comma separated (e.g. T or E,f)');
      return `jobstatus=${value}`;
  }
}

export interface Listing {
  readonly command: string;
  readonly params: readonly Param[];
  readonly paged: boolean;
}

export const LISTINGS = {
  '/api/jobs': { command: 'list jobs', params: ['limit', 'offset', 'client', 'jobstatus'], paged: true },
  '/api/clients': { command: 'list clients', params: [], paged: false },
  '/api/pools': { command: 'list pools', params: [], paged: false },
  '/api/volumes': { command: 'list volumes', params: ['limit', 'offset'], paged: true },
} as const satisfies Record<string, Listing>;

/** The `.api 2` command for a listing and its query string; unknown or repeated parameters are refused. */
export function listingCommand(listing: Listing, query: URLSearchParams): string {
  const parts = [listing.command];
  const seen = new Set<string>();
  for (const key of query.keys()) {
    if (!(listing.params as readonly string[]).includes(key)) {
      throw new WebError(ErrorCode.BadRequest, `unknown parameter "${key}"${listing.params.length ? ` (allowed: ${listing.params.join(', ')})` : ''}`);
    }
    if (seen.has(key)) throw new WebError(ErrorCode.BadRequest, `parameter "${key}" given twice`);
    seen.add(key);
  }
  for (const param of listing.params) {
    const value = query.get(param);
    if (value !== null) parts.push(render(param, value));
  }
  // Bareos applies offset only together with limit; a default limit also bounds the reply.
  if (listing.paged && !seen.has('limit')) parts.push(`limit=${DEFAULT_LIMIT}`);
  return parts.join(' ');
}
