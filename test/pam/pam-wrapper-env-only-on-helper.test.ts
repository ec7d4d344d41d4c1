import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PamAuthenticator } from '../../src/auth/pam/index.ts';
import { fakeHelper } from './setup.ts';

const dir = mkdtempSync(join(tmpdir(), 'tsb-fake-helper-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the helper environment', () => {
  it('gets the caller env, PATH and locale, but not the director environment; the director is untouched', async () => {
    const dump = join(dir, 'env.json');
    // Writes its environment, then a PAM_SUCCESS result for "alice" (stage acct_mgmt).
    const helperPath = fakeHelper(
      dir,
      'env-dump',
      `require('node:fs').writeFileSync(${JSON.stringify(dump)}, JSON.stringify(process.env));
       const user = Buffer.from('alice');
       const body = Buffer.concat([Buffer.from([0x14, 3, 0, 0, 0, 0, 0, 0]), Buffer.from([0, user.length]), user]);
       const head = Buffer.alloc(4); head.writeUInt32BE(body.length);
       process.stdout.write(Buffer.concat([head, body]), () => process.exit(0));`,
    );
    process.env['TSB_DIRECTOR_SECRET'] = 'catalog-password';
    try {
      const pam = new PamAuthenticator({
        service: 'bareos',
        helperPath,
        timeoutMs: 5_000,
        maxConcurrent: 4,
        env: { PAM_WRAPPER: '1', PAM_WRAPPER_SERVICE_DIR: '/nonexistent', LD_PRELOAD: '' },
      });
      const result = await pam.authenticate({ mode: 'direct', user: 'alice', password: 'pw', rhost: '127.0.0.1' });
      expect(result).toEqual({ ok: true, user: 'alice', backend: 'helper' });
    } finally {
      delete process.env['TSB_DIRECTOR_SECRET'];
    }
    const env = JSON.parse(readFileSync(dump, 'utf8')) as Record<string, string>;
    expect(env['PAM_WRAPPER']).toBe('1');
    expect(env['PAM_WRAPPER_SERVICE_DIR']).toBe('/nonexistent');
    expect(env['PATH']).toBe(process.env['PATH']);
    expect(env['TSB_DIRECTOR_SECRET']).toBeUndefined();
    expect(process.env['PAM_WRAPPER']).toBeUndefined();
    expect(process.env['PAM_WRAPPER_SERVICE_DIR']).toBeUndefined();
  });
});
