/**
 * Streams a catalog listing to the command output in one of the Bareos renderers (reference §0):
 * plain text in api 0/1, an array of string-valued records in api 2. Memory stays bounded: rows go
 * out batch by batch with a flush (backpressure) after each batch.
 */
import type { CommandOutput } from '../../../src/format/output.ts';
import type { Column, Listing, Row } from '../../../src/catalog/types.ts';
import { NO_RESULTS, tableBorder, tableRow, tableTop, tableWidths, maxLengthsOf } from '../../../src/format/table.ts';
import { verticalKeyWidth, verticalRow, keyValueRow } from '../../../src/format/vertical.ts';
import { rawRow } from '../../../src/format/raw.ts';
import { rowObject, type NullSpelling } from '../../../src/format/json.ts';
import type { FilterSet } from './filters.ts';

export type Renderer = 'table' | 'vertical' | 'raw' | 'keyvalue';

export interface EmitOptions {
  /** api 2 member holding the array. */
  readonly key: string;
  readonly renderer: Renderer;
  readonly filters?: FilterSet;
  /** Plain mode shows only these columns (`list log` hides all but the text). */
  readonly plainColumns?: readonly number[];
}

export interface EmitResult {
  /** Rows SQL returned. */
  readonly rows: number;
  readonly filtered: number;
}

export const BATCH = 256;

export async function emitListing(out: CommandOutput, listing: Listing, opts: EmitOptions): Promise<EmitResult> {
  if (out.api === 2) return emitJson(out, listing, opts);
  if (opts.renderer === 'table') return emitTable(out, listing, opts);
  return emitText(out, listing, opts);
}

async function emitJson(out: CommandOutput, listing: Listing, opts: EmitOptions): Promise<EmitResult> {
  const nullAs: NullSpelling = opts.renderer === 'raw' ? 'NULL' : '';
  let rows = 0;
  let filtered = 0;
  out.openArray(opts.key);
  try {
    for await (const batch of listing.batches(BATCH)) {
      for (const row of batch) {
        rows++;
        if (opts.filters && !opts.filters.shows(row)) filtered++;
        else out.pushItem(rowObject(listing.columns, row, nullAs));
      }
      await out.flush();
    }
  } finally {
    out.closeArray();
  }
  return { rows, filtered };
}

function visible(columns: readonly Column[], opts: EmitOptions): { columns: Column[]; pick: (row: Row) => Row } {
  const idx = opts.plainColumns;
  if (!idx) return { columns: [...columns], pick: (row) => row };
  return { columns: idx.map((i) => columns[i] as Column), pick: (row) => idx.map((i) => row[i] ?? null) };
}

/** Vertical, raw and key/value renderers: no widths needed, one pass. */
async function emitText(out: CommandOutput, listing: Listing, opts: EmitOptions): Promise<EmitResult> {
  const { columns, pick } = visible(listing.columns, opts);
  const keyWidth = verticalKeyWidth(columns);
  let rows = 0;
  let filtered = 0;
  for await (const batch of listing.batches(BATCH)) {
    let text = '';
    for (const row of batch) {
      rows++;
      if (opts.filters && !opts.filters.shows(row)) {
        filtered++;
        continue;
      }
      const shown = pick(row);
      if (opts.renderer === 'vertical') text += verticalRow(columns, shown, keyWidth);
      else if (opts.renderer === 'raw') text += rawRow(shown);
      else text += keyValueRow(columns, shown);
    }
    out.send(text);
    await out.flush();
  }
  if (rows === 0) out.send(NO_RESULTS);
  return { rows, filtered };
}

/**
 * Table widths need every row SQL returned (filtered ones included). Small results are measured from
 * their first batch; when there is more than one batch, the widths come from a database pass
 * (MAX(LENGTH(...))) and the stream is restarted, so a million rows are never held at once.
 */
async function emitTable(out: CommandOutput, listing: Listing, opts: EmitOptions): Promise<EmitResult> {
  const columns = listing.columns;
  const first = await firstBatch(listing);
  if (first.rows.length === 0) {
    out.send(NO_RESULTS);
    return { rows: 0, filtered: 0 };
  }
  const lengths = first.complete ? maxLengthsOf(columns, first.rows) : await listing.maxLengths();
  const widths = tableWidths(columns, lengths);
  out.send(tableTop(columns, widths));
  let rows = 0;
  let filtered = 0;
  const render = async (batch: readonly Row[]): Promise<void> => {
    let text = '';
    for (const row of batch) {
      rows++;
      if (opts.filters && !opts.filters.shows(row)) filtered++;
      else text += tableRow(columns, widths, row);
    }
    out.send(text);
    await out.flush();
  };
  if (first.complete) await render(first.rows);
  else for await (const batch of listing.batches(BATCH)) await render(batch);
  out.send(tableBorder(widths));
  return { rows, filtered };
}

async function firstBatch(listing: Listing): Promise<{ rows: readonly Row[]; complete: boolean }> {
  const iter = listing.batches(BATCH)[Symbol.asyncIterator]();
  try {
    const r = await iter.next();
    if (r.done) return { rows: [], complete: true };
    if (r.value.length < BATCH) return { rows: r.value, complete: true };
    const more = await iter.next();
    if (more.done) return { rows: r.value, complete: true };
    return { rows: r.value, complete: false };
  } finally {
    await iter.return?.();
  }
}

/** All rows of a small listing (one pool's volumes, a single record). */
export async function collect(listing: Listing): Promise<Row[]> {
  const rows: Row[] = [];
  for await (const batch of listing.batches(BATCH)) rows.push(...batch);
  return rows;
}
