/**
 * The import job: reads the stored file in batches of BATCH_ROWS, writes each batch and the import's progress in one
 * transaction (a batch is all in or all out, and a job resumed after a crash starts after the last committed row),
 * then marks the import completed and drops the file.
 */
import { AppError } from "../../errors.ts";
import { childLogger } from "../../logger.ts";
import type { ActorRef } from "../customers/index.ts";
import type { ServiceDeps } from "../deps.ts";
import { batchWriter, type BatchWriter } from "./imports.batches.ts";
import { readHeader } from "./imports.header.ts";
import { parseRows, type ParsedItem } from "./imports.parse.ts";
import { analyzeImportTable, attributeDefinitionsOf, finishImportRow, findImport, readImportFile, saveImportProgress, startImportRow, type ImportProgress } from "./imports.repo.ts";

const log = childLogger("imports");

/** Name of the bull job that runs an import. */
export const IMPORT_JOB = "import.run";

/** The job's payload: the import, and who started it (the actor of the timeline events). */
export type ImportJobPayload = { importId: string; actor: ActorRef };

/** Rows written per transaction (and so the step of the progress figures). */
export const BATCH_ROWS = 1000;
/** Row errors an import keeps (every failed row is counted in `failed`). */
export const MAX_STORED_ERRORS = 1000;

/** Runs an import to its end (the job's perform); an import already finished is left alone. */
export async function runImport(deps: ServiceDeps, payload: ImportJobPayload): Promise<void> {
  const { importId } = payload;
  const found = await findImport(deps.db, importId);
  if (!found || !(await startImportRow(deps.db, importId))) return;
  const progress: ImportProgress = { processed: found.processed, created: found.created, updated: found.updated, failed: found.failed, errors: found.errors };
  try {
    const file = await readImportFile(deps.db, importId);
    if (!file) throw new AppError("CSV_INVALID", "The uploaded file is no longer stored; upload it again.");
    // The attribute definitions are read again: one deleted since the upload makes its column unknown.
    const definitions = await attributeDefinitionsOf(deps.db, found.kind === "customers" ? "customer" : "company");
    const writer = batchWriter(found.kind, readHeader(file, found.kind, definitions));
    let batch: ParsedItem[] = [];
    let seen = 0;
    let batches = 0;
    const saveAndCount = async (): Promise<void> => {
      // Statistics as the table grows: before the first batch, then each time the import's share of it doubles.
      if ((batches & (batches - 1)) === 0) await analyzeImportTable(deps.db, found.kind);
      batches++;
      Object.assign(progress, await saveBatch(deps, importId, payload, writer, batch, progress));
      batch = [];
    };
    for await (const item of parseRows(file)) {
      // A resumed job: these rows were committed before the crash.
      if (++seen <= found.processed) {
        writer.remember(item);
        continue;
      }
      batch.push(item);
      if (batch.length >= BATCH_ROWS) await saveAndCount();
    }
    if (batch.length > 0) await saveAndCount();
    await finishImportRow(deps.db, importId, { ...progress, status: "completed", total: progress.processed, finishedAt: deps.now() });
  } catch (error) {
    if (!(error instanceof AppError)) log.error({ err: error, importId }, "import failed");
    const reason = error instanceof Error ? error.message : String(error);
    const message = error instanceof AppError ? reason : `The import stopped after ${progress.processed} rows (${reason}); the rows before it were imported.`;
    await finishImportRow(deps.db, importId, { status: "failed", message, finishedAt: deps.now() });
  }
}

/** Writes one batch and the import's new figures in one transaction, and returns the figures. */
async function saveBatch(
  deps: ServiceDeps,
  importId: string,
  payload: ImportJobPayload,
  writer: BatchWriter,
  items: ParsedItem[],
  progress: ImportProgress,
): Promise<ImportProgress> {
  // Reading and checking the cells is CPU work: done before the transaction, which (on PGlite) holds other queries back.
  const prepared = writer.prepare(items);
  return deps.db.transaction(async (tx) => {
    const written = await writer.write(tx, prepared, { importId, actor: payload.actor, now: deps.now() });
    const next: ImportProgress = {
      processed: progress.processed + items.length,
      created: progress.created + written.created,
      updated: progress.updated + written.updated,
      failed: progress.failed + written.failedRows,
      errors: progress.errors.length >= MAX_STORED_ERRORS ? progress.errors : [...progress.errors, ...written.errors].slice(0, MAX_STORED_ERRORS),
    };
    await saveImportProgress(tx, importId, next);
    return next;
  });
}
