import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { connect } from '../../src/client/index.ts';
import { memoryLogger } from '../../director/log.ts';
import { startDirector } from '../../director/start.ts';
import { loadDirectorConfig } from '../../src/config/index.ts';

const STOCK = join(import.meta.dirname, '..', 'fixtures', 'config', 'stock');

describe('a stock Bareos bareos-dir.d tree', () => {
  it('loads unchanged and `show jobs` / `.jobs` / `.pools` list its resources', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsb-stock-'));
    cpSync(STOCK, dir, { recursive: true });
    const config = loadDirectorConfig(dir);
    const running = await startDirector({ configPath: dir, host: '127.0.0.1', port: 0, logger: memoryLogger(), dataDir: dir });
    try {
      const client = await connect({ host: '127.0.0.1', port: running.port, password: config.director.password });
      const shown = await client.call('show jobs');
      for (const job of config.jobs) expect(shown).toMatch(new RegExp(`Name = "?${job.name}"?\\n`));
      expect(shown).not.toMatch(/Password = "(?!\*\*\*\*)/);
      const jobs = (await client.callJson('.jobs')) as { jobs: Array<{ name: string; enabled: boolean }> };
      expect(jobs.jobs.map((j) => j.name)).toEqual(config.jobs.map((j) => j.name));
      const pools = (await client.callJson('.pools')) as { pools: Array<{ name: string }> };
      expect(pools.pools.map((p) => p.name).sort()).toEqual(config.pools.map((p) => p.name).sort());
      const plain = await client.call('.clients');
      expect(plain.trim().split('\n')).toEqual(config.clients.map((c) => c.name));
      await client.close();
    } finally {
      await running.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
