/**
 * The records of an uploaded CSV in file order (csv-parse, fed in slices so memory holds a few batches, not the file's
 * million rows), each with the line it starts on; a record the parser cannot read (a quote never closed …) comes
 * as a skipped row with the reason, and parsing goes on after it.
 */
import { Readable } from "node:stream";
import { parse, type CsvError, type Info } from "csv-parse";

/** A data row of the file (the header is left out), or one the parser had to skip. */
export type ParsedItem = { row: number; record: string[] } | { row: number; skipped: string };

/** The longest record (several lines when a quoted cell spans them) before the parser gives up on it. */
const MAX_RECORD_BYTES = 1024 * 1024;
const SLICE_BYTES = 64 * 1024;

const REASONS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted cell is never closed (a " is missing); the rest of the file was read as that cell',
  CSV_MAX_RECORD_SIZE: 'the row is longer than 1 MB: a quoted cell is probably never closed (a " is missing)',
  CSV_INVALID_CLOSING_QUOTE: 'text follows the quote that closes a cell (write "" for a quote inside a quoted cell)',
};

function* slices(bytes: Buffer): Generator<Buffer> {
  for (let offset = 0; offset < bytes.length; offset += SLICE_BYTES) yield bytes.subarray(offset, offset + SLICE_BYTES);
}

function parser() {
  return parse({
    bom: true,
    skip_empty_lines: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_records_with_error: true,
    max_record_size: MAX_RECORD_BYTES,
    info: true,
  });
}

/** Every data row of the file, in order. */
export async function* parseRows(bytes: Buffer): AsyncGenerator<ParsedItem> {
  const csv = parser();
  // The parser reports skipped records as events, ahead of the records the loop below has read: they wait here
  // and go out in line order.
  const skipped: { line: number; reason: string }[] = [];
  csv.on("skip", (error: CsvError & { lines?: number }) => skipped.push({ line: error.lines ?? 0, reason: REASONS[error.code] ?? error.message }));
  Readable.from(slices(bytes), { objectMode: false }).pipe(csv);
  let header = true;
  let lastLine = 0;
  let lastEmpty = 0;
  const pendingSkips = function* (beforeLine: number): Generator<ParsedItem> {
    while (skipped.length > 0 && skipped[0].line < beforeLine) {
      const skip = skipped.shift()!;
      yield { row: lastLine + 1, skipped: skip.reason };
      lastLine = skip.line;
    }
  };
  for await (const { record, info } of csv as AsyncIterable<{ record: string[]; info: Info }>) {
    yield* pendingSkips(info.lines);
    const row = lastLine + 1 + (info.empty_lines - lastEmpty);
    lastLine = info.lines;
    lastEmpty = info.empty_lines;
    if (header) {
      header = false;
      continue;
    }
    yield { row, record };
  }
  yield* pendingSkips(Number.POSITIVE_INFINITY);
}

/** How many data rows the file has (for the row limit, when its line count alone says it may be past it). */
export async function countRows(bytes: Buffer): Promise<number> {
  let count = 0;
  for await (const _item of parseRows(bytes)) count++;
  return count;
}
