/** Queries on tickets and their events. */
import { and, desc, eq, gt, inArray, isNull, lt, lte, ne, or, type SQL } from "drizzle-orm";
import { tables, type Database } from "../../db/index.ts";

/** A ticket row. */
export type TicketRow = typeof tables.tickets.$inferSelect;
/** A ticket event row. */
export type TicketEventRow = typeof tables.ticketEvents.$inferSelect;

/** Finds a ticket by id. */
export async function findTicket(db: Database, id: string): Promise<TicketRow | undefined> {
  const [row] = await db.select().from(tables.tickets).where(eq(tables.tickets.id, id)).limit(1);
  return row;
}

/** Finds the unresolved ticket of a conversation, if any. */
export async function findActiveTicketForConversation(db: Database, conversationId: string): Promise<TicketRow | undefined> {
  const [row] = await db
    .select()
    .from(tables.tickets)
    .where(and(eq(tables.tickets.conversationId, conversationId), ne(tables.tickets.status, "resolved")))
    .orderBy(desc(tables.tickets.createdAt))
    .limit(1);
  return row;
}


/** Inserts a ticket and its "created" event in one transaction. */
export async function insertTicket(
  db: Database,
  values: typeof tables.tickets.$inferInsert,
  event: { actorType: TicketEventRow["actorType"]; data: Record<string, unknown> },
): Promise<TicketRow> {
  return db.transaction(async (tx) => {
    const [ticket] = await tx.insert(tables.tickets).values(values).returning();
    await tx.insert(tables.ticketEvents).values({ ticketId: ticket.id, type: "created", actorType: event.actorType, data: event.data });
    return ticket;
  });
}

/**
 * Applies a change to a ticket and records one event per changed field, in one transaction, only while the ticket's
 * status, priority and assignee are still those the change was decided on (`expected`): undefined when the ticket is
 * gone or was changed meanwhile, so a permission checked on an older state never applies to a newer one.
 */
export async function updateTicketWithEvents(
  db: Database,
  id: string,
  patch: Partial<Pick<TicketRow, "status" | "priority" | "assigneeId" | "resolvedAt" | "firstResponseAt" | "teamId" | "snoozedUntil">>,
  events: { type: string; actorType: TicketEventRow["actorType"]; actorId: string | null; data: Record<string, unknown> }[],
  expected: Pick<TicketRow, "status" | "priority" | "assigneeId">,
): Promise<TicketRow | undefined> {
  const t = tables.tickets;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(t)
      .set({ ...patch, updatedAt: new Date() })
      .where(
        and(
          eq(t.id, id),
          eq(t.status, expected.status),
          eq(t.priority, expected.priority),
          expected.assigneeId === null ? isNull(t.assigneeId) : eq(t.assigneeId, expected.assigneeId),
        ),
      )
      .returning();
    if (!row) return undefined;
    if (events.length) await tx.insert(tables.ticketEvents).values(events.map((e) => ({ ...e, ticketId: id })));
    return row;
  });
}

/** Sets the first-response time of a conversation's open tickets that have none yet. */
export async function stampFirstResponse(db: Database, conversationId: string, at: Date): Promise<void> {
  await db
    .update(tables.tickets)
    .set({ firstResponseAt: at })
    .where(and(eq(tables.tickets.conversationId, conversationId), isNull(tables.tickets.firstResponseAt), ne(tables.tickets.status, "resolved")));
}

/** A ticket event with the name of the user or API key that made it (null for the system, the bot, the customer). */
export type TicketEventWithActor = TicketEventRow & { actorName: string | null };

/** Events of a ticket, oldest first, with their actors' names (a revoked key keeps its name). */
export async function listTicketEvents(db: Database, ticketId: string): Promise<TicketEventWithActor[]> {
  const e = tables.ticketEvents;
  const rows = await db
    .select({ event: e, userName: tables.users.name, keyName: tables.apiKeys.name })
    .from(e)
    .leftJoin(tables.users, and(eq(e.actorType, "agent"), eq(tables.users.id, e.actorId)))
    .leftJoin(tables.apiKeys, and(eq(e.actorType, "api_key"), eq(tables.apiKeys.id, e.actorId)))
    .where(eq(e.ticketId, ticketId))
    .orderBy(e.id);
  return rows.map((row) => ({ ...row.event, actorName: row.userName ?? row.keyName ?? null }));
}

/** Keyset cursor over tickets: update time and id of the previous page's last row. */
export type TicketCursor = { at: string; id: string };

/** Lists tickets, most recently updated first. */
export async function listTickets(
  db: Database,
  filter: { statuses: TicketRow["status"][] | null; assigneeId?: string | null; snoozed?: { mode: "hide" | "only"; now: Date } },
  cursor: TicketCursor | null,
  limit: number,
): Promise<TicketRow[]> {
  const t = tables.tickets;
  const conditions: SQL[] = [];
  if (filter.statuses) conditions.push(inArray(t.status, filter.statuses));
  // Snoozing is a query-time rule: a ticket is snoozed while its snoozed_until is in the future, so it wakes by itself.
  if (filter.snoozed?.mode === "hide") conditions.push(or(isNull(t.snoozedUntil), lte(t.snoozedUntil, filter.snoozed.now)) as SQL);
  if (filter.snoozed?.mode === "only") conditions.push(gt(t.snoozedUntil, filter.snoozed.now));
  if (filter.assigneeId === null) conditions.push(isNull(t.assigneeId));
  else if (filter.assigneeId) conditions.push(eq(t.assigneeId, filter.assigneeId));
  if (cursor) {
    const at = new Date(cursor.at);
    conditions.push(or(lt(t.updatedAt, at), and(eq(t.updatedAt, at), lt(t.id, cursor.id))) as SQL);
  }
  return db
    .select()
    .from(t)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(t.updatedAt), desc(t.id))
    .limit(limit);
}

/** Names of users by id (for presenting assignees). */
export async function userNames(db: Database, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.select({ id: tables.users.id, name: tables.users.name }).from(tables.users).where(inArray(tables.users.id, unique));
  return new Map(rows.map((u) => [u.id, u.name]));
}

/** Names of teams by id (for presenting a ticket's team). */
export async function teamNames(db: Database, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.select({ id: tables.teams.id, name: tables.teams.name }).from(tables.teams).where(inArray(tables.teams.id, unique));
  return new Map(rows.map((team) => [team.id, team.name]));
}

/** The ids of a team's active members (whom a transfer to the team notifies). */
export async function activeTeamMemberIds(db: Database, teamId: string): Promise<string[]> {
  const rows = await db
    .select({ id: tables.users.id })
    .from(tables.teamMembers)
    .innerJoin(tables.users, eq(tables.users.id, tables.teamMembers.userId))
    .where(and(eq(tables.teamMembers.teamId, teamId), eq(tables.users.active, true)));
  return rows.map((r) => r.id);
}

/** Whether the customer has an unresolved ticket assigned to this user (who may then edit the customer's profile). */
export async function hasUnresolvedTicketAssignedTo(db: Database, customerId: string, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: tables.tickets.id })
    .from(tables.tickets)
    .where(and(eq(tables.tickets.customerId, customerId), eq(tables.tickets.assigneeId, userId), ne(tables.tickets.status, "resolved")))
    .limit(1);
  return row !== undefined;
}

/**
 * Puts every unresolved ticket of a user back in the queue (their account was deactivated), each with an "unassigned"
 * event naming who did it and why; returns the tickets' ids.
 */
export async function releaseTicketsOf(
  db: Database,
  userId: string,
  by: { actorType: TicketEventRow["actorType"]; actorId: string | null; reason: string },
  at: Date,
): Promise<string[]> {
  const t = tables.tickets;
  const released = await db
    .update(t)
    .set({ assigneeId: null, updatedAt: at })
    .where(and(eq(t.assigneeId, userId), ne(t.status, "resolved")))
    .returning({ id: t.id });
  if (released.length) {
    await db.insert(tables.ticketEvents).values(
      released.map(({ id }) => ({ ticketId: id, type: "unassigned", actorType: by.actorType, actorId: by.actorId, data: { from: userId, to: null, reason: by.reason }, createdAt: at })),
    );
  }
  return released.map((r) => r.id);
}
