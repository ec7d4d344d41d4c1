/**
 * Row filters of the list commands (reference §6.3, §6.4): ACL filters registered only for ACL types
 * with restrictions, `current` (the named resource is still configured) and `enabled`/`disabled`.
 * Filters run after SQL (and after LIMIT/OFFSET); each dropped row counts in `meta.range.filtered`.
 */
import type { AclType, AclView, CommandContext } from '../types.ts';
import type { Row } from '../../../src/catalog/types.ts';

export type ResourceKind = 'job' | 'client' | 'pool' | 'fileset' | 'storage';

export type RowFilter =
  | { readonly kind: 'acl'; readonly column: number; readonly acl: AclType }
  | { readonly kind: 'current'; readonly column: number; readonly resource: ResourceKind }
  | { readonly kind: 'state'; readonly column: number; readonly resource: ResourceKind; readonly enabled: boolean };

/** What the filters need from the configuration. */
export interface ResourceView {
  exists(kind: ResourceKind, name: string): boolean;
  /** undefined when the resource does not exist. */
  enabled(kind: ResourceKind, name: string): boolean | undefined;
  /** Configured names of one kind, in configuration order. */
  names(kind: ResourceKind): string[];
}

export function resourceView(ctx: CommandContext): ResourceView {
  const config = ctx.director.config;
  const list = (kind: ResourceKind): readonly { readonly name: string; readonly enabled?: boolean }[] => {
    switch (kind) {
      case 'job': return config.jobs;
      case 'client': return config.clients;
      case 'pool': return config.pools;
      case 'fileset': return config.fileSets;
      case 'storage': return config.storages;
    }
  };
  return {
    exists: (kind, name) => list(kind).some((r) => r.name === name),
    enabled: (kind, name) => {
      const r = list(kind).find((x) => x.name === name);
      return r === undefined ? undefined : r.enabled !== false;
    },
    names: (kind) => list(kind).map((r) => r.name),
  };
}

const ACL_OF: Readonly<Record<ResourceKind, AclType>> = { job: 'job', client: 'client', pool: 'pool', fileset: 'fileset', storage: 'storage' };

/** Collects the filters one command registers. */
export class FilterSet {
  readonly filters: RowFilter[] = [];
  constructor(private readonly acl: AclView, private readonly resources: ResourceView) {}

  /** ACL filter, only when that ACL restricts this console (the default console has none). */
  aclFilter(column: number, type: AclType): this {
    if (column >= 0 && this.acl.hasRestrictions(type)) this.filters.push({ kind: 'acl', column, acl: type });
    return this;
  }

  current(column: number, resource: ResourceKind): this {
    if (column >= 0) this.filters.push({ kind: 'current', column, resource });
    return this;
  }

  state(column: number, resource: ResourceKind, enabled: boolean): this {
    if (column >= 0) this.filters.push({ kind: 'state', column, resource, enabled });
    return this;
  }

  get registered(): boolean {
    return this.filters.length > 0;
  }

  /** §6.4: first "suppress" drops; ACL "unknown" (NULL/empty) without any ACL "show" drops too. */
  shows(row: Row): boolean {
    let aclUnknown = false;
    let aclShown = false;
    for (const f of this.filters) {
      const value = row[f.column] ?? null;
      if (value === null || value === '') {
        if (f.kind === 'acl') aclUnknown = true;
        continue;
      }
      if (!this.passes(f, value)) return false;
      if (f.kind === 'acl') aclShown = true;
    }
    return !(aclUnknown && !aclShown);
  }

  private passes(f: RowFilter, value: string): boolean {
    switch (f.kind) {
      case 'acl':
        return this.acl.allows(f.acl, value);
      case 'current':
        return this.resources.exists(f.resource, value);
      case 'state': {
        const state = this.resources.enabled(f.resource, value);
        return state !== undefined && this.acl.allows(ACL_OF[f.resource], value) && state === f.enabled;
      }
    }
  }
}
