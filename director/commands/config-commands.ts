/** Commands over the configuration: `show`, `reload`, `use catalog=`. */
import type { DirectiveNode } from '../../src/config/ast.ts';
import type { GenericResource } from '../../src/config/index.ts';
import type { AclType, Command, CommandContext } from './types.ts';

/** `show` keywords (singular and plural) to resource type keywords. */
const SHOW_TYPES: Readonly<Record<string, string>> = {
  director: 'director', directors: 'director', client: 'client', clients: 'client', job: 'job', jobs: 'job',
  jobdefs: 'jobdefs', storage: 'storage', storages: 'storage', catalog: 'catalog', catalogs: 'catalog',
  schedule: 'schedule', schedules: 'schedule', fileset: 'fileset', filesets: 'fileset', pool: 'pool', pools: 'pool',
  messages: 'messages', counter: 'counter', counters: 'counter', console: 'console', consoles: 'console',
  profile: 'profile', profiles: 'profile', user: 'user', users: 'user',
};

const ACL_OF: Readonly<Record<string, AclType>> = { job: 'job', jobdefs: 'job', client: 'client', storage: 'storage', catalog: 'catalog', schedule: 'schedule', fileset: 'fileset', pool: 'pool' };

/** Values never shown: they are password-equivalent (the md5 form logs you in too). */
const SECRET_KEYWORDS = new Set(['password', 'dbpassword']);

export function renderResource(resource: GenericResource): string {
  return `${resource.type} {\n${renderBody(resource.directives, 1)}}\n\n`;
}

function renderBody(body: readonly DirectiveNode[], depth: number): string {
  const pad = '  '.repeat(depth);
  let out = '';
  for (const d of body) {
    if (d.value.kind === 'block') {
      out += `${pad}${d.key} {\n${renderBody(d.value.body, depth + 1)}${pad}}\n`;
    } else if (SECRET_KEYWORDS.has(d.keyword)) {
      out += `${pad}${d.key} = "****"\n`;
    } else {
      out += `${pad}${d.key} = ${d.value.raw}\n`;
    }
  }
  return out;
}

export const showCommand: Command = {
  name: 'show',
  description: 'Show resources from the configuration',
  usage: 'director | clients | jobs | jobdefs | pools | filesets | schedules | storages | catalogs | messages | consoles | profiles | users | <type>=<name> | all',
  run(ctx) {
    const arg = ctx.args.rest[0];
    if (!arg) {
      ctx.out.error('show: say what to show, e.g. "show jobs" or "show client=NAME".\n');
      return false;
    }
    const word = arg.keyword.toLowerCase();
    const all = word === 'all';
    const type = SHOW_TYPES[word];
    if (!all && !type) {
      ctx.out.error(`show: unknown resource type "${arg.keyword}".\n`);
      return false;
    }
    const picked = ctx.director.config.resources.filter((r) => (all || r.keyword === type) && (arg.value === undefined || r.name === arg.value) && visible(ctx, r));
    if (arg.value !== undefined && picked.length === 0) {
      ctx.out.error(`show: ${arg.keyword} "${arg.value}" not found.\n`);
      return false;
    }
    for (const r of picked) ctx.out.send(renderResource(r));
    const grouped: Record<string, Record<string, Record<string, string>>> = {};
    for (const r of picked) {
      const group = (grouped[`${r.keyword}s`] ??= {});
      group[r.name] = Object.fromEntries(r.directives.filter((d) => d.value.kind === 'scalar' && !SECRET_KEYWORDS.has(d.keyword)).map((d) => [d.keyword, d.value.kind === 'scalar' ? d.value.items.join(', ') : '']));
    }
    for (const [key, value] of Object.entries(grouped)) ctx.out.setResult(key, value);
    return true;
  },
};

function visible(ctx: CommandContext, r: GenericResource): boolean {
  const acl = ACL_OF[r.keyword];
  return acl === undefined || ctx.session.acl.allows(acl, r.name);
}

export const reloadCommand: Command = {
  name: 'reload',
  description: 'Re-read the configuration; sessions keep working',
  usage: '',
  async run(ctx) {
    const result = await ctx.director.reload();
    if (!result.ok) {
      for (const e of result.errors) ctx.out.error(`reload failed: ${e}\n`);
      return false;
    }
    ctx.out.send('Configuration reloaded.\n');
    ctx.out.setResult('reload', { success: true });
    return true;
  },
};

export const useCommand: Command = {
  name: 'use',
  description: 'Choose the catalog for this session',
  usage: 'catalog=<catalog>',
  async run(ctx) {
    const name = ctx.args.value('catalog') ?? ctx.args.rest[0]?.keyword;
    if (!name) {
      ctx.out.error('use: give a catalog, e.g. "use catalog=MyCatalog".\n');
      return false;
    }
    try {
      await ctx.openCatalog(name);
    } catch (error) {
      ctx.out.error(`${(error as Error).message}\n`);
      return false;
    }
    ctx.control.settings.set('catalog', name);
    return true;
  },
};
