import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDevCertificates } from '../../certs/dev.ts';
import { skipWithoutPam, startWebStack, type WebStack } from './stack.ts';

function post(url: string, ca: Buffer, body: unknown): Promise<{ status: number; cookie: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/api/auth/login`, { method: 'POST', ca, servername: 'localhost', headers: { 'Content-Type': 'application/json' } }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, cookie: String(res.headers['set-cookie'] ?? '') });
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

describe.skipIf(skipWithoutPam)('the gateway over HTTPS (--tls-cert/--tls-key)', () => {
  let stack: WebStack;
  let dir: string;
  let ca: Buffer;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tsb-web-tls-'));
    const certs = await ensureDevCertificates(dir, { directorName: 'test-dir', webNames: ['localhost'] });
    const web = certs.web['localhost'];
    if (!web) throw new Error('no web certificate issued');
    ca = readFileSync(certs.caCertPath);
    stack = await startWebStack({ gateway: { tls: { cert: readFileSync(web.certPath), key: readFileSync(web.keyPath) } } });
  });
  afterAll(async () => {
    await stack?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves https and marks the session cookie Secure with the __Host- prefix', async () => {
    expect(stack.url).toMatch(/^https:/);
    const reply = await post(stack.url, ca, { username: 'alice', password: 'alicepw' });
    expect(reply.status).toBe(200);
    expect(reply.cookie).toMatch(/^__Host-tsb_session=[A-Za-z0-9_-]+; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+; Secure$/);
  });
});
