/**
 * `--metrics host:port` serves the login counters as Prometheus text; the event-loop delay appears
 * from the second scrape on (the first one starts the monitor).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/client/index.ts';
import { memoryLogger } from '../../director/log.ts';
import { startDirector, type RunningDirector } from '../../director/start.ts';
import { DIRECTOR_PASSWORD, directorResource } from '../helpers/director.ts';

function scrape(port: number, path = '/metrics'): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body: Buffer.concat(chunks).toString('utf8') }));
    }).on('error', reject);
  });
}

describe('Prometheus metrics endpoint', () => {
  let dir: string;
  let director: RunningDirector;
  let metricsPort: number;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tsb-metrics-'));
    writeFileSync(join(dir, 'bareos-dir.conf'), `${directorResource()}Console { Name = legacy; Password = "legacypw"; TLS Enable = no }\n`);
    director = await startDirector({ configPath: join(dir, 'bareos-dir.conf'), host: '127.0.0.1', port: 0, logger: memoryLogger(), dataDir: dir, metrics: '127.0.0.1:0' });
    metricsPort = director.metricsAddress?.port ?? 0;
  });
  afterAll(async () => {
    await director.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('counts a good and a refused login by mode, result and code', async () => {
    const ok = await connect({ host: '127.0.0.1', port: director.port, password: DIRECTOR_PASSWORD });
    await ok.close();
    await connect({ host: '127.0.0.1', port: director.port, tls: 'off', name: 'legacy', password: 'nope' }).catch(() => undefined);
    const { status, type, body } = await scrape(metricsPort);
    expect(status).toBe(200);
    expect(type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(body).toContain('tsbareos_login_attempts_total{mode="default",result="ok"} 1\n');
    expect(body).toContain('tsbareos_login_attempts_total{mode="named",result="refused"} 1\n');
    expect(body).toContain('tsbareos_login_refusals_total{code="ERR_BAD_PASSWORD"} 1\n');
    expect(body).toMatch(/tsbareos_login_phase_seconds_count\{phase="cram-md5"\} 1\n/);
    expect(body).toMatch(/^tsbareos_pending_connections \d+$/m);
    expect(body).toMatch(/^tsbareos_active_consoles 0$/m);
  });

  it('adds event-loop delay quantiles from the second scrape on', async () => {
    await scrape(metricsPort);
    const { body } = await scrape(metricsPort);
    expect(body).toMatch(/^tsbareos_event_loop_delay_seconds\{quantile="0\.99"\} \d+\.\d{6}$/m);
  });

  it('answers 404 elsewhere', async () => {
    expect((await scrape(metricsPort, '/')).status).toBe(404);
  });
});
