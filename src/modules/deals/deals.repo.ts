/** Queries on deals and their stage history. */
import { and, asc, desc, eq, isNull, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { tables, type Database } from "../../db/index.ts";
import type { StageRow } from "./stages.repo.ts";

/** A deal row. */
export type DealRow = typeof tables.deals.$inferSelect;

/** A deal with what its DTO shows: the stage, customer, company and owner. */
export type DealView = {
  deal: DealRow;
  stage: StageRow;
  customer: { id: string; name: string | null; email: string | null } | null;
  company: { id: string; name: string; domain: string | null } | null;
  owner: { id: string; name: string } | null;
};

/** Who moved a deal, as stored on its stage changes. */
export type ChangeActor = { actorType: "user" | "api_key" | "system"; actorId: string | null; actorName: string | null };

/** The list's filters: stage, customer, conversation, owner (null: unowned), status, and an agent's visibility. */
export type DealFilter = {
  ownerId?: string;
  stageId?: string;
  customerId?: string;
  conversationId?: string;
  status?: "open" | "won" | "lost";
  /**
   * Only deals this user owns or nobody owns (an agent's view), and with `onTheirConversations` also those linked to a
   * conversation whose unresolved ticket (the newest) is assigned to the user.
   */
  visibleTo?: { userId: string; onTheirConversations: boolean };
};

const d = tables.deals;
const st = tables.dealStages;
const cu = tables.customers;
const co = tables.companies;
const us = tables.users;

function viewQuery(db: Database) {
  return db
    .select({
      deal: d,
      stage: st,
      customer: { id: cu.id, name: cu.name, email: cu.email },
      company: { id: co.id, name: co.name, domain: co.domain },
      owner: { id: us.id, name: us.name },
    })
    .from(d)
    .innerJoin(st, eq(st.id, d.stageId))
    .leftJoin(cu, eq(cu.id, d.customerId))
    .leftJoin(co, eq(co.id, d.companyId))
    .leftJoin(us, eq(us.id, d.ownerId));
}

/** One deal with its stage, customer, company and owner. */
export async function findDealView(db: Database, id: string): Promise<DealView | undefined> {
  const [row] = await viewQuery(db).where(eq(d.id, id)).limit(1);
  return row;
}

const tk = tables.tickets;

// The same "whose conversation" as the policy's conversationScope: the assignee of its newest unresolved ticket.
function visibleToCondition(visible: NonNullable<DealFilter["visibleTo"]>): SQL {
  const mine = [eq(d.ownerId, visible.userId), isNull(d.ownerId)];
  if (visible.onTheirConversations) {
    mine.push(sql`(select ${tk.assigneeId} from ${tk} where ${tk.conversationId} = ${d.conversationId} and ${tk.status} <> 'resolved'
      order by ${tk.createdAt} desc limit 1) = ${visible.userId}::uuid`);
  }
  return or(...mine) as SQL;
}

/** Deals newest first after the cursor, filtered. */
export async function listDealViews(db: Database, filter: DealFilter, cursor: { at: string; id: string } | null, limit: number): Promise<DealView[]> {
  const conditions: SQL[] = [];
  if (filter.ownerId) conditions.push(eq(d.ownerId, filter.ownerId));
  if (filter.stageId) conditions.push(eq(d.stageId, filter.stageId));
  if (filter.customerId) conditions.push(eq(d.customerId, filter.customerId));
  if (filter.conversationId) conditions.push(eq(d.conversationId, filter.conversationId));
  if (filter.status) conditions.push(eq(st.outcome, filter.status));
  if (filter.visibleTo) conditions.push(visibleToCondition(filter.visibleTo));
  if (cursor) conditions.push(sql`(${d.createdAt}, ${d.id}) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)`);
  return viewQuery(db)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(d.createdAt), desc(d.id))
    .limit(limit);
}

/** The deal row, locked for the rest of the transaction. */
export async function lockDeal(tx: Database, id: string): Promise<DealRow | undefined> {
  const [row] = await tx.select().from(d).where(eq(d.id, id)).for("update");
  return row;
}

/** Inserts a deal; undefined when it is a second chat lead for the same conversation (deals_chat_lead_uq). */
export async function insertDeal(tx: Database, values: typeof tables.deals.$inferInsert): Promise<DealRow | undefined> {
  const [row] = await tx
    .insert(d)
    .values(values)
    .onConflictDoNothing({ target: d.conversationId, where: sql`${d.source} = 'chat'` })
    .returning();
  return row;
}

/** Applies a change to a deal. */
export async function updateDealRow(tx: Database, id: string, patch: Partial<typeof tables.deals.$inferInsert>): Promise<void> {
  await tx.update(d).set(patch).where(eq(d.id, id));
}

/** Deletes a deal (its history goes with it); false when there was none. */
export async function deleteDealRow(db: Database, id: string): Promise<boolean> {
  const rows = await db.delete(d).where(eq(d.id, id)).returning({ id: d.id });
  return rows.length > 0;
}

/** Records that a deal entered a stage. */
export async function insertStageChange(tx: Database, change: { dealId: string; fromStageId: string | null; toStageId: string; at: Date } & ChangeActor): Promise<void> {
  await tx.insert(tables.dealStageChanges).values({
    dealId: change.dealId,
    fromStageId: change.fromStageId,
    toStageId: change.toStageId,
    actorType: change.actorType,
    actorId: change.actorId,
    actorName: change.actorName,
    createdAt: change.at,
  });
}

const fromStage = alias(st, "from_stage");

/** A deal's stage changes, oldest first, with both stages. */
export async function listStageChanges(db: Database, dealId: string) {
  const c = tables.dealStageChanges;
  return db
    .select({ change: c, from: fromStage, to: st })
    .from(c)
    .innerJoin(st, eq(st.id, c.toStageId))
    .leftJoin(fromStage, eq(fromStage.id, c.fromStageId))
    .where(eq(c.dealId, dealId))
    .orderBy(asc(c.createdAt), asc(c.id));
}

/** One stage change with both stages, as listStageChanges returns it. */
export type StageChangeView = Awaited<ReturnType<typeof listStageChanges>>[number];
