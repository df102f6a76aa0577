/** Queries on campaigns, their sends and the customers who opted out. */
import { and, asc, desc, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { tables, type Database } from "../../db/index.ts";
import { preparedOnce } from "../../db/prepared.ts";
import type { CampaignSendStatus } from "../../db/schema/campaigns.ts";

/** A campaign row. */
export type CampaignRow = typeof tables.campaigns.$inferSelect;

/** A send row. */
export type CampaignSendRow = typeof tables.campaignSends.$inferSelect;

const cp = tables.campaigns;
const cs = tables.campaignSends;
const oo = tables.campaignOptOuts;

/** Inserts a campaign. */
export async function insertCampaign(db: Database, values: typeof tables.campaigns.$inferInsert): Promise<CampaignRow> {
  const [row] = await db.insert(cp).values(values).returning();
  return row!;
}

/** One campaign. */
export async function findCampaign(db: Database, id: string): Promise<CampaignRow | undefined> {
  const [row] = await db.select().from(cp).where(eq(cp.id, id)).limit(1);
  return row;
}

/** Campaigns newest first, after the cursor. */
export async function listCampaignRows(db: Database, cursor: { at: string; id: string } | null, limit: number): Promise<CampaignRow[]> {
  const after = cursor ? or(lt(cp.createdAt, new Date(cursor.at)), and(eq(cp.createdAt, new Date(cursor.at)), lt(cp.id, cursor.id))) : undefined;
  return db.select().from(cp).where(after).orderBy(desc(cp.createdAt), desc(cp.id)).limit(limit);
}

/** Moves a campaign from one of `from` to a new status (with the other changes); undefined when it was in none of them. */
export async function moveCampaign(
  db: Database,
  id: string,
  from: CampaignRow["status"][],
  patch: Partial<Pick<CampaignRow, "status" | "startedAt" | "completedAt" | "audienceSize">> & { updatedAt: Date },
): Promise<CampaignRow | undefined> {
  const [row] = await db.update(cp).set(patch).where(and(eq(cp.id, id), inArray(cp.status, from))).returning();
  return row;
}

/** Records the audience's size the first time it is resolved. */
export async function setAudienceSize(db: Database, id: string, size: number): Promise<void> {
  await db.update(cp).set({ audienceSize: size }).where(and(eq(cp.id, id), isNull(cp.audienceSize)));
}

/** The customers among `ids` who opted out. */
export async function optedOutAmong(db: Database, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.select({ id: oo.customerId }).from(oo).where(inArray(oo.customerId, ids));
  return new Set(rows.map((r) => r.id));
}

/** The number of each customer's latest order (by when it was placed). */
export async function lastOrderNumbers(db: Database, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const o = tables.orders;
  const rows = await db
    .selectDistinctOn([o.customerId], { customerId: o.customerId, number: o.number })
    .from(o)
    .where(inArray(o.customerId, ids))
    .orderBy(o.customerId, desc(o.placedAt), desc(o.id));
  return new Map(rows.filter((r) => r.customerId).map((r) => [r.customerId!, r.number]));
}

/** Adds sends; a customer the campaign already has keeps their first one (the unique index decides). Returns how many were new. */
export async function insertSends(db: Database, rows: (typeof tables.campaignSends.$inferInsert)[]): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await db.insert(cs).values(rows).onConflictDoNothing({ target: [cs.campaignId, cs.customerId] }).returning({ id: cs.id });
  return inserted.length;
}

/**
 * Claims up to `limit` queued sends of a campaign for this run (queued → sending, in one statement, so two runs never
 * take the same send), with the customer's email.
 */
export async function claimQueuedSends(db: Database, campaignId: string, limit: number): Promise<(CampaignSendRow & { email: string | null })[]> {
  const result = (await db.execute(sql`
    with picked as (
      select id from campaign_sends where campaign_id = ${campaignId} and status = 'queued'
      order by created_at, id limit ${limit} for update skip locked
    )
    update campaign_sends s set status = 'sending' from picked, customers c
    where s.id = picked.id and c.id = s.customer_id
    returning s.id, s.customer_id, s.variant, s.text, c.email`)) as unknown as { rows: { id: string; customer_id: string; variant: string; text: string; email: string | null }[] };
  return result.rows.map((r) => ({ id: r.id, customerId: r.customer_id, variant: r.variant, text: r.text, email: r.email }) as CampaignSendRow & { email: string | null });
}

/** Whether a campaign still has sends waiting. */
export async function hasQueuedSends(db: Database, campaignId: string): Promise<boolean> {
  const [row] = await db.select({ id: cs.id }).from(cs).where(and(eq(cs.campaignId, campaignId), eq(cs.status, "queued"))).limit(1);
  return Boolean(row);
}

/** Records what became of a send. */
export async function settleSend(db: Database, id: string, patch: { status: CampaignSendStatus; sentAt?: Date; deliveredAt?: Date; error?: string | null }): Promise<void> {
  await db.update(cs).set(patch).where(eq(cs.id, id));
}

/** A customer's widget messages waiting for their next visit (sent, not yet shown), oldest first, of campaigns not paused. */
export async function pendingWidgetSends(db: Database, customerId: string): Promise<CampaignSendRow[]> {
  return db
    .select({ send: cs })
    .from(cs)
    .innerJoin(cp, eq(cp.id, cs.campaignId))
    .where(and(eq(cs.customerId, customerId), eq(cs.status, "sent"), eq(cp.channel, "widget"), inArray(cp.status, ["running", "completed"])))
    .orderBy(asc(cs.sentAt), asc(cs.id))
    .then((rows) => rows.map((r) => r.send));
}

/** Claims a waiting widget send for delivery (sent → delivered); false when another connection took it first. */
export async function claimWidgetDelivery(db: Database, id: string, conversationId: string, at: Date): Promise<boolean> {
  const rows = await db
    .update(cs)
    .set({ status: "delivered", deliveredAt: at, conversationId })
    .where(and(eq(cs.id, id), eq(cs.status, "sent")))
    .returning({ id: cs.id });
  return rows.length > 0;
}

/** Links a delivered widget send to the bot message it became. */
export async function linkSendMessage(db: Database, id: string, messageId: string): Promise<void> {
  await db.update(cs).set({ messageId }).where(eq(cs.id, id));
}

/** Marks the send a widget message belongs to as seen (once), when the message is in this conversation. */
export async function markSeen(db: Database, messageId: string, conversationId: string, at: Date): Promise<boolean> {
  const rows = await db
    .update(cs)
    .set({ seenAt: at })
    .where(and(eq(cs.messageId, messageId), eq(cs.conversationId, conversationId), isNull(cs.seenAt)))
    .returning({ id: cs.id });
  return rows.length > 0;
}

/**
 * Marks as replied every delivered, unreplied send of the customer behind a conversation whose campaign's window is
 * still open: a customer message after a campaign reached them, on any channel.
 */
export async function markReplied(db: Database, conversationId: string, at: Date): Promise<number> {
  // Every customer message runs this (almost always matching nothing): prepared once, so it is planned once.
  const query = preparedOnce(db, "campaigns_mark_replied", (name) => {
    const p = sql.placeholder;
    const now = sql`${p("at")}::timestamptz`;
    return db
      .update(cs)
      .set({ repliedAt: sql`${now}`, seenAt: sql`coalesce(${cs.seenAt}, ${now})` })
      .from(cp)
      .where(
        and(
          eq(cp.id, cs.campaignId),
          isNull(cs.repliedAt),
          sql`${cs.deliveredAt} is not null and ${cs.deliveredAt} <= ${now} and ${cs.deliveredAt} > ${now} - make_interval(days => ${cp.conversionDays})`,
          sql`${cs.customerId} = (select customer_id from conversations where id = ${p("conversationId")}::uuid)`,
        ),
      )
      .returning({ id: cs.id })
      .prepare(name);
  });
  const rows = await query.execute({ at: at.toISOString(), conversationId });
  return rows.length;
}

/** Opts the customer behind a conversation (or a customer) out of campaigns; their queued sends are skipped. */
export async function optOut(db: Database, who: { customerId: string } | { conversationId: string }, source: "message" | "api", messageId: string | null): Promise<string | undefined> {
  const customer = "customerId" in who ? sql`${who.customerId}::uuid` : sql`(select customer_id from conversations where id = ${who.conversationId})`;
  const result = (await db.execute(sql`
    with opted as (
      insert into campaign_opt_outs (customer_id, source, message_id) select ${customer}, ${source}, ${messageId}
      on conflict (customer_id) do nothing returning customer_id
    ), skipped as (
      update campaign_sends set status = 'skipped' where customer_id = ${customer} and status in ('queued', 'sent') returning id
    )
    select (select customer_id from opted) as customer_id, (select count(*) from skipped) as skipped`)) as unknown as { rows: { customer_id: string | null }[] };
  return result.rows[0]?.customer_id ?? undefined;
}

/** Whether a customer opted out. */
export async function isOptedOut(db: Database, customerId: string): Promise<boolean> {
  const [row] = await db.select({ id: oo.customerId }).from(oo).where(eq(oo.customerId, customerId)).limit(1);
  return Boolean(row);
}

/** Figures of one variant, as counted in SQL. */
export type VariantFiguresRow = {
  variant: string;
  audience: number;
  sent: number;
  delivered: number;
  seen: number;
  replied: number;
  converted: number;
  failed: number;
  skipped: number;
  revenue_cents: number;
};

/**
 * Per variant: sends by outcome, and conversions: a send converted when its customer placed a (not cancelled) order
 * within `conversion_days` after it was delivered; the revenue is those orders' total.
 */
export async function variantFiguresRows(db: Database, campaignId: string): Promise<VariantFiguresRow[]> {
  const result = (await db.execute(sql`
    with won as (
      select s.id, count(o.id) > 0 as converted, coalesce(sum(o.total_cents), 0)::bigint as revenue
      from campaign_sends s
      join campaigns c on c.id = s.campaign_id
      left join orders o on o.customer_id = s.customer_id and o.status <> 'cancelled'
        and o.placed_at >= s.delivered_at and o.placed_at < s.delivered_at + make_interval(days => c.conversion_days)
      where s.campaign_id = ${campaignId} and s.delivered_at is not null
      group by s.id
    )
    select s.variant,
      count(*)::int as audience,
      count(s.sent_at)::int as sent,
      count(s.delivered_at)::int as delivered,
      count(s.seen_at)::int as seen,
      count(s.replied_at)::int as replied,
      count(*) filter (where won.converted)::int as converted,
      count(*) filter (where s.status = 'failed')::int as failed,
      count(*) filter (where s.status = 'skipped')::int as skipped,
      coalesce(sum(won.revenue), 0)::bigint as revenue_cents
    from campaign_sends s left join won on won.id = s.id
    where s.campaign_id = ${campaignId}
    group by s.variant`)) as unknown as { rows: VariantFiguresRow[] };
  return result.rows.map((r) => ({ ...r, revenue_cents: Number(r.revenue_cents) }));
}
