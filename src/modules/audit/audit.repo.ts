/** Queries on the audit log: append an entry, read a filtered page newest first. */
import { and, desc, eq, gte, lt, lte, type SQL } from "drizzle-orm";
import { tables, type Database } from "../../db/index.ts";

/** An audit log row. */
export type AuditRow = typeof tables.auditLog.$inferSelect;
/** A new audit entry. */
export type NewAuditRow = typeof tables.auditLog.$inferInsert;

/** Appends an entry. */
export async function insertAuditEntry(db: Database, entry: NewAuditRow): Promise<void> {
  await db.insert(tables.auditLog).values(entry);
}

/** What GET /api/v1/audit-log filters by. */
export type AuditFilter = { actorId?: string; action?: string; from?: Date; to?: Date; beforeId?: number };

/** A page of entries, newest first (`limit` rows at most). */
export async function listAuditEntries(db: Database, filter: AuditFilter, limit: number): Promise<AuditRow[]> {
  const a = tables.auditLog;
  const conditions: SQL[] = [];
  if (filter.actorId) conditions.push(eq(a.actorId, filter.actorId));
  if (filter.action) conditions.push(eq(a.action, filter.action));
  if (filter.from) conditions.push(gte(a.createdAt, filter.from));
  if (filter.to) conditions.push(lte(a.createdAt, filter.to));
  if (filter.beforeId !== undefined) conditions.push(lt(a.id, filter.beforeId));
  return db
    .select()
    .from(a)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(a.id))
    .limit(limit);
}
