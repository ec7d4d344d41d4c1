/**
 * Shared by the certificate tests: a temporary CA directory, the CLI run in-process, and one mutual-TLS
 * attempt between a real node TLS server (the director's side) and client (the console's side).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, createServer, type TLSSocket } from 'node:tls';
import type { AddressInfo } from 'node:net';
import { Command, CommanderError } from 'commander';
import { register } from '../../certs/cli.ts';

export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'tsbareos-certs-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export interface CliResult {
  readonly stdout: string;
  readonly stderr: string;
  readonly exitCode: number;
}

/** `tsbareos certs ...` exactly as bin/cli.ts wires it, without a process per run. */
export async function runCli(args: readonly string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const program = new Command('tsbareos')
    .exitOverride()
    .configureOutput({ writeOut: (s) => void (stdout += s), writeErr: (s) => void (stderr += s) });
  register(program);
  try {
    await program.parseAsync(['certs', ...args], { from: 'user' });
    return { stdout, stderr, exitCode: 0 };
  } catch (err) {
    if (err instanceof CommanderError) return { stdout, stderr, exitCode: err.exitCode };
    throw err;
  }
}

export interface TlsFiles {
  readonly cert: string;
  readonly key: string;
  readonly ca: string;
  readonly crl?: string;
}

export async function loadTlsFiles(certPath: string, keyPath: string, caPath: string, crlPath?: string): Promise<TlsFiles> {
  const [cert, key, ca] = await Promise.all([readFile(certPath, 'utf8'), readFile(keyPath, 'utf8'), readFile(caPath, 'utf8')]);
  return { cert, key, ca, ...(crlPath ? { crl: await readFile(crlPath, 'utf8') } : {}) };
}

export interface HandshakeResult {
  /** The server accepted the connection and sent its greeting, which the client received. */
  readonly accepted: boolean;
  /** Server side: authorized / authorizationError as node reports them (only when the socket got that far). */
  readonly authorized?: boolean;
  readonly authorizationError?: string;
  readonly peerCN?: string;
  /** Client side error code, when the client saw one. */
  readonly clientError?: string;
}

/**
 * One connection. `verifyClient: 'reject'` is the director's strict setting (rejectUnauthorized: true),
 * under which node drops a bad client without telling the application why; `'report'` accepts the
 * handshake so the server can read authorizationError, which is how a director can log the reason.
 */
export async function handshake(server: TlsFiles, client: Omit<TlsFiles, 'crl'>, verifyClient: 'reject' | 'report' = 'reject'): Promise<HandshakeResult> {
  let serverSide: Pick<HandshakeResult, 'authorized' | 'authorizationError' | 'peerCN'> = {};
  const srv = createServer(
    { cert: server.cert, key: server.key, ca: server.ca, ...(server.crl ? { crl: server.crl } : {}), requestCert: true, rejectUnauthorized: verifyClient === 'reject' },
    (socket: TLSSocket) => {
      const peer = socket.getPeerCertificate();
      serverSide = {
        authorized: socket.authorized,
        ...(socket.authorizationError ? { authorizationError: String((socket.authorizationError as Error & { code?: string }).code ?? socket.authorizationError) } : {}),
        ...(peer && typeof peer.subject?.CN === 'string' ? { peerCN: peer.subject.CN } : {}),
      };
      if (socket.authorized) socket.end('welcome\n');
      else socket.destroy();
    },
  );
  srv.on('tlsClientError', () => {});
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address() as AddressInfo;
  try {
    const outcome = await new Promise<{ data: string; clientError?: string }>((resolve) => {
      let data = '';
      let clientError: string | undefined;
      const sock = connect({ host: '127.0.0.1', port, cert: client.cert, key: client.key, ca: client.ca });
      sock.setEncoding('utf8');
      sock.on('data', (chunk: string) => (data += chunk));
      sock.on('error', (err: NodeJS.ErrnoException) => (clientError ??= err.code ?? err.message));
      sock.on('close', () => resolve({ data, ...(clientError ? { clientError } : {}) }));
    });
    return { accepted: outcome.data === 'welcome\n', ...serverSide, ...(outcome.clientError ? { clientError: outcome.clientError } : {}) };
  } finally {
    await new Promise<void>((resolve) => srv.close(() => resolve()));
  }
}
