/**
 * Turns any failure into a headline an operator understands plus the library's detailed reason.
 * The headline depends only on the error class, so the words are the same in the TUI and pipe mode.
 */
import {
  AuthenticationError, ClientClosedError, ClientError, ClosedByDirectorError, ConnectionError, DirectorCommandError,
  PamError, ProtocolError, TimeoutError, TlsError,
} from '../../src/client/index.ts';
import { ConsoleError } from './errors.ts';

export interface FailureText {
  readonly headline: string;
  readonly reason: string;
  readonly code: string;
}

export function describeFailure(error: unknown): FailureText {
  const reason = error instanceof Error ? error.message : String(error);
  const code = error instanceof ClientError || error instanceof ConsoleError ? error.code : 'ERR_UNEXPECTED';
  return { headline: headlineFor(error, reason), reason, code };
}

function headlineFor(error: unknown, reason: string): string {
  // Order matters: ClosedByDirectorError is a ConnectionError, and refusals arrive as either.
  if (error instanceof PamError) return 'PAM login failed (wrong password or code?)';
  if (error instanceof AuthenticationError) return 'Login refused: wrong console password or name';
  if (error instanceof TlsError) return 'TLS failed: the encrypted connection could not be set up';
  if (error instanceof TimeoutError) return 'Timeout: the director did not answer in time';
  if (error instanceof ClosedByDirectorError) return 'The director closed the connection';
  if (error instanceof ConnectionError) return /ECONNREFUSED/.test(reason) ? 'Connection refused: no director listening there' : 'Cannot reach the director';
  if (error instanceof DirectorCommandError) return 'The command failed';
  if (error instanceof ProtocolError) return 'The director answered something unexpected';
  if (error instanceof ClientClosedError) return 'Not connected';
  if (error instanceof ConsoleError) return 'Cannot start';
  return 'Unexpected error';
}

export function formatFailure(error: unknown): string {
  const { headline, reason } = describeFailure(error);
  return `${headline}: ${reason}`;
}
