/**
 * The api 2 reply document, built so that a huge array member can be streamed: members are kept as
 * values until an array grows past a threshold, then the document head is written out and items
 * follow one by one. Layout matches JSON.stringify (compact) or JSON.stringify(v, null, 2).
 */
import type { JsonValue, RangeMeta } from '../../src/format/output.ts';

/** Below this many bytes of pending items the reply stays in memory (so it can still become an error). */
export const STREAM_THRESHOLD_BYTES = 256 * 1024;

export class JsonReplyBuilder {
  private readonly members: Array<[string, JsonValue]> = [];
  private openKey: string | undefined;
  private openItems: JsonValue[] = [];
  private pendingBytes = 0;
  private streaming = false;
  private streamedFirstItem = false;
  private range: RangeMeta | undefined;

  constructor(private readonly compact: boolean, private readonly write: (text: string) => void) {}

  get isStreaming(): boolean {
    return this.streaming;
  }

  set(key: string, value: JsonValue): void {
    if (this.streaming) {
      this.write(this.memberText(key, value));
      return;
    }
    const at = this.members.findIndex(([k]) => k === key);
    if (at >= 0) this.members[at] = [key, value];
    else this.members.push([key, value]);
  }

  openArray(key: string): void {
    this.closeArray();
    this.openKey = key;
    this.openItems = [];
    this.pendingBytes = 0;
  }

  /** Returns true when the caller must commit (send CMD_OK) because streaming is about to start. */
  push(item: JsonValue): 'buffered' | 'start-streaming' | 'streamed' {
    if (this.streaming) {
      this.write(this.itemText(item));
      return 'streamed';
    }
    this.openItems.push(item);
    this.pendingBytes += approximateSize(item);
    return this.pendingBytes > STREAM_THRESHOLD_BYTES ? 'start-streaming' : 'buffered';
  }

  /** Write the document head and the items so far; from now on everything is written directly. */
  startStreaming(): void {
    if (this.streaming || this.openKey === undefined) return;
    this.streaming = true;
    const result = Object.fromEntries([...this.members, [this.openKey, SENTINEL]]) as Record<string, JsonValue>;
    const head = stringify({ jsonrpc: '2.0', id: null, result }, this.compact);
    const cut = head.indexOf(JSON.stringify(SENTINEL));
    this.write(`${head.slice(0, cut)}[`);
    const items = this.openItems;
    this.openItems = [];
    for (const item of items) this.write(this.itemText(item));
  }

  closeArray(): void {
    if (this.openKey === undefined) return;
    if (this.streaming) {
      this.write(this.streamedFirstItem && !this.compact ? `${this.newline(2)}]` : ']');
    } else {
      this.members.push([this.openKey, this.openItems]);
      this.openItems = [];
    }
    this.openKey = undefined;
  }

  setRange(range: RangeMeta): void {
    this.range = range;
  }

  /** The finished document (or, when streaming, its tail). */
  finish(success: boolean, messages: Record<string, string[]>): void {
    this.closeArray();
    const meta = this.range ? { range: rangeJson(this.range) } : undefined;
    if (this.streaming) {
      if (meta && success) this.write(this.memberText('meta', meta));
      this.write(this.compact ? '}}' : '\n  }\n}');
      return;
    }
    const result = Object.fromEntries(this.members) as Record<string, JsonValue>;
    if (success) {
      if (meta) result['meta'] = meta;
      this.write(stringify({ jsonrpc: '2.0', id: null, result }, this.compact));
    } else {
      const data: Record<string, JsonValue> = { result, messages };
      this.write(stringify({ jsonrpc: '2.0', id: null, error: { code: 1, message: 'failed', data } }, this.compact));
    }
  }

  private itemText(item: JsonValue): string {
    const first = !this.streamedFirstItem;
    this.streamedFirstItem = true;
    if (this.compact) return `${first ? '' : ','}${JSON.stringify(item)}`;
    return `${first ? '' : ','}${this.newline(3)}${indent(JSON.stringify(item, null, 2), 6)}`;
  }

  private memberText(key: string, value: JsonValue): string {
    if (this.compact) return `,${JSON.stringify(key)}:${JSON.stringify(value)}`;
    return `,${this.newline(2)}${JSON.stringify(key)}: ${indent(JSON.stringify(value, null, 2), 4)}`;
  }

  private newline(depth: number): string {
    return `\n${'  '.repeat(depth)}`;
  }
}

const SENTINEL = '\u0000tsbareos-stream\u0000';

function stringify(value: JsonValue, compact: boolean): string {
  return compact ? JSON.stringify(value) : JSON.stringify(value, null, 2);
}

/** Re-indent a JSON.stringify(…, 2) block so it nests `by` spaces deeper (first line excluded). */
function indent(text: string, by: number): string {
  return text.replace(/\n/g, `\n${' '.repeat(by)}`);
}

function rangeJson(range: RangeMeta): JsonValue {
  const out: Record<string, JsonValue> = {};
  if (range.limit !== undefined) {
    out['limit'] = range.limit;
    out['offset'] = range.offset ?? 0;
  }
  out['filtered'] = range.filtered;
  return out;
}

function approximateSize(value: JsonValue): number {
  if (typeof value === 'string') return value.length + 2;
  if (value === null || typeof value !== 'object') return 8;
  let size = 2;
  if (Array.isArray(value)) for (const v of value) size += approximateSize(v) + 1;
  else for (const [k, v] of Object.entries(value)) size += k.length + 4 + approximateSize(v);
  return size;
}
