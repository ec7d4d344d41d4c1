import type { DirectiveNode, ResourceNode, SourcePos } from './ast.ts';
import {
  ConfigAclEntryError, ConfigDirectorCountError, ConfigDuplicateResourceError, ConfigMissingDirectiveError,
  ConfigReferenceError,
} from './errors.ts';
import type { ParsedConfig } from './parser.ts';
import { applyTable, Diagnostics, type ConfigWarning, type TypedResource } from './resource.ts';
import {
  ACL_TYPES, CATALOG_DIRECTIVES, CATALOG_KEPT, CLIENT_DIRECTIVES, CONSOLE_DIRECTIVES, CONSOLE_KEPT,
  DIRECTOR_DIRECTIVES, DIRECTOR_KEPT, DIRECTOR_RESOURCE_TYPES, FILESET_DIRECTIVES, JOB_DIRECTIVES,
  POOL_DIRECTIVES, PROFILE_DIRECTIVES, SCHEDULE_DIRECTIVES, STORAGE_DIRECTIVES, USER_DIRECTIVES,
} from './schema.ts';
import { compileAclPattern, isAclPattern } from './acl.ts';

export type DirectorResource = TypedResource<typeof DIRECTOR_DIRECTIVES>;
export type ConsoleResource = TypedResource<typeof CONSOLE_DIRECTIVES>;
export type UserResource = TypedResource<typeof USER_DIRECTIVES>;
export type ProfileResource = TypedResource<typeof PROFILE_DIRECTIVES>;
export type CatalogResource = TypedResource<typeof CATALOG_DIRECTIVES>;
/** Job and JobDefs views; a Job's values include those inherited from its JobDefs chain. */
export type JobResource = TypedResource<typeof JOB_DIRECTIVES>;
export type ClientResource = TypedResource<typeof CLIENT_DIRECTIVES>;
export type PoolResource = TypedResource<typeof POOL_DIRECTIVES>;
export type StorageResource = TypedResource<typeof STORAGE_DIRECTIVES>;
export type FileSetResource = TypedResource<typeof FILESET_DIRECTIVES>;
export type ScheduleResource = TypedResource<typeof SCHEDULE_DIRECTIVES>;

/** Any resource, kept as parsed: for `show`, dot commands, and types tsbareos does not model. */
export interface GenericResource {
  /** Canonical spelling for known types (`JobDefs`, `FileSet`), else as written. */
  readonly type: string;
  /** Lowercase, spaceless type (`jobdefs`). */
  readonly keyword: string;
  readonly name: string;
  readonly directives: readonly DirectiveNode[];
  readonly pos: SourcePos;
}

export interface DirectorConfig {
  readonly director: DirectorResource;
  readonly consoles: readonly ConsoleResource[];
  readonly users: readonly UserResource[];
  readonly profiles: readonly ProfileResource[];
  readonly catalogs: readonly CatalogResource[];
  readonly jobs: readonly JobResource[];
  readonly jobDefs: readonly JobResource[];
  readonly clients: readonly ClientResource[];
  readonly pools: readonly PoolResource[];
  readonly storages: readonly StorageResource[];
  readonly fileSets: readonly FileSetResource[];
  readonly schedules: readonly ScheduleResource[];
  /** Every resource in file order, all types. */
  readonly resources: readonly GenericResource[];
  readonly warnings: readonly ConfigWarning[];
  /** Files read, root first. */
  readonly files: readonly string[];
}

export interface BuildResult {
  readonly config: DirectorConfig | undefined;
  readonly diagnostics: Diagnostics;
}

/** Typed model, defaults and cross-resource validation. `config` is undefined when there are errors. */
export function buildDirectorConfig(parsed: ParsedConfig, rootFile: string): BuildResult {
  const diag = new Diagnostics();
  for (const g of parsed.emptyGlobs) diag.warn('W_INCLUDE_NO_MATCH', `include pattern matches no file: ${g.pattern}`, g.pos);
  const resources = genericResources(parsed.resources, diag);
  checkDuplicateNames(resources, diag);
  const typed = typedResources(parsed.resources, diag);
  const director = pickDirector(typed.directors, rootFile, diag);
  checkProfileReferences(typed.consoles, typed.users, typed.profiles, diag);
  checkAclEntries([...typed.consoles, ...typed.users, ...typed.profiles], diag);
  const reported = new Set<string>();
  const jobDefs = resolveJobDefs(typed.jobDefs, typed.jobDefs, diag, reported);
  const jobs = resolveJobDefs(typed.jobs, typed.jobDefs, diag, reported);
  checkJobReferences(jobs, resources, diag);
  if (diag.errors.length > 0 || !director) return { config: undefined, diagnostics: diag };
  const config: DirectorConfig = {
    ...typed, director, jobs, jobDefs, resources, warnings: diag.warnings, files: parsed.files,
  };
  return { config, diagnostics: diag };
}

function genericResources(nodes: readonly ResourceNode[], diag: Diagnostics): GenericResource[] {
  const out: GenericResource[] = [];
  for (const node of nodes) {
    const type = DIRECTOR_RESOURCE_TYPES[node.keyword];
    if (type === undefined) diag.warn('W_UNKNOWN_RESOURCE_TYPE', `unknown resource type '${node.type}' (kept, not used)`, node.pos);
    const name = resourceName(node);
    if (name === undefined) {
      // Typed resources report a missing Name through their table; others need it said here.
      if (!TYPED_KEYWORDS.has(node.keyword)) diag.error(new ConfigMissingDirectiveError(`${node.type} resource lacks the required directive 'Name'`, node.pos));
      continue;
    }
    out.push({ type: type ?? node.type, keyword: node.keyword, name, directives: node.body, pos: node.pos });
  }
  return out;
}

function resourceName(node: ResourceNode): string | undefined {
  const n = node.body.find((dn) => dn.keyword === 'name' && dn.value.kind === 'scalar');
  return n?.value.kind === 'scalar' ? n.value.items.join(', ') : undefined;
}

/** Bareos looks resources up by exact name per type, so two of a type may not share one. */
function checkDuplicateNames(resources: readonly GenericResource[], diag: Diagnostics): void {
  const seen = new Map<string, GenericResource>();
  for (const r of resources) {
    const key = `${r.keyword}\0${r.name}`;
    const first = seen.get(key);
    if (first) {
      diag.error(new ConfigDuplicateResourceError(
        `${r.type} '${r.name}' is already defined at ${first.pos.file}:${first.pos.line}:${first.pos.column}`, r.pos));
    } else seen.set(key, r);
  }
}

const TYPED_KEYWORDS = new Set(['director', 'console', 'user', 'profile', 'catalog', 'job', 'jobdefs', 'client', 'pool', 'storage', 'fileset', 'schedule']);

function typedResources(nodes: readonly ResourceNode[], diag: Diagnostics) {
  const of = (keyword: string) => nodes.filter((n) => n.keyword === keyword);
  const light = { warnUnknown: false } as const;
  return {
    directors: of('director').map((n) => applyTable(n, DIRECTOR_DIRECTIVES, { kept: DIRECTOR_KEPT, warnUnknown: true }, diag)),
    consoles: of('console').map((n) => applyTable(n, CONSOLE_DIRECTIVES, { kept: CONSOLE_KEPT, warnUnknown: true }, diag)),
    users: of('user').map((n) => applyTable(n, USER_DIRECTIVES, { warnUnknown: true }, diag)),
    profiles: of('profile').map((n) => applyTable(n, PROFILE_DIRECTIVES, { warnUnknown: true }, diag)),
    catalogs: of('catalog').map((n) => applyTable(n, CATALOG_DIRECTIVES, { kept: CATALOG_KEPT, warnUnknown: true }, diag)),
    jobs: of('job').map((n) => applyTable(n, JOB_DIRECTIVES, light, diag)),
    jobDefs: of('jobdefs').map((n) => applyTable(n, JOB_DIRECTIVES, light, diag)),
    clients: of('client').map((n) => applyTable(n, CLIENT_DIRECTIVES, light, diag)),
    pools: of('pool').map((n) => applyTable(n, POOL_DIRECTIVES, light, diag)),
    storages: of('storage').map((n) => applyTable(n, STORAGE_DIRECTIVES, light, diag)),
    fileSets: of('fileset').map((n) => applyTable(n, FILESET_DIRECTIVES, light, diag)),
    schedules: of('schedule').map((n) => applyTable(n, SCHEDULE_DIRECTIVES, light, diag)),
  };
}

function pickDirector(directors: readonly DirectorResource[], rootFile: string, diag: Diagnostics): DirectorResource | undefined {
  if (directors.length === 0) {
    diag.error(new ConfigDirectorCountError('no Director resource defined (exactly one is required)', { file: rootFile }));
    return undefined;
  }
  for (const extra of directors.slice(1)) {
    const first = directors[0] as DirectorResource;
    diag.error(new ConfigDirectorCountError(
      `a second Director resource (the first is at ${first.node.pos.file}:${first.node.pos.line}); exactly one is allowed`, extra.node.pos));
  }
  return directors[0];
}

function checkProfileReferences(
  consoles: readonly ConsoleResource[], users: readonly UserResource[], profiles: readonly ProfileResource[], diag: Diagnostics,
): void {
  const names = new Set(profiles.map((p) => p.name));
  for (const r of [...consoles, ...users]) {
    for (const p of r.profile) {
      if (!names.has(p)) {
        const pos = r.positions.get('profile') ?? r.node.pos;
        diag.error(new ConfigReferenceError(`${r.node.type} '${r.name}' refers to Profile '${p}', which is not defined`, pos));
      }
    }
  }
}

/** A bare `!` or an empty entry can never mean anything; a regex that does not compile never matches. */
function checkAclEntries(holders: readonly (ConsoleResource | UserResource | ProfileResource)[], diag: Diagnostics): void {
  for (const r of holders) {
    for (const type of ACL_TYPES) {
      const pos = r.positions.get(type) ?? r.node.pos;
      for (const entry of r[type]) {
        const pattern = entry.startsWith('!') ? entry.slice(1) : entry;
        if (pattern.trim() === '') {
          diag.error(new ConfigAclEntryError(`empty entry '${entry}' in ${type} ACL of ${r.node.type} '${r.name}'`, pos));
        } else if (isAclPattern(pattern) && pattern.toLowerCase() !== '*all*' && !compileAclPattern(pattern)) {
          diag.warn('W_ACL_INVALID_REGEX', `ACL entry '${entry}' of ${r.node.type} '${r.name}' is not a valid regular expression and never matches`, pos);
        }
      }
    }
  }
}

/** Fills each job's unset directives from its JobDefs chain (a JobDefs may itself name a JobDefs). */
function resolveJobDefs(
  jobs: readonly JobResource[], defs: readonly JobResource[], diag: Diagnostics, reported: Set<string>,
): JobResource[] {
  const byName = new Map(defs.map((j) => [j.name, j]));
  // A broken JobDefs is reached from every Job using it; report it once, where it is written.
  const report = (err: ConfigReferenceError) => {
    const key = `${err.file}:${err.line}:${err.column}`;
    if (!reported.has(key)) diag.error(err);
    reported.add(key);
  };
  return jobs.map((job) => inheritChain(job, byName, report, new Set()));
}

function inheritChain(
  job: JobResource, defs: ReadonlyMap<string, JobResource>, report: (e: ConfigReferenceError) => void, seen: Set<string>,
): JobResource {
  if (job.jobDefs === undefined) return job;
  const pos = job.positions.get('jobDefs') ?? job.node.pos;
  const parent = defs.get(job.jobDefs);
  if (!parent) {
    report(new ConfigReferenceError(`${job.node.type} '${job.name}' refers to JobDefs '${job.jobDefs}', which is not defined`, pos));
    return job;
  }
  if (seen.has(`jobdefs:${parent.name}`)) {
    report(new ConfigReferenceError(`JobDefs cycle through '${parent.name}'`, pos));
    return job;
  }
  seen.add(`${job.node.keyword}:${job.name}`);
  return inherit(job, inheritChain(parent, defs, report, seen));
}

const NOT_INHERITED = new Set(['name', 'jobDefs', 'description']);

function inherit(child: JobResource, parent: JobResource): JobResource {
  const merged: Record<string, unknown> = { ...child };
  const positions = new Map(child.positions);
  for (const [prop, pos] of parent.positions) {
    if (positions.has(prop) || NOT_INHERITED.has(prop)) continue;
    merged[prop] = (parent as unknown as Record<string, unknown>)[prop];
    positions.set(prop, pos);
  }
  merged['positions'] = positions;
  return merged as unknown as JobResource;
}

/** Bareos refuses a Job naming a missing resource; we warn so that partial test trees still load. */
function checkJobReferences(jobs: readonly JobResource[], resources: readonly GenericResource[], diag: Diagnostics): void {
  const names = (keyword: string) => new Set(resources.filter((r) => r.keyword === keyword).map((r) => r.name));
  const refs = [
    ['client', 'client'], ['pool', 'pool'], ['fileSet', 'fileset'], ['schedule', 'schedule'], ['messages', 'messages'],
  ] as const;
  const known = Object.fromEntries(refs.map(([, kw]) => [kw, names(kw)]));
  const storages = names('storage');
  for (const job of jobs) {
    for (const [prop, kw] of refs) {
      const ref = job[prop];
      if (ref !== undefined && !known[kw]?.has(ref)) warnMissing(job, prop, kw, ref, diag);
    }
    for (const s of job.storage) if (!storages.has(s)) warnMissing(job, 'storage', 'storage', s, diag);
  }
}

function warnMissing(job: JobResource, prop: string, keyword: string, ref: string, diag: Diagnostics): void {
  const type = DIRECTOR_RESOURCE_TYPES[keyword] ?? keyword;
  diag.warn('W_MISSING_REFERENCE', `Job '${job.name}' refers to ${type} '${ref}', which is not defined`, job.positions.get(prop) ?? job.node.pos);
}

// ------------------------------------------------------------------------------------- lookups

/** Resources of one type (any spelling: `JobDefs`, `jobdefs`, `Job Defs`), in file order. */
export function resourcesOfType(config: DirectorConfig, type: string): GenericResource[] {
  const keyword = type.replace(/\s+/g, '').toLowerCase();
  return config.resources.filter((r) => r.keyword === keyword);
}

/** Names for dot commands (`.jobs`, `.clients`, `.pools`, ...), in file order. */
export function resourceNames(config: DirectorConfig, type: string): string[] {
  return resourcesOfType(config, type).map((r) => r.name);
}

export function findResource(config: DirectorConfig, type: string, name: string): GenericResource | undefined {
  return resourcesOfType(config, type).find((r) => r.name === name);
}

/** Exact-name lookup in a typed list (`findByName(config.consoles, 'admin')`). */
export function findByName<R extends { readonly name: string }>(list: readonly R[], name: string): R | undefined {
  return list.find((r) => r.name === name);
}
