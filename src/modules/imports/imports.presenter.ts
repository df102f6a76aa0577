/** Import row → DTO. */
import type { ImportDTO } from "../../contracts/crm.ts";
import type { ImportRow } from "./imports.repo.ts";

/** Presents an import's progress and the rows it skipped. */
export function presentImport(row: ImportRow): ImportDTO {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    filename: row.filename,
    total: row.total,
    processed: row.processed,
    created: row.created,
    updated: row.updated,
    failed: row.failed,
    errors: row.errors,
    message: row.message,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}
