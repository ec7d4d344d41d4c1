/**
 * Runs one command module without the director: a CommandContext built from a command line, a
 * config text, an ACL and a catalog, and a CommandOutput that renders what a console would receive:
 * api 0 text (data frames concatenated) or the api 2 JSON-RPC document (indented like `.api 2`).
 */
import { parseCommandLine } from '../../director/commands/args.ts';
import type { AclType, AclView, Command, CommandContext, SessionView } from '../../director/commands/types.ts';
import type { Catalog } from '../../src/catalog/types.ts';
import { parseDirectorConfigText, type DirectorConfig } from '../../src/config/index.ts';
import type { ApiMode, CommandOutput, JsonValue, RangeMeta } from '../../src/format/output.ts';
import { aclListAllows, hasRestrictions } from '../../src/config/index.ts';

/** Renders api 0 text and api 2 JSON in memory; counts flushes so tests can see streaming. */
export class RecordingOutput implements CommandOutput {
  text = '';
  readonly errors: string[] = [];
  readonly warnings: string[] = [];
  readonly infos: string[] = [];
  readonly result: Record<string, JsonValue> = {};
  range: RangeMeta | undefined;
  flushes = 0;
  /** Largest number of items pushed between two flushes. */
  maxItemsBetweenFlushes = 0;
  private array: { key: string; items: JsonValue[] } | undefined;
  private sinceFlush = 0;
  /** Set to drop pushed items (memory tests over huge results). */
  discardItems = false;
  pushed = 0;

  constructor(readonly api: ApiMode) {}

  send(text: string): void {
    if (this.api !== 2) this.text += text;
  }
  error(text: string): void {
    this.errors.push(text);
    if (this.api !== 2) this.text += text;
  }
  warning(text: string): void {
    this.warnings.push(text);
    if (this.api !== 2) this.text += text;
  }
  info(text: string): void {
    this.infos.push(text);
    if (this.api !== 2) this.text += text;
  }
  setResult(key: string, value: JsonValue): void {
    if (this.api === 2) this.result[key] = value;
  }
  openArray(key: string): void {
    if (this.api === 2) this.array = { key, items: [] };
  }
  pushItem(value: JsonValue): void {
    if (!this.array) return;
    this.pushed++;
    this.sinceFlush++;
    if (!this.discardItems) this.array.items.push(value);
  }
  closeArray(): void {
    if (!this.array) return;
    this.result[this.array.key] = this.array.items;
    this.array = undefined;
  }
  setRange(range: RangeMeta): void {
    if (this.api === 2) this.range = range;
  }
  async flush(): Promise<void> {
    this.flushes++;
    this.maxItemsBetweenFlushes = Math.max(this.maxItemsBetweenFlushes, this.sinceFlush);
    this.sinceFlush = 0;
  }

  /** The api 2 document for a command that returned `ok`. */
  document(ok: boolean): string {
    const result: Record<string, JsonValue> = { ...this.result };
    if (this.range) result['meta'] = { range: rangeJson(this.range) };
    if (ok && this.errors.length === 0) return JSON.stringify({ jsonrpc: '2.0', id: null, result }, null, 2);
    const messages: Record<string, JsonValue> = {};
    if (this.errors.length) messages['error'] = this.errors;
    if (this.warnings.length) messages['warning'] = this.warnings;
    if (this.infos.length) messages['info'] = this.infos;
    return JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: 1, message: 'failed', data: { result: this.result, messages } } }, null, 2);
  }
}

function rangeJson(r: RangeMeta): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {};
  if (r.limit !== undefined) out['limit'] = r.limit;
  if (r.offset !== undefined) out['offset'] = r.offset;
  out['filtered'] = r.filtered;
  return out;
}

/** ACL lists per type, Bareos semantics (src/config/acl.ts); `undefined` = the default console. */
export function aclView(lists?: Partial<Record<AclType, string[]>>): AclView {
  if (!lists) return { allows: () => true, hasRestrictions: () => false };
  return {
    allows: (type, item) => aclListAllows(lists[type] ?? [], item, type),
    hasRestrictions: (type) => hasRestrictions(lists[type] ?? []),
  };
}

export const GOLDEN_CONFIG = `
Director { Name = bareos-dir; Password = "secret" }
Catalog { Name = MyCatalog; DB Driver = sqlite3; DB Name = catalog }
Client { Name = bareos-fd; Address = localhost }
FileSet { Name = SelfTest }
FileSet { Name = Catalog }
Pool { Name = Scratch; Pool Type = Scratch }
Pool { Name = Incremental; Label Format = Incremental- }
Pool { Name = Full; Label Format = Full- }
Pool { Name = Differential; Label Format = Differential- }
Storage { Name = File; Address = localhost; Device = FileStorage; Media Type = File }
Job { Name = backup-bareos-fd; Type = Backup; Level = Incremental; Client = bareos-fd; FileSet = SelfTest; Pool = Incremental; Storage = File; Messages = Standard }
Job { Name = RestoreFiles; Type = Restore; Client = bareos-fd; FileSet = SelfTest; Pool = Incremental; Storage = File; Messages = Standard; Where = /tmp/bareos-restores }
`;

export interface HarnessOptions {
  readonly api?: ApiMode;
  readonly acl?: Partial<Record<AclType, string[]>>;
  readonly config?: DirectorConfig;
}

let cachedConfig: DirectorConfig | undefined;
export function goldenConfig(): DirectorConfig {
  cachedConfig ??= parseDirectorConfigText(GOLDEN_CONFIG);
  return cachedConfig;
}

export function makeContext(line: string, catalog: Catalog, out: CommandOutput, options: HarnessOptions = {}): CommandContext {
  const session: SessionView = {
    id: 1, consoleName: options.acl ? 'restricted' : '*UserAgent*', userName: undefined, isDefaultConsole: !options.acl,
    acl: aclView(options.acl), remoteAddress: '127.0.0.1', connectedAt: new Date(), encryption: undefined, loginHandle: {},
  };
  const config = options.config ?? goldenConfig();
  return {
    args: parseCommandLine(line),
    out,
    session,
    control: { setApi: () => undefined, compact: false, endSession: () => undefined, settings: new Map() },
    director: {
      config, startedAt: new Date(), commands: () => [], sessions: () => [session],
      reload: async () => ({ ok: true, errors: [] }),
    },
    openCatalog: async () => catalog,
  };
}

export interface RunResult {
  readonly ok: boolean;
  readonly out: RecordingOutput;
  /** api 0: the text; api 2: the JSON document. */
  readonly text: string;
}

/** Finds the command by the first word (exact or prefix, as the registry does) and runs it. */
export async function runCommand(commands: readonly Command[], line: string, catalog: Catalog, options: HarnessOptions = {}): Promise<RunResult> {
  const out = new RecordingOutput(options.api ?? 0);
  const ctx = makeContext(line, catalog, out, options);
  const word = ctx.args.command.toLowerCase();
  const command = commands.find((c) => c.name === word) ?? commands.find((c) => c.name.startsWith(word));
  if (!command) throw new Error(`no command ${word}`);
  const ok = await command.run(ctx);
  return { ok, out, text: out.api === 2 ? out.document(ok) : out.text };
}
