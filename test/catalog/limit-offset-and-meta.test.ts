/** limit/offset go to SQL, echo as JSON integers in meta.range, and junk numbers mean 0 as in Bareos (reference §0.6, §3). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogCommands } from '../../director/commands/catalog/index.ts';
import type { Catalog } from '../../src/catalog/types.ts';
import { runCommand } from '../helpers/command-harness.ts';
import { DRIVERS } from './drivers.ts';
import { seedGolden } from './golden-data.ts';

describe.each(DRIVERS)('limit, offset and meta.range ($name)', (driver) => {
  let catalog: Catalog;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ catalog, dispose } = await driver.create());
    await seedGolden(catalog);
    for (let i = 1; i <= 7; i++) {
      await catalog.insert('Log', { LogId: i, JobId: 1 + (i % 3), Time: `2026-11-2${i % 3} 23:05:0${i}`, LogText: `bareos-dir JobId ${1 + (i % 3)}: line ${i}\n` });
    }
  });
  afterAll(async () => dispose());

  const result = async (line: string) => {
    const r = await runCommand(catalogCommands, line, catalog, { api: 2 });
    expect(r.ok).toBe(true);
    return (JSON.parse(r.text) as { result: Record<string, unknown> }).result;
  };

  it('pages jobs with limit/offset and integer meta', async () => {
    const res = await result('llist jobs limit=1 offset=2');
    expect((res['jobs'] as { jobid: string }[]).map((j) => j.jobid)).toEqual(['3']);
    expect(res['meta']).toEqual({ range: { limit: 1, offset: 2, filtered: 0 } });
  });

  it('offset without limit is ignored', async () => {
    const res = await result('list jobs offset=2');
    expect((res['jobs'] as unknown[]).length).toBe(3);
    expect(res['meta']).toBeUndefined();
  });

  it('limit=abc and an out-of-range limit list nothing', async () => {
    expect(await result('list jobs limit=abc')).toEqual({ jobs: [], meta: { range: { limit: 0, offset: 0, filtered: 0 } } });
    expect((await result('llist jobs limit=99999999999999999999'))['jobs']).toEqual([]);
  });

  it('list log shows the newest 5 by default, oldest first, without meta', async () => {
    const res = await result('list log');
    expect((res['log'] as { logid: string }[]).map((l) => l.logid)).toEqual(['3', '4', '5', '6', '7']);
    expect(res['meta']).toBeUndefined();
  });

  it('list log limit/offset count from the newest; reverse flips the order', async () => {
    const res = await result('list log limit=2 offset=1 reverse');
    expect((res['log'] as { logid: string }[]).map((l) => l.logid)).toEqual(['6', '5']);
    expect(res['meta']).toEqual({ range: { limit: 2, offset: 1, filtered: 0 } });
  });

  it('list joblog pages the job log', async () => {
    const res = await result('list joblog jobid=2 limit=1 offset=1');
    expect(res['joblog']).toEqual([{ time: '2026-11-21 23:05:04', logtext: 'bareos-dir JobId 2: line 4\n' }]);
  });

  it('count returns one count row', async () => {
    expect((await result('list jobs count'))['jobs']).toEqual([{ count: '3' }]);
    expect((await result('list joblog jobid=2 count'))['joblog']).toEqual([{ count: '3' }]);
  });

  it('last keeps the highest jobid per job name', async () => {
    expect(((await result('list jobs last'))['jobs'] as { jobid: string }[]).map((j) => j.jobid)).toEqual(['3']);
  });
});
