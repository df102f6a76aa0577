/** Ticket rows → DTOs, with assignee names loaded in one query. */
import type { TicketDTO } from "../../contracts/api.ts";
import type { Database } from "../../db/index.ts";
import type { TicketSlaDTO } from "../../contracts/sla.ts";
import { runningTargets, type SlaTargetRow } from "./sla-timers.repo.ts";
import { teamNames, userNames, type TicketRow } from "./tickets.repo.ts";

/** The most pressing running target: the earliest due. */
function pressing(targets: SlaTargetRow[]): TicketSlaDTO | null {
  const [first] = [...targets].sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  return first ? { metric: first.metric, dueAt: first.dueAt.toISOString(), breached: first.breachedAt !== null, warned: first.warnedAt !== null } : null;
}

/** Presents tickets for the console. */
export async function presentTickets(db: Database, rows: TicketRow[]): Promise<TicketDTO[]> {
  const [names, teams, targets] = await Promise.all([
    userNames(db, rows.map((r) => r.assigneeId).filter((id): id is string => id !== null)),
    teamNames(db, rows.map((r) => r.teamId).filter((id): id is string => id !== null)),
    runningTargets(db, rows.filter((r) => r.status !== "resolved").map((r) => r.id)),
  ]);
  return rows.map((row) => ({
    id: row.id,
    number: row.number,
    conversationId: row.conversationId,
    customerId: row.customerId,
    subject: row.subject,
    status: row.status,
    priority: row.priority,
    reason: row.reason,
    assignee: row.assigneeId ? { id: row.assigneeId, name: names.get(row.assigneeId) ?? "Unknown" } : null,
    team: row.teamId ? { id: row.teamId, name: teams.get(row.teamId) ?? "Unknown" } : null,
    snoozedUntil: row.snoozedUntil?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    sla: row.status === "resolved" ? null : pressing(targets.filter((t) => t.ticketId === row.id)),
  }));
}
