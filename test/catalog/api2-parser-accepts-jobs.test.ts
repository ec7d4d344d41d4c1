/**
 * A client-side parser written from the api 2 description (reference §0.5, §0.6, §2.1 and the
 * protocol reference §7.4) accepts what `list jobs` and `llist jobs` send, compact or indented.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogCommands } from '../../director/commands/catalog/index.ts';
import type { Catalog } from '../../src/catalog/types.ts';
import { runCommand } from '../helpers/command-harness.ts';
import { DRIVERS } from './drivers.ts';
import { seedGolden } from './golden-data.ts';

const SHORT_KEYS = ['jobid', 'name', 'client', 'starttime', 'duration', 'type', 'level', 'jobfiles', 'jobbytes', 'jobstatus'];
const LONG_KEYS = ['jobid', 'job', 'name', 'purgedfiles', 'type', 'level', 'clientid', 'client', 'jobstatus', 'schedtime', 'starttime', 'endtime',
  'realendtime', 'duration', 'jobtdate', 'volsessionid', 'volsessiontime', 'jobfiles', 'jobbytes', 'joberrors', 'jobmissingfiles', 'poolid',
  'poolname', 'priorjobid', 'filesetid', 'fileset'];

interface ParsedJobs {
  jobs: Record<string, string>[];
  range?: { limit?: number; offset?: number; filtered: number };
}

class Api2ParseError extends Error {}

function fail(why: string): never {
  throw new Api2ParseError(why);
}

/** Envelope members in order, `id` null, `result` an object whose `jobs` holds string-only records. */
function parseJobsReply(text: string, keys: readonly string[]): ParsedJobs {
  const doc: unknown = JSON.parse(text);
  if (typeof doc !== 'object' || doc === null) fail('not an object');
  const env = doc as Record<string, unknown>;
  if (Object.keys(env).join() !== 'jsonrpc,id,result') fail(`envelope members ${Object.keys(env).join()}`);
  if (env['jsonrpc'] !== '2.0' || env['id'] !== null) fail('bad jsonrpc/id');
  const result = env['result'] as Record<string, unknown>;
  const jobs = result['jobs'];
  if (!Array.isArray(jobs)) fail('jobs is not an array');
  const members = Object.keys(result);
  if (members.includes('meta') && members[members.length - 1] !== 'meta') fail('meta is not the last member');
  for (const job of jobs as unknown[]) {
    const rec = job as Record<string, unknown>;
    if (Object.keys(rec).join() !== keys.join()) fail(`record keys ${Object.keys(rec).join()}`);
    for (const [k, v] of Object.entries(rec)) if (typeof v !== 'string') fail(`${k} is not a string`);
    if (!/^[A-Za-z]$/.test(String(rec['jobstatus']))) fail('jobstatus is not a letter');
    if (rec['starttime'] !== '' && !/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(String(rec['starttime']))) fail('starttime shape');
  }
  const parsed: ParsedJobs = { jobs: jobs as Record<string, string>[] };
  if (result['meta'] !== undefined) {
    const range = (result['meta'] as { range?: Record<string, unknown> }).range;
    if (!range || !Number.isInteger(range['filtered'])) fail('meta.range.filtered is not an integer');
    for (const k of ['limit', 'offset']) if (range[k] !== undefined && !Number.isInteger(range[k])) fail(`meta.range.${k} is not an integer`);
    parsed.range = range as ParsedJobs['range'];
  }
  return parsed;
}

describe.each(DRIVERS)('api 2 parser accepts job listings ($name)', (driver) => {
  let catalog: Catalog;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ catalog, dispose } = await driver.create());
    await seedGolden(catalog);
  });
  afterAll(async () => dispose());

  it.each([
    ['list jobs', SHORT_KEYS],
    ['llist jobs', LONG_KEYS],
    ['llist jobs limit=1000 offset=0', LONG_KEYS],
    ['llist jobs jobstatus=T jobname="" days=36500 limit=1000 offset=0', LONG_KEYS],
    ['llist jobs last current enabled', LONG_KEYS],
  ] as const)('%s', async (line, keys) => {
    const r = await runCommand(catalogCommands, line, catalog, { api: 2 });
    const parsed = parseJobsReply(r.text, keys);
    const compact = parseJobsReply(JSON.stringify(JSON.parse(r.text)), keys);
    expect(compact).toEqual(parsed);
    expect(parsed.jobs.length).toBeGreaterThan(0);
    if (line.includes('limit=')) expect(parsed.range).toMatchObject({ limit: 1000, offset: 0, filtered: 0 });
  });
});
