/** Queries on widget visitors. */
import { and, eq, lt, or, sql } from "drizzle-orm";
import { tables, type Database } from "../../db/index.ts";

/** A visitor row. */
export type VisitorRow = typeof tables.visitors.$inferSelect;

/** Finds the visitor whose current or previous token has this hash. */
export async function findVisitorByTokenHash(db: Database, hash: string): Promise<VisitorRow | undefined> {
  const v = tables.visitors;
  const [row] = await db
    .select()
    .from(v)
    .where(or(eq(v.tokenHash, hash), eq(v.previousTokenHash, hash)))
    .limit(1);
  return row;
}

/** Creates a visitor. */
export async function insertVisitor(db: Database, values: { inboxId: string; tokenHash: string; customerId: string | null; at: Date }): Promise<VisitorRow> {
  const [row] = await db
    .insert(tables.visitors)
    .values({ inboxId: values.inboxId, tokenHash: values.tokenHash, customerId: values.customerId, createdAt: values.at, lastSeenAt: values.at, rotatedAt: values.at })
    .returning();
  return row;
}

/**
 * Gives a visitor a new token; the current one becomes the previous, valid until `previousValidUntil`. Applies only
 * while the current token is still `currentHash`, so two connections rotating at once cannot both win (false then).
 */
export async function rotateVisitorToken(
  db: Database,
  id: string,
  change: { currentHash: string; newHash: string; previousValidUntil: Date; at: Date; customerId: string | null },
): Promise<boolean> {
  const v = tables.visitors;
  const rows = await db
    .update(v)
    .set({
      previousTokenHash: change.currentHash,
      previousValidUntil: change.previousValidUntil,
      tokenHash: change.newHash,
      rotatedAt: change.at,
      lastSeenAt: change.at,
      customerId: change.customerId,
    })
    .where(and(eq(v.id, id), eq(v.tokenHash, change.currentHash)))
    .returning({ id: v.id });
  return rows.length > 0;
}

/** Records that the visitor came back (only when last seen before `staleBefore`, so reconnects write nothing), and binds a verified customer. */
export async function touchVisitor(db: Database, id: string, change: { at: Date; staleBefore: Date; customerId: string | null }): Promise<void> {
  const v = tables.visitors;
  await db
    .update(v)
    .set({ lastSeenAt: change.at, customerId: change.customerId })
    .where(and(eq(v.id, id), lt(v.lastSeenAt, change.staleBefore)));
}

/** Binds a verified customer to a visitor (the first verified connect of an anonymous visitor). */
export async function setVisitorCustomer(db: Database, id: string, customerId: string): Promise<void> {
  await db.update(tables.visitors).set({ customerId }).where(eq(tables.visitors.id, id));
}

/**
 * Deletes up to `limit` visitors last seen before `before` that never became anything: no verified customer and no
 * conversation (an anonymous visitor's conversation is addressed `<inbox>:<visitor id>`). Returns how many went.
 */
export async function deleteIdleVisitors(db: Database, before: Date, limit: number): Promise<number> {
  const v = tables.visitors;
  const c = tables.conversations;
  const result = (await db.execute(sql`
    delete from ${v} where ${v.id} in (
      select ${v.id} from ${v}
      where ${v.lastSeenAt} < ${before.toISOString()}::timestamptz and ${v.customerId} is null
        and not exists (select 1 from ${c} where ${c.channel} = 'web' and ${c.externalId} = ${v.inboxId} || ':' || ${v.id}::text)
      limit ${limit})`)) as unknown as { affectedRows?: number; rowCount?: number | null };
  return result.affectedRows ?? result.rowCount ?? 0;
}
