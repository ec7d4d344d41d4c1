/** Bad keywords, values and SQL metacharacters give Bareos' error lines, never a crash or SQL text (reference §3). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogCommands } from '../../director/commands/catalog/index.ts';
import type { Catalog } from '../../src/catalog/types.ts';
import { runCommand } from '../helpers/command-harness.ts';
import { DRIVERS } from './drivers.ts';
import { seedGolden } from './golden-data.ts';

const ERRORS: readonly [string, string][] = [
  ['list', 'list command requires a keyword\n'],
  ['list foo', 'Unknown list keyword: foo\n'],
  ['list jobs jobstatus=xx', 'invalid jobstatus parameter\n'],
  ['list clients jobstatus=', 'invalid jobstatus parameter\n'],
  ['list jobs level=Weekly', 'invalid joblevel parameter\n'],
  ['list jobs jobtype=Foo', 'Illegal jobtype Foo\ninvalid jobtype parameter\n'],
  ['list jobs=x', "'list jobs' does not allow an jobs parameter\n"],
  ['list jobid', 'Missing jobid parameter\n'],
  ["list jobs client=x';DROP TABLE Job;--", 'client argument: Illegal character "\'" in name.\n'],
  ['list jobs client=nosuch-fd', 'invalid client argument: nosuch-fd\n'],
  ['list backups', 'missing parameter: client\nUnknown list keyword: backups\n'],
  ['list joblog jobid=999', 'jobid not found in db, access to job or client denied by ACL, or client not found in db\n'],
  ['list fileset', 'jobid not found in db, access to job or client denied by ACL, or client not found in db or missing filesetid\n'],
  ['list volumes pool=Nope', "Pool Nope doesn't exist.\n"],
  ['list jobstatistics', 'no jobid given\n'],
  ['.jobstatus xy', "Unknown JobStatus 'xy'. JobStatus must be a single character.\n"],
];

describe.each(DRIVERS)('bad input ($name)', (driver) => {
  let catalog: Catalog;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ catalog, dispose } = await driver.create());
    await seedGolden(catalog);
  });
  afterAll(async () => dispose());

  it.each(ERRORS)('%s', async (line, text) => {
    const r = await runCommand(catalogCommands, line, catalog);
    expect(r.ok).toBe(false);
    expect(r.text).toBe(text);
  });

  it('errors reach api 2 as the error envelope with messages.error', async () => {
    const r = await runCommand(catalogCommands, 'list foo', catalog, { api: 2 });
    expect(JSON.parse(r.text)).toEqual({ jsonrpc: '2.0', id: null, error: { code: 1, message: 'failed', data: { result: {}, messages: { error: ['Unknown list keyword: foo\n'] } } } });
  });

  it('quotes and SQL in values are data, not SQL', async () => {
    for (const line of ["list jobs jobname=\"x' OR '1'='1\"", 'llist volume="a\'; DELETE FROM Media; --"', 'list jobid=1;DELETE', 'list pool="\'"']) {
      const r = await runCommand(catalogCommands, line, catalog, { api: 2 });
      expect(r.text).not.toMatch(/SELECT|syntax|SQL/i);
    }
    const r = await runCommand(catalogCommands, 'list jobs', catalog, { api: 2 });
    expect((JSON.parse(r.text) as { result: { jobs: unknown[] } }).result.jobs.length).toBe(3);
  });

  it('a non-numeric jobid finds no job', async () => {
    const r = await runCommand(catalogCommands, 'list jobid=abc', catalog, { api: 2 });
    expect(JSON.parse(r.text)).toEqual({ jsonrpc: '2.0', id: null, result: { jobs: {} } });
  });
});
