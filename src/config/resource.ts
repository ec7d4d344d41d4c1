import { normalizeKeyword, type BlockValue, type DirectiveNode, type ResourceNode, type ScalarValue, type SourcePos } from './ast.ts';
import {
  ConfigDuplicateDirectiveError, ConfigError, ConfigMissingDirectiveError, ConfigValueError,
} from './errors.ts';
import type { DirectiveSpec, DirectiveTable, ListenAddress, ResolvedDirectives } from './schema.ts';
import { parseBool, parseDuration, parseInteger, parseSize } from './values.ts';

/** Something worth telling the operator that does not stop the configuration from loading. */
export interface ConfigWarning {
  readonly code: string;
  readonly message: string;
  readonly pos?: SourcePos;
}

/** Collects problems so one run reports all of them, not only the first. */
export class Diagnostics {
  readonly errors: ConfigError[] = [];
  readonly warnings: ConfigWarning[] = [];

  error(err: ConfigError): void {
    this.errors.push(err);
  }

  warn(code: string, message: string, pos?: SourcePos): void {
    this.warnings.push(pos ? { code, message: `${pos.file}:${pos.line}:${pos.column}: ${message}`, pos } : { code, message });
  }
}

/** What every typed resource carries besides its values. */
export interface ResourceMeta {
  readonly node: ResourceNode;
  /** Directives Bareos defines that tsbareos keeps without reading (e.g. Working Directory). */
  readonly extras: readonly DirectiveNode[];
  /** Directives nobody defines for this resource type (reported as warnings). */
  readonly unknown: readonly DirectiveNode[];
  /** Where each set property was written (absent = default); inherited JobDefs values point there. */
  readonly positions: ReadonlyMap<string, SourcePos>;
}

export type TypedResource<T> = ResolvedDirectives<T> & ResourceMeta;

export interface ApplyOptions {
  /** Other directives Bareos accepts on this type: kept in `extras` silently. */
  readonly kept?: readonly string[];
  /** Warn about directives neither in the table nor in `kept` (typed resources); generic views do not. */
  readonly warnUnknown: boolean;
}

/** Bareos resource names: 1 to 127 characters from letters, digits and `:.-_ ` (IsNameValid). */
const VALID_NAME = /^[A-Za-z0-9:.\-_ ]{1,127}$/;

/** Reads one resource's directives through a table: conversion, repeats, defaults, required. */
export function applyTable<T extends DirectiveTable>(
  node: ResourceNode, table: T, options: ApplyOptions, diag: Diagnostics,
): TypedResource<T> {
  const lookup = keywordLookup(table);
  const kept = new Set((options.kept ?? []).map(normalizeKeyword));
  const values: Record<string, unknown> = {};
  const positions = new Map<string, SourcePos>();
  const extras: DirectiveNode[] = [];
  const unknown: DirectiveNode[] = [];
  // Written but unusable values were reported already; do not also call them missing.
  const written = new Set<string>();
  for (const directive of node.body) {
    const prop = lookup.get(directive.keyword);
    if (prop === undefined) {
      if (kept.has(directive.keyword)) extras.push(directive);
      else {
        unknown.push(directive);
        if (options.warnUnknown) diag.warn('W_UNKNOWN_DIRECTIVE', `unknown directive '${directive.key}' in ${node.type} resource (kept, not used)`, directive.pos);
      }
      continue;
    }
    const spec = table[prop] as DirectiveSpec;
    written.add(prop);
    storeDirective(values, positions, prop, spec, directive, diag);
  }
  applyDefaults(node, table, values, written, diag);
  return { ...values, node, extras, unknown, positions } as unknown as TypedResource<T>;
}

function keywordLookup(table: DirectiveTable): Map<string, string> {
  const map = new Map<string, string>();
  for (const [prop, spec] of Object.entries(table)) {
    for (const n of spec.names) map.set(normalizeKeyword(n), prop);
  }
  return map;
}

function isAccumulating(spec: DirectiveSpec): boolean {
  return spec.kind === 'list' || spec.kind === 'acl' || spec.kind === 'rawlist' || spec.kind === 'block' || spec.kind === 'addresses';
}

function storeDirective(
  values: Record<string, unknown>, positions: Map<string, SourcePos>, prop: string,
  spec: DirectiveSpec, directive: DirectiveNode, diag: Diagnostics,
): void {
  const earlier = positions.get(prop);
  if (earlier && !isAccumulating(spec)) {
    diag.error(new ConfigDuplicateDirectiveError(
      `'${directive.key}' is already set at line ${earlier.line}, column ${earlier.column}`, directive.pos));
    return;
  }
  const converted = convertValue(spec, directive, diag);
  if (converted === undefined) return;
  positions.set(prop, earlier ?? directive.pos);
  if (isAccumulating(spec)) {
    const list = (values[prop] as unknown[] | undefined) ?? [];
    values[prop] = [...list, ...(converted as unknown[])];
  } else values[prop] = converted;
}

function applyDefaults(
  node: ResourceNode, table: DirectiveTable, values: Record<string, unknown>, written: ReadonlySet<string>, diag: Diagnostics,
): void {
  for (const [prop, spec] of Object.entries(table)) {
    if (values[prop] !== undefined) continue;
    if (spec.required) {
      if (written.has(prop)) continue;
      diag.error(new ConfigMissingDirectiveError(`${node.type} resource lacks the required directive '${spec.names[0]}'`, node.pos));
    } else if (spec.default !== undefined) values[prop] = spec.default;
    else if (isAccumulating(spec)) values[prop] = [];
  }
}

/** The typed value of one occurrence, or undefined after reporting why it is unusable. */
function convertValue(spec: DirectiveSpec, directive: DirectiveNode, diag: Diagnostics): unknown {
  const { value } = directive;
  if (spec.kind === 'block' || spec.kind === 'addresses') {
    if (value.kind !== 'block') {
      diag.error(new ConfigValueError(`'${directive.key}' expects a { ... } block`, value.pos));
      return undefined;
    }
    return spec.kind === 'block' ? [value] : parseAddresses(directive.key, value, diag);
  }
  if (value.kind !== 'scalar') {
    diag.error(new ConfigValueError(`'${directive.key}' expects a value, not a { ... } block`, value.pos));
    return undefined;
  }
  return convertScalar(spec, directive.key, value, diag);
}

function convertScalar(spec: DirectiveSpec, key: string, value: ScalarValue, diag: Diagnostics): unknown {
  switch (spec.kind) {
    case 'list':
    case 'acl':
      return [...value.items];
    case 'rawlist':
      return [value.raw];
    case 'string':
    case 'password':
    case 'path':
      return value.items.join(', ');
    case 'name':
      return checked(VALID_NAME.test(value.items.join(', ')) && value.items.length === 1 ? value.items[0] : undefined,
        `'${key}' must be 1 to 127 letters, digits or ':.-_ ', got '${value.raw}'`, value, diag);
    default:
      return convertSingle(spec, key, value, diag);
  }
}

/** Kinds that take exactly one entry: bool, int, size, duration, enum. */
function convertSingle(spec: DirectiveSpec, key: string, value: ScalarValue, diag: Diagnostics): unknown {
  const [text] = value.items;
  if (value.items.length !== 1 || text === undefined) {
    diag.error(new ConfigValueError(`'${key}' takes one value, got ${value.items.length}`, value.pos));
    return undefined;
  }
  switch (spec.kind) {
    case 'bool': return checked(parseBool(text), `'${key}' expects yes/no/true/false/on/off, got '${text}'`, value, diag);
    case 'int': return checked(parseInteger(text), `'${key}' expects a non-negative integer, got '${text}'`, value, diag);
    case 'size': return checked(parseSize(text), `'${key}' expects a size such as 10 MB, got '${text}'`, value, diag);
    case 'duration': return checked(parseDuration(text), `'${key}' expects a time such as 60, 5 min or 1 day, got '${text}'`, value, diag);
    case 'enum': {
      const found = spec.values?.find((v) => v.toLowerCase() === text.toLowerCase());
      return checked(found, `'${key}' must be one of ${spec.values?.join(', ')}, got '${text}'`, value, diag);
    }
    default: return text;
  }
}

function checked<V>(v: V | undefined, message: string, value: ScalarValue, diag: Diagnostics): V | undefined {
  if (v === undefined) diag.error(new ConfigValueError(message, value.pos));
  return v;
}

const FAMILIES = new Set(['ip', 'ipv4', 'ipv6']);
const DEFAULT_DIR_PORT = 9101;

/** `DirAddresses = { ip = { addr = 127.0.0.1; port = 9101 } ipv6 = { addr = ::1 } }`. */
function parseAddresses(key: string, block: BlockValue, diag: Diagnostics): ListenAddress[] | undefined {
  const out: ListenAddress[] = [];
  for (const entry of block.body) {
    if (!FAMILIES.has(entry.keyword) || entry.value.kind !== 'block') {
      diag.error(new ConfigValueError(`'${key}' entries are ip|ipv4|ipv6 = { addr = ...; port = ... }, got '${entry.key}'`, entry.pos));
      return undefined;
    }
    const parsed = parseAddress(entry.keyword as ListenAddress['family'], entry.value, diag);
    if (!parsed) return undefined;
    out.push(parsed);
  }
  return out;
}

function parseAddress(family: ListenAddress['family'], block: BlockValue, diag: Diagnostics): ListenAddress | undefined {
  let addr = family === 'ipv6' ? '::' : '0.0.0.0';
  let port = DEFAULT_DIR_PORT;
  for (const item of block.body) {
    const text = item.value.kind === 'scalar' && item.value.items.length === 1 ? item.value.items[0] : undefined;
    if (text === undefined || (item.keyword !== 'addr' && item.keyword !== 'port')) {
      diag.error(new ConfigValueError(`expected 'addr = ...' or 'port = ...', got '${item.key}'`, item.pos));
      return undefined;
    }
    if (item.keyword === 'addr') addr = text;
    else {
      const n = parseInteger(text);
      if (n === undefined || n < 1 || n > 65535) {
        diag.error(new ConfigValueError(`port must be 1 to 65535, got '${text}'`, item.value.pos));
        return undefined;
      }
      port = n;
    }
  }
  return { family, addr, port };
}

/** The raw text of a directive as written (last occurrence), e.g. `5 min` for a duration. */
export function rawDirective(resource: { readonly node: ResourceNode }, name: string): string | undefined {
  const keyword = normalizeKeyword(name);
  let raw: string | undefined;
  for (const dnode of resource.node.body) {
    if (dnode.keyword === keyword && dnode.value.kind === 'scalar') raw = dnode.value.raw;
  }
  return raw;
}
