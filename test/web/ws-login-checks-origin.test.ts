import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { skipWithoutPam, startWebStack, type WebStack } from './stack.ts';

function handshakeStatus(url: string, origin: string | undefined): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/api/auth/ws`, origin ? { origin } : {});
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', (error) => reject(error));
  });
}

describe.skipIf(skipWithoutPam)('the WebSocket login upgrade', () => {
  let stack: WebStack;
  beforeAll(async () => {
    stack = await startWebStack({ gateway: { allowedOrigins: ['https://backup.example.com'] } });
  });
  afterAll(() => stack?.close());

  it("accepts the page's own origin and configured origins", async () => {
    expect(await handshakeStatus(stack.url, stack.url)).toBe(101);
    expect(await handshakeStatus(stack.url, 'https://backup.example.com')).toBe(101);
  });

  it('refuses another origin and a missing Origin with 403', async () => {
    expect(await handshakeStatus(stack.url, 'https://evil.example')).toBe(403);
    expect(await handshakeStatus(stack.url, undefined)).toBe(403);
  });
});
