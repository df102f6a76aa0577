/** Queries of routing: teams, the conversation's intent, the team's online agents and their load, assignment under row locks. */
import { and, asc, desc, eq, inArray, isNull, ne, or, sql } from "drizzle-orm";
import { tables, type Database } from "../../db/index.ts";
import type { AgentForRouting, RoutingNeed, TeamForRouting } from "./routing-rules.ts";

type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];
type Db = Database | Tx;

/** A ticket row. */
export type RoutedTicket = typeof tables.tickets.$inferSelect;

/** One routing decision to store with the ticket. */
export type Assignment = { assigneeId: string; teamId: string | null; rule: "skills_capacity" | "round_robin" | "team_queue"; reason: string | null };

const STAFF = sql`${tables.users.role} in ('agent', 'manager', 'admin')`;
const OPEN_STATUSES = ["open", "pending"] as const;
// Urgent first, low last: the order a team's queue is picked up in (then oldest first).
const PRIORITY_RANK = sql`case ${tables.tickets.priority} when 'urgent' then 0 when 'high' then 1 when 'normal' then 2 else 3 end`;

/** Every team with its inboxes and intents. */
export async function listTeamsForRouting(db: Db): Promise<TeamForRouting[]> {
  return db.select({ id: tables.teams.id, name: tables.teams.name, inboxIds: tables.teams.inboxIds, intents: tables.teams.intents }).from(tables.teams);
}

/** The conversation's inbox and its customer's last intents (newest first) and language. */
export async function conversationFacts(db: Db, conversationId: string): Promise<{ inboxId: string; intents: (string | null)[]; language: string | null } | undefined> {
  const [conversation] = await db.select({ inboxId: tables.conversations.inboxId }).from(tables.conversations).where(eq(tables.conversations.id, conversationId)).limit(1);
  if (!conversation) return undefined;
  const recent = await db
    .select({ intent: tables.messages.intent, language: sql<string | null>`${tables.messages.annotation}->>'language'` })
    .from(tables.messages)
    .where(and(eq(tables.messages.conversationId, conversationId), eq(tables.messages.senderType, "customer")))
    .orderBy(desc(tables.messages.seq))
    .limit(20);
  return { inboxId: conversation.inboxId, intents: recent.map((m) => m.intent), language: recent.find((m) => m.language)?.language ?? null };
}

/** Unresolved tickets assigned to each of these users. */
async function openCounts(tx: Db, userIds: string[]): Promise<Map<string, number>> {
  if (userIds.length === 0) return new Map();
  const rows = await tx
    .select({ userId: tables.tickets.assigneeId, n: sql<number>`count(*)::int` })
    .from(tables.tickets)
    .where(and(inArray(tables.tickets.assigneeId, userIds), inArray(tables.tickets.status, [...OPEN_STATUSES])))
    .groupBy(tables.tickets.assigneeId);
  return new Map(rows.map((r) => [r.userId ?? "", r.n]));
}

/**
 * Locks the team's online, active members (in id order, so two routings never deadlock) and returns them with their
 * load: while the transaction lasts, no other routing on any node can count or assign to them.
 */
export async function lockTeamAgents(tx: Tx, teamId: string): Promise<AgentForRouting[]> {
  const u = tables.users;
  const rows = await tx
    .select({ id: u.id, name: u.name, skills: u.skills, capacity: u.capacity, lastAssignedAt: u.lastAssignedAt, createdAt: u.createdAt })
    .from(u)
    .innerJoin(tables.teamMembers, eq(tables.teamMembers.userId, u.id))
    .where(and(eq(tables.teamMembers.teamId, teamId), eq(u.status, "online"), eq(u.active, true), STAFF))
    .orderBy(asc(u.id))
    .for("update", { of: u });
  const counts = await openCounts(tx, rows.map((r) => r.id));
  return rows.map((r) => ({ ...r, openCount: counts.get(r.id) ?? 0 }));
}

/** Picks the online agent assigned least recently (the general queue's round-robin), locked until the transaction ends. */
export async function lockNextOnlineAgent(tx: Tx): Promise<{ id: string; name: string } | undefined> {
  const u = tables.users;
  const [next] = await tx
    .select({ id: u.id, name: u.name })
    .from(u)
    .where(and(eq(u.status, "online"), eq(u.active, true), STAFF))
    .orderBy(sql`${u.lastAssignedAt} asc nulls first`, asc(u.createdAt))
    .limit(1)
    .for("update", { skipLocked: true });
  return next;
}

/**
 * Assigns an unassigned, unresolved ticket, records the decision as an "assigned" event and moves the agent's round-robin
 * pointer; undefined when the ticket was taken, resolved or is gone meanwhile.
 */
export async function assignTicket(tx: Tx, ticketId: string, assignment: Assignment, now: Date): Promise<RoutedTicket | undefined> {
  const t = tables.tickets;
  const [row] = await tx
    .update(t)
    .set({ assigneeId: assignment.assigneeId, teamId: assignment.teamId ?? sql`${t.teamId}`, updatedAt: now })
    .where(and(eq(t.id, ticketId), isNull(t.assigneeId), ne(t.status, "resolved")))
    .returning();
  if (!row) return undefined;
  await tx.insert(tables.ticketEvents).values({
    ticketId,
    type: "assigned",
    actorType: "system",
    actorId: null,
    data: { assigneeId: assignment.assigneeId, rule: assignment.rule, teamId: assignment.teamId, ...(assignment.reason ? { reason: assignment.reason } : {}) },
  });
  await tx.update(tables.users).set({ lastAssignedAt: now }).where(eq(tables.users.id, assignment.assigneeId));
  return row;
}

/** Stores the team and skill need a ticket was routed with, and (when it waits) a "queued" event with the reason. */
export async function markRouted(tx: Db, ticketId: string, teamId: string | null, need: RoutingNeed, queued: { teamName: string; reason: string } | null): Promise<void> {
  await tx.update(tables.tickets).set({ teamId, routingIntent: need.intent, routingLanguage: need.language }).where(eq(tables.tickets.id, ticketId));
  if (queued) {
    await tx.insert(tables.ticketEvents).values({ ticketId, type: "queued", actorType: "system", actorId: null, data: { teamId, teamName: queued.teamName, reason: queued.reason } });
  }
}

/** Locks one user (active, online, on staff) with their skills, capacity and load; undefined when they cannot take work. */
export async function lockAvailableAgent(tx: Tx, userId: string): Promise<AgentForRouting | undefined> {
  const u = tables.users;
  const [row] = await tx
    .select({ id: u.id, name: u.name, skills: u.skills, capacity: u.capacity, lastAssignedAt: u.lastAssignedAt, createdAt: u.createdAt })
    .from(u)
    .where(and(eq(u.id, userId), eq(u.status, "online"), eq(u.active, true), STAFF))
    .for("update");
  if (!row) return undefined;
  const counts = await openCounts(tx, [row.id]);
  return { ...row, openCount: counts.get(row.id) ?? 0 };
}

/** The teams a user belongs to, with their names. */
export async function teamsOf(tx: Db, userId: string): Promise<{ id: string; name: string }[]> {
  return tx
    .select({ id: tables.teams.id, name: tables.teams.name })
    .from(tables.teams)
    .innerJoin(tables.teamMembers, eq(tables.teamMembers.teamId, tables.teams.id))
    .where(eq(tables.teamMembers.userId, userId));
}

/**
 * The next tickets waiting in these teams' queues that the agent's skills cover, urgent first then oldest, locked and
 * skipped by any other node picking up at the same time.
 */
export async function lockQueuedTickets(
  tx: Tx,
  teamIds: string[],
  skills: { intents: string[]; languages: string[] },
  limit: number,
  excludeTicketId: string | null,
): Promise<RoutedTicket[]> {
  if (teamIds.length === 0 || limit <= 0) return [];
  const t = tables.tickets;
  return tx
    .select()
    .from(t)
    .where(
      and(
        inArray(t.teamId, teamIds),
        isNull(t.assigneeId),
        ne(t.status, "resolved"),
        excludeTicketId ? ne(t.id, excludeTicketId) : undefined,
        skills.intents.length ? inArray(t.routingIntent, skills.intents) : undefined,
        skills.languages.length ? or(isNull(t.routingLanguage), inArray(t.routingLanguage, skills.languages)) : undefined,
      ),
    )
    .orderBy(PRIORITY_RANK, asc(t.createdAt), asc(t.number))
    .limit(limit)
    .for("update", { skipLocked: true });
}
