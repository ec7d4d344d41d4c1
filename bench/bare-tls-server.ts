/**
 * The ceiling for a TLS-PSK login on this machine: a node TLS server with the director's own PSK
 * settings (src/tls/options.ts) that completes the handshake and does nothing else.
 *   node bin/run-ts.js bench/bare-tls-server.ts PORT CONSOLE-NAME PASSWORD
 */
import { createServer } from 'node:tls';
import { pskIdentity, pskKey } from '../src/auth/psk.ts';
import { serverTlsOptions } from '../src/tls/options.ts';

const [portText, name = '*UserAgent*', password = ''] = process.argv.slice(2);
const identity = pskIdentity(name);
const key = pskKey(password);
const server = createServer(serverTlsOptions({ psk: (id) => (id === identity ? key : undefined) }), (socket) => {
  socket.setNoDelay(true);
  socket.on('error', () => undefined);
  // The client ends after the handshake; answer its end with ours.
  socket.on('end', () => socket.end());
  socket.resume();
});
server.on('tlsClientError', () => undefined);
server.listen({ host: '127.0.0.1', port: Number(portText), backlog: 4096 }, () => process.stdout.write('ready\n'));
process.on('SIGTERM', () => process.exit(0));
