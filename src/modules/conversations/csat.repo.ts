/** Queries of the CSAT surveys (csat_responses): one row per conversation, asked on resolution, answered once. */
import { and, eq, gte, isNull, sql } from "drizzle-orm";
import { tables, type Database } from "../../db/index.ts";

/** A stored survey. */
export type CsatRow = typeof tables.csatResponses.$inferSelect;

/**
 * Records that the customer was asked at `at`; asking again a conversation whose survey is pending moves its time on.
 * Returns false when the survey was answered already (the customer is not asked twice).
 */
export async function upsertCsatRequest(db: Database, conversationId: string, at: Date): Promise<boolean> {
  const t = tables.csatResponses;
  const rows = await db
    .insert(t)
    .values({ conversationId, requestedAt: at })
    .onConflictDoUpdate({ target: t.conversationId, set: { requestedAt: at }, setWhere: isNull(t.score) })
    .returning({ id: t.conversationId });
  return rows.length > 0;
}

/** Stores the answer when the survey is pending; undefined when there is none or it was answered already. */
export async function answerCsat(
  db: Database,
  conversationId: string,
  answer: { score: number; comment: string | null; via: "widget" | "reply"; at: Date },
): Promise<CsatRow | undefined> {
  const t = tables.csatResponses;
  const [row] = await db
    .update(t)
    .set({ score: answer.score, comment: answer.comment, via: answer.via, respondedAt: answer.at })
    .where(and(eq(t.conversationId, conversationId), isNull(t.score)))
    .returning();
  return row;
}

/** The conversation's survey, if it was ever asked. */
export async function findCsat(db: Database, conversationId: string): Promise<CsatRow | undefined> {
  const [row] = await db.select().from(tables.csatResponses).where(eq(tables.csatResponses.conversationId, conversationId));
  return row;
}

/** Whether the conversation's survey is pending and was asked at or after `since`. */
export async function csatPendingSince(db: Database, conversationId: string, since: Date): Promise<boolean> {
  const t = tables.csatResponses;
  const [row] = await db
    .select({ one: sql<number>`1` })
    .from(t)
    .where(and(eq(t.conversationId, conversationId), isNull(t.score), gte(t.requestedAt, since)));
  return row !== undefined;
}
