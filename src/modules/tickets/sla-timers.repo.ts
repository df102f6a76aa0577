/** Queries on tickets' SLA targets, their breaches, and who hears of a breach. */
import { and, asc, eq, inArray, isNull, lte, ne, or, sql, type SQL } from "drizzle-orm";
import type { SlaMetric } from "../../contracts/sla.ts";
import { tables, type Database } from "../../db/index.ts";

/** A ticket's SLA target row. */
export type SlaTargetRow = typeof tables.ticketSlaTargets.$inferSelect;
type Priority = SlaTargetRow["priority"];

/** The SLA targets of a ticket. */
export async function targetsOfTicket(db: Database, ticketId: string): Promise<SlaTargetRow[]> {
  return db.select().from(tables.ticketSlaTargets).where(eq(tables.ticketSlaTargets.ticketId, ticketId));
}

/** Starts (or starts again, for next response) a target: its earlier state is replaced. */
export async function startTarget(db: Database, values: Pick<SlaTargetRow, "ticketId" | "metric" | "priority" | "startedAt" | "warnAt" | "dueAt">): Promise<void> {
  await db
    .insert(tables.ticketSlaTargets)
    .values(values)
    .onConflictDoUpdate({
      target: [tables.ticketSlaTargets.ticketId, tables.ticketSlaTargets.metric],
      set: { priority: values.priority, startedAt: values.startedAt, warnAt: values.warnAt, dueAt: values.dueAt, satisfiedAt: null, warnedAt: null, breachedAt: null },
    });
}

/** Gives a running (not breached) target the due times of another priority. */
export async function retimeTarget(db: Database, ticketId: string, metric: SlaMetric, values: { priority: Priority; warnAt: Date; dueAt: Date; rewarn: boolean }): Promise<boolean> {
  const t = tables.ticketSlaTargets;
  const rows = await db
    .update(t)
    .set({ priority: values.priority, warnAt: values.warnAt, dueAt: values.dueAt, ...(values.rewarn ? { warnedAt: null } : {}) })
    .where(and(eq(t.ticketId, ticketId), eq(t.metric, metric), isNull(t.satisfiedAt), isNull(t.breachedAt)))
    .returning({ metric: t.metric });
  return rows.length > 0;
}

/** Marks the running targets of these metrics met at `at`; returns how many were. */
export async function satisfyTargets(db: Database, ticketId: string, metrics: SlaMetric[], at: Date): Promise<number> {
  const t = tables.ticketSlaTargets;
  const rows = await db
    .update(t)
    .set({ satisfiedAt: at })
    .where(and(eq(t.ticketId, ticketId), inArray(t.metric, metrics), isNull(t.satisfiedAt)))
    .returning({ metric: t.metric });
  return rows.length;
}

/** Running targets of unresolved tickets whose warning or due instant has come and is not yet recorded. */
export async function targetsToAlert(db: Database, now: Date, limit: number): Promise<SlaTargetRow[]> {
  const t = tables.ticketSlaTargets;
  const rows = await db
    .select({ target: t })
    .from(t)
    .innerJoin(tables.tickets, eq(tables.tickets.id, t.ticketId))
    .where(
      and(
        isNull(t.satisfiedAt),
        ne(tables.tickets.status, "resolved"),
        or(and(isNull(t.warnedAt), lte(t.warnAt, now)), and(isNull(t.breachedAt), lte(t.dueAt, now))) as SQL,
      ),
    )
    .orderBy(asc(t.dueAt))
    .limit(limit);
  return rows.map((r) => r.target);
}

/** Records a target's warning once, with its ticket event, in one transaction: false when it was recorded already (or the target no longer runs). */
export async function recordWarning(db: Database, target: SlaTargetRow, at: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const t = tables.ticketSlaTargets;
    const marked = await tx
      .update(t)
      .set({ warnedAt: at })
      .where(and(eq(t.ticketId, target.ticketId), eq(t.metric, target.metric), isNull(t.warnedAt), isNull(t.satisfiedAt)))
      .returning({ metric: t.metric });
    if (marked.length === 0) return false;
    await tx.insert(tables.ticketEvents).values({
      ticketId: target.ticketId,
      type: "sla_warning",
      actorType: "system",
      data: { metric: target.metric, priority: target.priority, dueAt: target.dueAt.toISOString() },
      createdAt: at,
    });
    return true;
  });
}

/**
 * Records a target's breach once, in one transaction: the target marked, a breach row (unique per target and due time),
 * a ticket event. False when another run recorded it first.
 */
export async function recordBreach(db: Database, target: SlaTargetRow, at: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const t = tables.ticketSlaTargets;
    const marked = await tx
      .update(t)
      .set({ breachedAt: at, warnedAt: sql`coalesce(${t.warnedAt}, ${at.toISOString()}::timestamptz)` })
      .where(and(eq(t.ticketId, target.ticketId), eq(t.metric, target.metric), isNull(t.breachedAt), isNull(t.satisfiedAt)))
      .returning({ metric: t.metric });
    if (marked.length === 0) return false;
    const inserted = await tx
      .insert(tables.slaBreaches)
      .values({ ticketId: target.ticketId, metric: target.metric, priority: target.priority, dueAt: target.dueAt, breachedAt: at })
      .onConflictDoNothing()
      .returning({ id: tables.slaBreaches.id });
    if (inserted.length === 0) return false;
    await tx.insert(tables.ticketEvents).values({
      ticketId: target.ticketId,
      type: "sla_breached",
      actorType: "system",
      data: { metric: target.metric, priority: target.priority, dueAt: target.dueAt.toISOString() },
      createdAt: at,
    });
    return true;
  });
}

/**
 * The active managers of the teams that handle this inbox; when no team handles it, every active manager (a breach
 * always reaches someone).
 */
export async function managersForInbox(db: Database, inboxId: string): Promise<string[]> {
  const u = tables.users;
  const inTeams = await db
    .selectDistinct({ id: u.id })
    .from(u)
    .innerJoin(tables.teamMembers, eq(tables.teamMembers.userId, u.id))
    .innerJoin(tables.teams, eq(tables.teams.id, tables.teamMembers.teamId))
    .where(and(eq(u.role, "manager"), eq(u.active, true), sql`${tables.teams.inboxIds} @> ${JSON.stringify([inboxId])}::jsonb`));
  if (inTeams.length) return inTeams.map((r) => r.id);
  const all = await db.select({ id: u.id }).from(u).where(and(eq(u.role, "manager"), eq(u.active, true)));
  return all.map((r) => r.id);
}

/** Inserts one notification per user; returns their ids with the user. */
export async function insertSlaNotifications(db: Database, userIds: string[], data: Record<string, unknown>, at: Date): Promise<{ id: string; userId: string }[]> {
  if (userIds.length === 0) return [];
  return db
    .insert(tables.notifications)
    .values(userIds.map((userId) => ({ userId, type: "sla_breach" as const, data, createdAt: at })))
    .returning({ id: tables.notifications.id, userId: tables.notifications.userId });
}

/** The running targets of these tickets (for presenting their most pressing due time). */
export async function runningTargets(db: Database, ticketIds: string[]): Promise<SlaTargetRow[]> {
  if (ticketIds.length === 0) return [];
  const t = tables.ticketSlaTargets;
  return db.select().from(t).where(and(inArray(t.ticketId, ticketIds), isNull(t.satisfiedAt)));
}
