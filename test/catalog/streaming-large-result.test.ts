/**
 * A large listing streams: rows leave in bounded batches with a flush (backpressure point) after
 * each, and plain tables get their widths from a database pass instead of holding every row.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogCommands } from '../../director/commands/catalog/index.ts';
import type { Catalog } from '../../src/catalog/types.ts';
import { runCommand } from '../helpers/command-harness.ts';
import { DRIVERS } from './drivers.ts';

const JOBS = 5000;

describe.each(DRIVERS)('streaming a large result ($name)', (driver) => {
  let catalog: Catalog;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ catalog, dispose } = await driver.create());
    await catalog.seed({ jobs: JOBS, clients: 20, seed: 7, now: new Date('2026-11-23T12:00:00') });
  });
  afterAll(async () => dispose());

  it('api 2 pushes every row with a flush at least every 256 rows', async () => {
    const r = await runCommand(catalogCommands, 'llist jobs', catalog, { api: 2 });
    expect(r.ok).toBe(true);
    expect(r.out.pushed).toBe(JOBS);
    expect(r.out.maxItemsBetweenFlushes).toBeLessThanOrEqual(256);
    expect(r.out.flushes).toBeGreaterThanOrEqual(Math.floor(JOBS / 256));
  });

  it('a plain table over many batches is aligned on every line', async () => {
    const r = await runCommand(catalogCommands, 'list jobs', catalog);
    const lines = r.text.trimEnd().split('\n');
    expect(lines.length).toBe(JOBS + 4);
    const width = lines[0]?.length;
    expect(lines.every((l) => l.length === width)).toBe(true);
    expect(r.out.flushes).toBeGreaterThan(JOBS / 256 - 1);
  });

  it('a consumer that stops early releases the connection', async () => {
    for (let i = 0; i < 20; i++) {
      const iter = catalog.list({ kind: 'jobs', long: false, filter: {} }).batches(10)[Symbol.asyncIterator]();
      await iter.next();
      await iter.return?.();
    }
    expect(await catalog.ping()).toBe(true);
  });
});
