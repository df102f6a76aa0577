/**
 * The byte-level checks of an uploaded CSV, made while it streams in: size, line length (a 10 MB line is refused as
 * soon as its 64 KB-and-first byte arrives, never handed to a parser), then encoding and emptiness at the end.
 */
import { isUtf8 } from "node:buffer";
import { AppError } from "../../errors.ts";

/** The largest file an import accepts. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
/** The longest line an import accepts (no real row is near it; a longer one is a broken or hostile file). */
export const MAX_LINE_BYTES = 64 * 1024;

/** A file that passed the byte-level checks: its bytes and how many of its lines hold something (header included). */
export type CsvIntakeResult = { bytes: Buffer; lines: number };

/** Collects an upload chunk by chunk; after a refusal it keeps nothing (the caller drains the rest of the request). */
export type CsvIntake = {
  /** Takes the next chunk; returns the refusal once there is one. */
  push(chunk: Buffer): AppError | undefined;
  /** The refusal, if any, so far. */
  readonly refusal: AppError | undefined;
  /** The checked file, or throws the refusal (413 PAYLOAD_TOO_LARGE or 400 CSV_INVALID). */
  finish(): CsvIntakeResult;
};

const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;
const BOM = "\uFEFF";

/** Starts the checks of one upload. */
export function createCsvIntake(limits: { maxBytes?: number; maxLineBytes?: number } = {}): CsvIntake {
  const maxBytes = limits.maxBytes ?? MAX_IMPORT_BYTES;
  const maxLineBytes = limits.maxLineBytes ?? MAX_LINE_BYTES;
  let chunks: Buffer[] = [];
  let size = 0;
  let lineBytes = 0;
  let lineNumber = 1;
  let lineHasContent = false;
  let contentLines = 0;
  let afterCr = false;
  let refusal: AppError | undefined;

  const refuse = (error: AppError): AppError => {
    refusal = error;
    chunks = [];
    return error;
  };

  return {
    get refusal() {
      return refusal;
    },
    push(chunk) {
      if (refusal) return refusal;
      size += chunk.length;
      if (size > maxBytes) return refuse(new AppError("PAYLOAD_TOO_LARGE", `The file is larger than ${maxBytes / 1024 / 1024} MB; split it into smaller files. Nothing was imported.`));
      // A byte loop rather than indexOf: a file may end its lines with LF, CRLF or (old spreadsheets) CR alone.
      for (let i = 0; i < chunk.length; i++) {
        const byte = chunk[i];
        if (byte === LF || byte === CR) {
          if (lineHasContent) contentLines++;
          // The LF of a CRLF ends the line its CR already ended.
          if (!(byte === LF && afterCr)) lineNumber++;
          afterCr = byte === CR;
          lineBytes = 0;
          lineHasContent = false;
          continue;
        }
        afterCr = false;
        lineBytes++;
        if (byte !== SPACE && byte !== TAB) lineHasContent = true;
        if (lineBytes > maxLineBytes) {
          return refuse(new AppError("CSV_INVALID", `Line ${lineNumber} is longer than ${maxLineBytes / 1024} KB. Nothing was imported.`));
        }
      }
      chunks.push(chunk);
      return undefined;
    },
    finish() {
      if (refusal) throw refusal;
      if (lineHasContent) contentLines++;
      const bytes = Buffer.concat(chunks, size);
      if (!isUtf8(bytes)) throw new AppError("CSV_INVALID", "The file is not UTF-8; save it as CSV UTF-8 and upload it again. Nothing was imported.");
      // A lone byte-order mark is no content (only a file of at most one line can be that).
      const blank = contentLines === 0 || (contentLines === 1 && bytes.toString("utf8").replace(BOM, "").trim() === "");
      if (blank) {
        throw new AppError("CSV_INVALID", "The file is empty. Nothing was imported.");
      }
      return { bytes, lines: contentLines };
    },
  };
}
