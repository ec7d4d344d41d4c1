/**
 * Dot commands that list configured resources by name, one per frame in plain mode (bconsole's tab
 * completion reads one item per frame) and as `{"<key>":[{"name":...}]}` in api 2. Rows the
 * console's ACLs hide are left out.
 */
import type { DirectorConfig } from '../../src/config/index.ts';
import type { JsonObject } from '../../src/format/output.ts';
import type { AclType, Command, CommandContext } from './types.ts';

interface Listed {
  readonly name: string;
  readonly enabled?: boolean;
  readonly type?: string;
}

interface ListSpec {
  readonly command: string;
  readonly key: string;
  readonly description: string;
  readonly acl?: AclType;
  readonly enabledFilter?: boolean;
  readonly typeFilter?: boolean;
  readonly rows: (config: DirectorConfig) => readonly Listed[];
}

const SPECS: readonly ListSpec[] = [
  { command: '.jobs', key: 'jobs', description: 'List job resources', acl: 'job', enabledFilter: true, typeFilter: true, rows: (c) => c.jobs.map((j) => ({ name: j.name, enabled: j.enabled, type: jobTypeLetter(j.type) })) },
  { command: '.clients', key: 'clients', description: 'List client resources', acl: 'client', enabledFilter: true, rows: (c) => c.clients.map((r) => ({ name: r.name, enabled: r.enabled })) },
  { command: '.pools', key: 'pools', description: 'List pool resources', acl: 'pool', typeFilter: true, rows: (c) => c.pools.map((p) => ({ name: p.name, type: p.poolType })) },
  { command: '.filesets', key: 'filesets', description: 'List fileset resources', acl: 'fileset', rows: (c) => c.fileSets.map((f) => ({ name: f.name })) },
  { command: '.storages', key: 'storages', description: 'List storage resources', acl: 'storage', enabledFilter: true, rows: (c) => c.storages.map((s) => ({ name: s.name, enabled: s.enabled })) },
  { command: '.schedule', key: 'schedules', description: 'List schedule resources', acl: 'schedule', enabledFilter: true, rows: (c) => c.schedules.map((s) => ({ name: s.name, enabled: s.enabled })) },
  { command: '.catalogs', key: 'catalogs', description: 'List catalog resources', acl: 'catalog', rows: (c) => c.catalogs.map((r) => ({ name: r.name })) },
  { command: '.consoles', key: 'consoles', description: 'List console resources', rows: (c) => c.consoles.map((r) => ({ name: r.name })) },
  { command: '.users', key: 'users', description: 'List user resources', rows: (c) => c.users.map((r) => ({ name: r.name })) },
  { command: '.profiles', key: 'profiles', description: 'List profile resources', rows: (c) => c.profiles.map((r) => ({ name: r.name })) },
  { command: '.jobdefs', key: 'jobdefs', description: 'List job defaults resources', acl: 'job', rows: (c) => c.jobDefs.map((r) => ({ name: r.name })) },
  { command: '.msgs', key: 'messages', description: 'List messages resources', rows: (c) => c.resources.filter((r) => r.keyword === 'messages').map((r) => ({ name: r.name })) },
];

/** Bareos job type names to the letters its catalog and `type=` filters use. */
function jobTypeLetter(type: string | undefined): string {
  const map: Record<string, string> = { backup: 'B', restore: 'R', verify: 'V', admin: 'D', migrate: 'g', copy: 'c', consolidate: 'O', archive: 'A' };
  return map[(type ?? 'backup').toLowerCase()] ?? (type ?? 'B');
}

function matchesType(row: Listed, wanted: string): boolean {
  if (row.type === undefined) return false;
  const w = wanted.toLowerCase();
  return row.type.toLowerCase() === w || jobTypeLetter(wanted) === row.type;
}

function runList(spec: ListSpec, ctx: CommandContext): boolean {
  const enabledOnly = spec.enabledFilter && ctx.args.has('enabled');
  const disabledOnly = spec.enabledFilter && ctx.args.has('disabled');
  const type = spec.typeFilter ? ctx.args.value('type') : undefined;
  const rows = spec.rows(ctx.director.config).filter((row) => {
    if (spec.acl && !ctx.session.acl.allows(spec.acl, row.name)) return false;
    if (enabledOnly && row.enabled === false) return false;
    if (disabledOnly && row.enabled !== false) return false;
    return type === undefined || matchesType(row, type);
  });
  ctx.out.openArray(spec.key);
  for (const row of rows) {
    ctx.out.send(`${row.name}\n`);
    const item: JsonObject = { name: row.name };
    if (spec.enabledFilter) item['enabled'] = row.enabled !== false;
    ctx.out.pushItem(item);
  }
  ctx.out.closeArray();
  return true;
}

export const resourceListCommands: readonly Command[] = SPECS.map((spec) => ({
  name: spec.command,
  description: spec.description,
  usage: [spec.typeFilter ? '[type=<type>]' : '', spec.enabledFilter ? '[enabled | disabled]' : ''].filter(Boolean).join(' '),
  run: (ctx: CommandContext) => runList(spec, ctx),
}));

export const levelsCommand: Command = {
  name: '.levels',
  description: 'List backup levels',
  usage: '',
  run(ctx) {
    const levels = ['Full', 'Incremental', 'Differential', 'VirtualFull', 'Base', 'Since'];
    ctx.out.openArray('levels');
    for (const level of levels) {
      ctx.out.send(`${level}\n`);
      ctx.out.pushItem({ name: level });
    }
    ctx.out.closeArray();
    return true;
  },
};

export const typesCommand: Command = {
  name: '.types',
  description: 'List job types',
  usage: '',
  run(ctx) {
    const types = ['Backup', 'Restore', 'Admin', 'Verify', 'Migrate', 'Copy', 'Consolidate'];
    ctx.out.openArray('jobtypes');
    for (const t of types) {
      ctx.out.send(`${t}\n`);
      ctx.out.pushItem({ name: t });
    }
    ctx.out.closeArray();
    return true;
  },
};
