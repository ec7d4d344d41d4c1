/** api 2 JSON of the catalog commands equals the real director's (golden/api2), key order included. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogCommands } from '../../director/commands/catalog/index.ts';
import type { Catalog } from '../../src/catalog/types.ts';
import { runCommand } from '../helpers/command-harness.ts';
import { DRIVERS } from './drivers.ts';
import { golden, seedGolden } from './golden-data.ts';

const CASES: readonly [string, string][] = [
  ['list jobs', 'list_jobs'],
  ['list jobid=1', 'list_jobid-1'],
  ['llist jobid=1', 'llist_jobid-1'],
  ['llist jobs', 'llist_jobs'],
  ['list jobs limit=2 offset=1', 'list_jobs_limit-2_offset-1'],
  ['list jobs jobstatus=Z', 'list_jobs_jobstatus-Z'],
  ['list joblog jobid=1', 'list_joblog_jobid-1'],
  ['list clients', 'list_clients'],
  ['llist clients', 'llist_clients'],
  ['list pools', 'list_pools'],
  ['llist pools', 'llist_pools'],
  ['list filesets', 'list_filesets'],
  ['list jobtotals', 'list_jobtotals'],
  ['list volumes', 'list_volumes'],
  ['list backups client=bareos-fd', 'list_backups_client-bareos-fd'],
];

describe.each(DRIVERS)('golden api 2 output ($name)', (driver) => {
  let catalog: Catalog;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ catalog, dispose } = await driver.create());
    await seedGolden(catalog);
  });
  afterAll(async () => dispose());

  it.each(CASES)('%s', async (line, file) => {
    const r = await runCommand(catalogCommands, line, catalog, { api: 2 });
    expect(r.ok).toBe(true);
    expect(r.text).toBe(golden('api2', file));
  });
});
