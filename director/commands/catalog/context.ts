/** What every list sub-command handler gets: the session context, the catalog, parsed options. */
import type { Catalog } from '../../../src/catalog/types.ts';
import type { CommandContext } from '../types.ts';
import { FilterSet, resourceView, type ResourceView } from './filters.ts';
import type { ListOptions } from './options.ts';

export interface ListContext {
  readonly ctx: CommandContext;
  readonly catalog: Catalog;
  readonly opts: ListOptions;
  /** `llist` rather than `list`. */
  readonly long: boolean;
  /** The typed command word (`list`, `llist`). */
  readonly word: string;
  /** The sub-command keyword as typed and its value (`jobid=3` -> value `3`). */
  readonly sub: string;
  readonly subValue: string | undefined;
  readonly resources: ResourceView;
  filters(): FilterSet;
}

export function listContext(ctx: CommandContext, catalog: Catalog, opts: ListOptions, long: boolean, sub: string, subValue: string | undefined): ListContext {
  const resources = resourceView(ctx);
  return {
    ctx, catalog, opts, long, word: ctx.args.command, sub, subValue, resources,
    filters: () => new FilterSet(ctx.session.acl, resources),
  };
}

/** `meta.range` (reference §0.6): when `limit=` was given or any filter was registered. */
export function setRange(lc: ListContext, filters: FilterSet | undefined, filtered: number): void {
  const { limit, offset } = lc.opts;
  if (limit !== undefined) lc.ctx.out.setRange({ limit, offset: offset ?? 0, filtered });
  else if (filters?.registered) lc.ctx.out.setRange({ filtered });
}
