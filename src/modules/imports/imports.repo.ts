/** Queries on imports (the uploaded file, progress, skipped rows) and the attribute definitions their columns map to. */
import { and, desc, eq, getTableColumns, lt, or, sql, type SQL } from "drizzle-orm";
import { tables, type Database } from "../../db/index.ts";
import type { ImportAttribute } from "./imports.header.ts";

/** An import row without its file (what progress reads need). */
export type ImportRow = Omit<typeof tables.imports.$inferSelect, "file">;

/** The counters and errors a batch moves forward. */
export type ImportProgress = Pick<ImportRow, "processed" | "created" | "updated" | "failed" | "errors">;

const { file: _file, ...withoutFile } = getTableColumns(tables.imports);

/**
 * Stores a new import with its file; its createdAt comes from the caller's clock (milliseconds, so cursors round-trip).
 * The file travels as base64 text decoded by the database: PGlite's bytea parameter path takes seconds for megabytes.
 */
export async function insertImport(db: Database, values: Omit<typeof tables.imports.$inferInsert, "file"> & { file: Buffer }): Promise<ImportRow> {
  const [row] = await db
    .insert(tables.imports)
    .values({ ...values, file: sql`decode(${values.file.toString("base64")}, 'base64')` })
    .returning(withoutFile);
  return row;
}

/** One import, without its file. */
export async function findImport(db: Database, id: string): Promise<ImportRow | undefined> {
  const [row] = await db.select(withoutFile).from(tables.imports).where(eq(tables.imports.id, id)).limit(1);
  return row;
}

/** The uploaded file of an import (null once the job finished with it). */
export async function readImportFile(db: Database, id: string): Promise<Buffer | null> {
  // As base64 text, for the reason insertImport gives.
  const [row] = await db
    .select({ file: sql<string | null>`encode(${tables.imports.file}, 'base64')` })
    .from(tables.imports)
    .where(eq(tables.imports.id, id))
    .limit(1);
  return row?.file ? Buffer.from(row.file, "base64") : null;
}

/** Imports newest first, after a keyset cursor. */
export async function listImportRows(db: Database, cursor: { at: string; id: string } | null, limit: number): Promise<ImportRow[]> {
  const i = tables.imports;
  const at = cursor ? new Date(cursor.at) : undefined;
  const where = cursor && at ? (or(lt(i.createdAt, at), and(eq(i.createdAt, at), lt(i.id, cursor.id))) as SQL) : undefined;
  return db.select(withoutFile).from(i).where(where).orderBy(desc(i.createdAt), desc(i.id)).limit(limit);
}

/** Marks a queued import running (true), or says it is not queued or running any more (false: nothing to do). */
export async function startImportRow(db: Database, id: string): Promise<boolean> {
  const i = tables.imports;
  const rows = await db
    .update(i)
    .set({ status: "running" })
    .where(and(eq(i.id, id), sql`${i.status} in ('queued', 'running')`))
    .returning({ id: i.id });
  return rows.length > 0;
}

/** Saves progress (in the batch's transaction, so a resumed job starts exactly after the last committed row). */
export async function saveImportProgress(db: Database, id: string, progress: ImportProgress): Promise<void> {
  await db.update(tables.imports).set(progress).where(eq(tables.imports.id, id));
}

/** Ends an import: completed or failed, its final figures and message, and the file dropped. */
export async function finishImportRow(
  db: Database,
  id: string,
  end: Partial<ImportProgress> & { status: "completed" | "failed"; total?: number; message?: string | null; finishedAt: Date },
): Promise<void> {
  await db
    .update(tables.imports)
    .set({ ...end, file: null })
    .where(eq(tables.imports.id, id));
}

/**
 * Refreshes the planner's statistics of the table an import fills. PGlite has no autovacuum, and even a server's
 * lags a bulk load: with the row count of an emptier table the planner walks the whole table for each batch's
 * lookups instead of using the email and phone indexes.
 */
export async function analyzeImportTable(db: Database, kind: "customers" | "companies"): Promise<void> {
  await db.execute(kind === "customers" ? sql`analyze ${tables.customers}` : sql`analyze ${tables.companies}`);
}

/** The custom attributes defined for customers or companies. */
export async function attributeDefinitionsOf(db: Database, entity: "customer" | "company"): Promise<ImportAttribute[]> {
  const a = tables.attributeDefinitions;
  return db.select({ key: a.key, label: a.label, type: a.type, options: a.options }).from(a).where(eq(a.entity, entity)).orderBy(a.createdAt, a.key);
}
