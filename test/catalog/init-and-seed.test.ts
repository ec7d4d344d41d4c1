/** `init` is idempotent and records the schema version; `seed` generates consistent, deterministic history. */
import { describe, expect, it } from 'vitest';
import { catalogCommands } from '../../director/commands/catalog/index.ts';
import { runCommand } from '../helpers/command-harness.ts';
import { collect } from '../../director/commands/catalog/emit.ts';
import { DRIVERS } from './drivers.ts';

describe.each(DRIVERS)('init and seed ($name)', (driver) => {
  it('init twice reports the existing schema', async () => {
    const { catalog, dispose } = await driver.create();
    try {
      expect(await catalog.init()).toEqual({ created: false, version: 1 });
    } finally {
      await dispose();
    }
  });

  it('seed fills clients, pools, jobs, media and logs, and refuses a second run', async () => {
    const { catalog, dispose } = await driver.create();
    try {
      const now = new Date('2026-11-23T12:00:00');
      const r = await catalog.seed({ jobs: 300, clients: 5, seed: 3, now });
      expect(r).toMatchObject({ jobs: 300, clients: 5 });
      const count = await collect(catalog.list({ kind: 'jobs', long: false, filter: {}, count: true }));
      expect(count).toEqual([['300']]);
      const pools = await runCommand(catalogCommands, 'list pools', catalog, { api: 2 });
      expect(JSON.parse(pools.text).result.pools.map((p: { name: string }) => p.name)).toEqual(['Scratch', 'Incremental', 'Full', 'Differential']);
      const running = await runCommand(catalogCommands, 'list jobs jobstatus=R', catalog, { api: 2 });
      expect(JSON.parse(running.text).result.jobs.length).toBeGreaterThan(0);
      await expect(catalog.seed({ jobs: 1, clients: 1 })).rejects.toThrow(/already holds jobs/);
    } finally {
      await dispose();
    }
  });
});
