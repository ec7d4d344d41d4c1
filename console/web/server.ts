/** `startWebGateway`: the gateway on an HTTP or HTTPS listener, WebSocket upgrades included. */
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { Gateway, type GatewayOptions } from './gateway.ts';

export interface WebTls {
  readonly cert: string | Buffer;
  readonly key: string | Buffer;
}

export interface WebGatewayOptions extends Omit<GatewayOptions, 'secureCookies'> {
  readonly host: string;
  readonly port: number;
  readonly tls?: WebTls;
  /** Secure cookies without our own TLS: a proxy in front terminates HTTPS. Implied by `tls`. */
  readonly secureCookies?: boolean;
}

export interface RunningWebGateway {
  readonly gateway: Gateway;
  readonly server: Server;
  readonly address: AddressInfo;
  /** e.g. `http://127.0.0.1:9180` */
  readonly url: string;
  close(): Promise<void>;
}

export async function startWebGateway(options: WebGatewayOptions): Promise<RunningWebGateway> {
  const gateway = new Gateway({ ...options, secureCookies: options.tls !== undefined || options.secureCookies === true });
  const server: Server = options.tls ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key }) : createHttpServer();
  server.on('request', gateway.handleRequest);
  server.on('upgrade', gateway.handleUpgrade);
  // Slow-body and idle-socket bounds: a login page has no reason to hold a socket for minutes.
  server.requestTimeout = 60_000;
  server.headersTimeout = 20_000;
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    gateway,
    server,
    address,
    url: `${options.tls ? 'https' : 'http'}://${host}:${address.port}`,
    async close() {
      await gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
