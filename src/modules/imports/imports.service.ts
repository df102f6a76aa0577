/** Import use cases: accept a checked CSV and queue its job, read an import's progress, list recent imports. */
import { AppError } from "../../errors.ts";
import { actorRef } from "../customers/index.ts";
import type { ServiceDeps } from "../deps.ts";
import type { Actor } from "../policy/index.ts";
import type { CsvIntakeResult } from "./csv-intake.ts";
import { readHeader, type ImportKind } from "./imports.header.ts";
import { countRows } from "./imports.parse.ts";
import { attributeDefinitionsOf, findImport, insertImport, listImportRows, type ImportRow } from "./imports.repo.ts";
import { IMPORT_JOB, type ImportJobPayload } from "./imports.runner.ts";

/** The most data rows one import takes. */
export const MAX_IMPORT_ROWS = 1_000_000;

/** An upload that passed the byte-level checks, with what it imports. */
export type ImportUpload = CsvIntakeResult & { kind: ImportKind; filename: string | null };

/**
 * Checks the header (and the row count) of an uploaded file, stores it and queues its job: a refusal (400
 * CSV_INVALID) stores nothing and queues nothing. Answers at once; the job does the rows.
 */
export async function startImport(deps: ServiceDeps, actor: Actor, upload: ImportUpload): Promise<ImportRow> {
  const definitions = await attributeDefinitionsOf(deps.db, upload.kind === "customers" ? "customer" : "company");
  readHeader(upload.bytes, upload.kind, definitions);
  // Lines holding something, minus the header: the rows, unless quoted cells span lines (only possible with a quote
  // in the file; then parsing settles it).
  const estimate = upload.lines - 1;
  if (estimate === 0) throw new AppError("CSV_INVALID", "The file has a header row but no rows. Nothing was imported.");
  const tooMany = estimate > MAX_IMPORT_ROWS && (!upload.bytes.includes(0x22) || (await countRows(upload.bytes)) > MAX_IMPORT_ROWS);
  if (tooMany) {
    throw new AppError("CSV_INVALID", `The file has more than ${MAX_IMPORT_ROWS.toLocaleString("en")} rows; split it into smaller files. Nothing was imported.`);
  }
  const row = await insertImport(deps.db, {
    kind: upload.kind,
    filename: upload.filename,
    file: upload.bytes,
    total: Math.min(estimate, MAX_IMPORT_ROWS),
    createdBy: actor.id,
    createdAt: deps.now(),
  });
  const payload: ImportJobPayload = { importId: row.id, actor: actorRef(actor) };
  await deps.queue.enqueue(IMPORT_JOB, payload, { jobId: row.id });
  return row;
}

/** One import's progress (404 IMPORT_NOT_FOUND). */
export async function getImport(deps: Pick<ServiceDeps, "db">, id: string): Promise<ImportRow> {
  const row = await findImport(deps.db, id);
  if (!row) throw new AppError("IMPORT_NOT_FOUND");
  return row;
}

/** Recent imports, newest first, one page (fetch limit + 1 to know whether another page follows). */
export async function listImports(deps: Pick<ServiceDeps, "db">, cursor: { at: string; id: string } | null, limit: number): Promise<ImportRow[]> {
  return listImportRows(deps.db, cursor, limit);
}
