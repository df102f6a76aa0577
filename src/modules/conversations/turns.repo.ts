/** Queries on the bot's owed answers and the per-conversation turn lease (columns owed_seq, answered_seq, turn_lease_*). */
import { and, asc, eq, gt, isNotNull, lte, sql } from "drizzle-orm";
import { tables, type Database } from "../../db/index.ts";
import { preparedOnce } from "../../db/prepared.ts";
import type { ConversationRow } from "./conversations.repo.ts";

const c = tables.conversations;
const p = sql.placeholder;
const leaseUntil = sql`now() + ${p("leaseMs")}::int * interval '1 millisecond'`;
const leaseFree = sql`(${c.turnLeaseUntil} is null or ${c.turnLeaseUntil} < now())`;

/**
 * Ends the turn of the customer message with seq `seq`: marks it answered, saves the bot's memory when it changed, and
 * in the same statement releases the lease when nothing newer is owed (read from the row as it is when the statement
 * writes it, so a message committed meanwhile keeps the lease with us). Undefined when the lease is no longer ours.
 */
export async function finishTurn(
  db: Database,
  values: { conversationId: string; token: string; seq: number; botState: ConversationRow["botState"] | null; leaseMs: number },
): Promise<ConversationRow | undefined> {
  const query = preparedOnce(db, "finish_turn", (name) => {
    const done = sql`${c.owedSeq} <= ${p("seq")}::bigint`;
    return db
      .update(c)
      .set({
        answeredSeq: sql`greatest(${c.answeredSeq}, ${p("seq")}::bigint)`,
        botState: sql`coalesce(${p("botState")}::jsonb, ${c.botState})`,
        turnLeaseOwner: sql`case when ${done} then null else ${c.turnLeaseOwner} end`,
        turnLeaseUntil: sql`case when ${done} then null else ${leaseUntil} end`,
      } as unknown as Partial<ConversationRow>)
      .where(and(eq(c.id, p("conversationId")), eq(c.turnLeaseOwner, p("token"))))
      .returning()
      .prepare(name);
  });
  const [row] = await query.execute({
    conversationId: values.conversationId,
    token: values.token,
    seq: values.seq,
    botState: values.botState === null ? null : JSON.stringify(values.botState),
    leaseMs: values.leaseMs,
  });
  return row;
}

/** Takes the turn lease of a conversation that owes an answer and that nobody holds (or whose holder let it expire). */
export async function takeTurnLease(db: Database, values: { conversationId: string; token: string; leaseMs: number }): Promise<ConversationRow | undefined> {
  const query = preparedOnce(db, "take_turn_lease", (name) =>
    db
      .update(c)
      .set({ turnLeaseOwner: sql`${p("token")}::uuid`, turnLeaseUntil: leaseUntil } as unknown as Partial<ConversationRow>)
      .where(and(eq(c.id, p("conversationId")), gt(c.owedSeq, c.answeredSeq), leaseFree))
      .returning()
      .prepare(name),
  );
  const [row] = await query.execute(values);
  return row;
}

/** The conversation and the ids of its customer messages still owed an answer, oldest first (at most `limit`), read together. */
export async function findOwedTurns(db: Database, conversationId: string, limit: number): Promise<{ conversation: ConversationRow; messageIds: string[] } | undefined> {
  const m = tables.messages;
  const [conversation] = await db.select().from(c).where(eq(c.id, conversationId)).limit(1);
  if (!conversation) return undefined;
  // Read after the conversation: a message owed later than that row is newer than its owed_seq and waits for the next round.
  const rows = await db
    .select({ id: m.id })
    .from(m)
    .where(and(eq(m.conversationId, conversationId), eq(m.senderType, "customer"), gt(m.seq, conversation.answeredSeq), lte(m.seq, conversation.owedSeq)))
    .orderBy(asc(m.seq))
    .limit(limit);
  return { conversation, messageIds: rows.map((r) => r.id) };
}

/** Extends a held lease; false when it is no longer ours. */
export async function renewTurnLease(db: Database, values: { conversationId: string; token: string; leaseMs: number }): Promise<boolean> {
  const rows = await db
    .update(c)
    .set({ turnLeaseUntil: sql`now() + ${values.leaseMs}::int * interval '1 millisecond'` } as unknown as Partial<ConversationRow>)
    .where(and(eq(c.id, values.conversationId), eq(c.turnLeaseOwner, values.token)))
    .returning({ id: c.id });
  return rows.length > 0;
}

/** Gives a held lease up (after a failed drain), so another node or the recoverer may take it at once. */
export async function releaseTurnLease(db: Database, values: { conversationId: string; token: string }): Promise<void> {
  await db
    .update(c)
    .set({ turnLeaseOwner: null, turnLeaseUntil: null })
    .where(and(eq(c.id, values.conversationId), eq(c.turnLeaseOwner, values.token)));
}

/** Drops every lease: only for a database no other process can reach (PGlite), where every holder died with the last run. */
export async function clearTurnLeases(db: Database): Promise<number> {
  const rows = await db.update(c).set({ turnLeaseOwner: null, turnLeaseUntil: null }).where(isNotNull(c.turnLeaseOwner)).returning({ id: c.id });
  return rows.length;
}

/** Conversations that owe an answer while nobody holds their lease: what a crash or a failed drain left. */
export async function findUnleasedOwedConversations(db: Database, limit: number): Promise<string[]> {
  const rows = await db
    .select({ id: c.id })
    .from(c)
    .where(and(gt(c.owedSeq, c.answeredSeq), leaseFree))
    .orderBy(asc(c.turnLeaseUntil))
    .limit(limit);
  return rows.map((r) => r.id);
}
