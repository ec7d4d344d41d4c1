/** `.jobstatus [X]` (catalog Status table) and `.defaults job=|client=|storage=|pool=` (configuration), reference §4. */
import type { JsonObject, JsonValue } from '../../../src/format/output.ts';
import { rawDirective } from '../../../src/config/index.ts';
import type { Command, CommandContext } from '../types.ts';
import { emitListing } from './emit.ts';
import { open, reportFailure } from './list.ts';

export const jobstatusCommand: Command = {
  name: '.jobstatus',
  description: 'List the job status letters and their meaning',
  usage: '[<status letter>]',
  async run(ctx) {
    // `.jobstatus=T` arrives as the command word's value, `.jobstatus T` as the next argument.
    const status = ctx.args.list[0]?.value ?? ctx.args.rest[0]?.keyword;
    if (status !== undefined && status.length > 1) {
      ctx.out.error(`Unknown JobStatus '${status}'. JobStatus must be a single character.\n`);
      return false;
    }
    const catalog = await open(ctx);
    if (!catalog) return false;
    try {
      const query = status ? { kind: 'jobstatus' as const, status } : { kind: 'jobstatus' as const };
      await emitListing(ctx.out, catalog.list(query), { key: 'jobstatus', renderer: 'table' });
      return true;
    } catch (err) {
      return reportFailure(ctx, err);
    }
  },
};

const TYPE_NAMES: Readonly<Record<string, string>> = {
  B: 'Backup', M: 'Migrated Job', V: 'Verify', R: 'Restore', U: 'Console', I: 'System or Console', D: 'Admin', A: 'Archive',
  C: 'Job Copy', c: 'Copy', g: 'Migrate', S: 'Scan', O: 'Consolidate',
};

/** Config values are names already (`Backup`); a single letter is spelled out. */
function typeName(type: string | undefined): string {
  if (!type) return 'Backup';
  return TYPE_NAMES[type] ?? type.charAt(0).toUpperCase() + type.slice(1).toLowerCase();
}

export const defaultsCommand: Command = {
  name: '.defaults',
  description: 'Default values of a job, client, storage or pool resource (for GUIs)',
  usage: 'job=<job-name> | client=<client-name> | storage=<storage-name> | pool=<pool-name>',
  run(ctx) {
    const arg = ctx.args.rest[0];
    const kind = arg?.keyword.toLowerCase();
    if (!arg || arg.value === undefined || !['job', 'client', 'storage', 'pool'].includes(kind ?? '')) {
      // Plain text, not an error message: in api 2 the envelope carries an empty `messages`.
      ctx.out.send('.defaults command requires a parameter.\n');
      return false;
    }
    const values = defaultsFor(ctx, kind as 'job' | 'client' | 'storage' | 'pool', arg.value);
    ctx.out.setResult('defaults', values ?? {});
    if (values) {
      for (const [k, v] of Object.entries(values)) ctx.out.send(`${k}=${String(v)}\n`);
    }
    return true;
  },
};

function defaultsFor(ctx: CommandContext, kind: 'job' | 'client' | 'storage' | 'pool', name: string): JsonObject | undefined {
  const config = ctx.director.config;
  const acl = ctx.session.acl;
  const firstCatalog = config.catalogs[0]?.name ?? '';
  switch (kind) {
    case 'job': {
      const job = config.jobs.find((j) => j.name === name);
      if (!job || !acl.allows('job', name)) return undefined;
      const type = typeName(job.type);
      const out: Record<string, JsonValue> = {
        job: job.name, pool: job.pool ?? '*None*', messages: job.messages ?? '*None*', client: job.client ?? '*None*',
        storage: job.storage[0] ?? '*None*', where: rawDirective(job, 'Where') ?? '',
      };
      if (type === 'Restore') out['replace'] = (rawDirective(job, 'Replace') ?? 'always').toLowerCase();
      const client = config.clients.find((c) => c.name === job.client);
      Object.assign(out, {
        level: job.level ?? (type === 'Backup' ? 'Incremental' : ''), type, fileset: job.fileSet ?? '*None*',
        enabled: job.enabled ? 1 : 0, catalog: job.catalog ?? client?.catalog ?? firstCatalog,
      });
      return out;
    }
    case 'client': {
      const c = config.clients.find((x) => x.name === name);
      if (!c || !acl.allows('client', name)) return undefined;
      return {
        client: c.name, address: c.address ?? '', port: c.port, file_retention: rawDirective(c, 'File Retention') ?? '5184000',
        job_retention: rawDirective(c, 'Job Retention') ?? '15552000', autoprune: /^(no|false)$/i.test(rawDirective(c, 'Auto Prune') ?? '') ? 0 : 1,
        enabled: c.enabled ? 1 : 0, catalog: c.catalog ?? firstCatalog,
      };
    }
    case 'storage': {
      const s = config.storages.find((x) => x.name === name);
      if (!s || !acl.allows('storage', name)) return undefined;
      return { storage: s.name, address: s.address ?? '', port: s.port, enabled: s.enabled ? 1 : 0, media_type: s.mediaType ?? '', device: s.device.join(',') };
    }
    case 'pool': {
      const p = config.pools.find((x) => x.name === name);
      if (!p || !acl.allows('pool', name)) return undefined;
      return { pool: p.name, pool_type: p.poolType, label_format: p.labelFormat ?? '', max_volumes: p.maximumVolumes ?? 0 };
    }
  }
}
