/**
 * `list` and `llist` (reference §2, §3): open the catalog, validate the shared options, dispatch on
 * the first argument. Catalog failures become one console line; SQL text never reaches the user.
 */
import { CatalogError } from '../../../src/catalog/errors.ts';
import type { Catalog } from '../../../src/catalog/types.ts';
import type { Command, CommandContext } from '../types.ts';
import { listContext, type ListContext } from './context.ts';
import { listBackups, listJobs } from './jobs.ts';
import { ListOptionError, parseListOptions } from './options.ts';
import {
  listClients, listFilesets, listJoblog, listJobstats, listJobtotals, listLog, listPools, listStorages, listVolumes,
} from './resources.ts';

type Handler = (lc: ListContext) => Promise<boolean>;

const HANDLERS: Readonly<Record<string, Handler>> = {
  jobs: listJobs, job: listJobs, jobname: listJobs, jobid: listJobs, ujobid: listJobs,
  joblog: listJoblog,
  jobtotals: listJobtotals,
  clients: listClients, client: listClients,
  pools: listPools, pool: listPools, poolid: listPools,
  media: listVolumes, volume: listVolumes, volumes: listVolumes, mediaid: listVolumes, volumeid: listVolumes,
  fileset: listFilesets, filesets: listFilesets,
  storages: listStorages,
  backups: listBackups,
  log: listLog,
  jobstatistics: listJobstats, jobstats: listJobstats,
};

export const LIST_USAGE = 'jobs [client=<client-name>] [jobname=<job-name>] [jobstatus=<status>] [joblevel=<level>] [jobtype=<type>] ' +
  '[days=<n>] [hours=<n>] [volume=<name>] [pool=<name>] [limit=<n> [offset=<n>]] [last] [count] [current] [enabled] [disabled] [reverse] | ' +
  'jobid=<jobid> | ujobid=<unique-job-name> | joblog jobid=<jobid> [count] [limit=<n> [offset=<n>]] | jobtotals | ' +
  'backups client=<client-name> [fileset=<fileset-name>|any] [jobstatus=<status>] [level=<level>] [order=asc|desc] [limit=<n> [offset=<n>]] | ' +
  'clients | client=<client-name> | pools | pool=<pool-name> | poolid=<poolid> | ' +
  'volumes [pool=<pool-name>] [jobid=<jobid>] [all] [count] [limit=<n> [offset=<n>]] | media [pool=<pool-name>] | volume=<volume-name> | mediaid=<mediaid> | ' +
  'filesets [limit=<n> [offset=<n>]] | fileset [filesetid=<id>] [jobid=<jobid>] | storages | ' +
  'log [client=<client-name>] [limit=<n> [offset=<n>]] [reverse] | jobstatistics jobid=<jobid> | [catalog=<catalog-name>]';

function listCommand(name: 'list' | 'llist', description: string): Command {
  return {
    name,
    description,
    usage: LIST_USAGE,
    run: (ctx) => runList(ctx, name === 'llist'),
  };
}

export const listCommands: Command[] = [
  listCommand('list', 'List catalog records: jobs, job logs, clients, pools, volumes, filesets, storages, backups, logs'),
  listCommand('llist', 'Long listing of catalog records, every column of each record'),
];

async function runList(ctx: CommandContext, long: boolean): Promise<boolean> {
  const first = ctx.args.rest[0];
  if (!first) {
    ctx.out.error(`${ctx.args.command} command requires a keyword\n`);
    return false;
  }
  const catalog = await open(ctx);
  if (!catalog) return false;
  try {
    const opts = parseListOptions(ctx.args);
    const handler = HANDLERS[first.keyword.toLowerCase()];
    if (!handler) {
      ctx.out.error(`Unknown list keyword: ${first.keyword}\n`);
      return false;
    }
    return await handler(listContext(ctx, catalog, opts, long, first.keyword, first.value));
  } catch (err) {
    return reportFailure(ctx, err);
  }
}

/** The catalog for this session; the director prints the api-0 catalog lines. */
export async function open(ctx: CommandContext): Promise<Catalog | undefined> {
  try {
    return await ctx.openCatalog(ctx.args.value('catalog'));
  } catch (err) {
    const text = err instanceof Error && err.message ? err.message : 'Could not find a Catalog resource';
    ctx.out.error(text.endsWith('\n') ? text : `${text}\n`);
    return undefined;
  }
}

/** Known failures become their console text; anything else a generic line (details stay in logs). */
export function reportFailure(ctx: CommandContext, err: unknown): boolean {
  if (err instanceof ListOptionError) {
    for (const m of err.messages) (m.kind === 'error' ? ctx.out.error : ctx.out.warning).call(ctx.out, m.text);
    return false;
  }
  if (err instanceof CatalogError) {
    ctx.out.error(`Catalog error: ${err.message}\n`);
    return false;
  }
  throw err;
}
