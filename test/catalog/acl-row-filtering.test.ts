/** Profile ACLs filter rows after SQL and count them in meta.range.filtered (reference §6). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogCommands } from '../../director/commands/catalog/index.ts';
import type { Catalog } from '../../src/catalog/types.ts';
import { runCommand } from '../helpers/command-harness.ts';
import { DRIVERS } from './drivers.ts';
import { seedGolden } from './golden-data.ts';

const ALL = ['*all*'];

async function json(catalog: Catalog, line: string, acl?: Parameters<typeof runCommand>[3] extends infer O ? O extends { acl?: infer A } ? A : never : never) {
  const r = await runCommand(catalogCommands, line, catalog, { api: 2, ...(acl ? { acl } : {}) });
  return { ok: r.ok, doc: JSON.parse(r.text) as { result: Record<string, unknown>; error?: unknown } };
}

describe.each(DRIVERS)('ACL row filtering ($name)', (driver) => {
  let catalog: Catalog;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ catalog, dispose } = await driver.create());
    await seedGolden(catalog);
    await catalog.insert('Client', { ClientId: 2, Name: 'web-fd' });
    await catalog.insert('Job', { JobId: 4, Job: 'backup-web.x', Name: 'backup-web', Type: 'B', Level: 'F', ClientId: 2, JobStatus: 'T', StartTime: '2026-11-23 01:00:00', PoolId: 3, FileSetId: 1 });
  });
  afterAll(async () => dispose());

  it('the default console registers no filters and gets no meta', async () => {
    const { doc } = await json(catalog, 'list jobs');
    expect((doc.result['jobs'] as unknown[]).length).toBe(4);
    expect(doc.result['meta']).toBeUndefined();
  });

  it('a Job ACL hides other jobs and reports them as filtered', async () => {
    const { doc } = await json(catalog, 'list jobs', { job: ['backup-bareos-fd'], client: ALL, pool: ALL, fileset: ALL });
    expect((doc.result['jobs'] as { jobid: string }[]).map((j) => j.jobid)).toEqual(['1', '2', '3']);
    expect(doc.result['meta']).toEqual({ range: { filtered: 1 } });
  });

  it('a Client ACL with a negative entry filters on the client column', async () => {
    const { doc } = await json(catalog, 'list jobs limit=10', { job: ALL, client: ['!bareos-fd', '*all*'] });
    expect((doc.result['jobs'] as { client: string }[]).map((j) => j.client)).toEqual(['web-fd']);
    expect(doc.result['meta']).toEqual({ range: { limit: 10, offset: 0, filtered: 3 } });
  });

  it('filtering happens after LIMIT: a page can be empty with filtered > 0', async () => {
    const { doc } = await json(catalog, 'llist jobs limit=1 offset=0', { job: ['backup-web'], client: ALL, pool: ALL, fileset: ALL });
    expect(doc.result['jobs']).toEqual([]);
    expect(doc.result['meta']).toEqual({ range: { limit: 1, offset: 0, filtered: 1 } });
  });

  it('a denied jobid gives an empty jobs object', async () => {
    const { ok, doc } = await json(catalog, 'llist jobid=4', { job: ['backup-bareos-fd'], client: ALL });
    expect(ok).toBe(true);
    expect(doc.result).toEqual({ jobs: {} });
  });

  it('a denied client= fails without any message', async () => {
    const r = await runCommand(catalogCommands, 'list jobs client=web-fd', catalog, { acl: { job: ALL, client: ['bareos-fd'] } });
    expect(r.ok).toBe(false);
    expect(r.text).toBe('');
  });

  it('list volumes skips pools the Pool ACL denies; list volumes all is refused', async () => {
    const acl = { pool: ['Full', 'Incremental'] };
    const { doc } = await json(catalog, 'list volumes', acl);
    expect(Object.keys(doc.result['volumes'] as object)).toEqual(['incremental', 'full']);
    const r = await runCommand(catalogCommands, 'list volumes all', catalog, { acl });
    expect(r.ok).toBe(false);
    expect(r.text).toContain("Restricted permission. Use the commands 'list media' or 'llist media all' instead");
  });

  it('clients and pools lists filter on the name column', async () => {
    const { doc } = await json(catalog, 'list clients', { client: ['web-fd'] });
    expect(doc.result).toEqual({ clients: [{ clientid: '2', name: 'web-fd', fileretention: '0', jobretention: '0' }], meta: { range: { filtered: 1 } } });
  });

  it('current keeps only jobs whose resources are configured', async () => {
    const { doc } = await json(catalog, 'list jobs current');
    expect((doc.result['jobs'] as { name: string }[]).every((j) => j.name === 'backup-bareos-fd')).toBe(true);
    expect(doc.result['meta']).toEqual({ range: { filtered: 1 } });
  });
});
