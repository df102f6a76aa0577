/** The assignment paths of a ticket change: its team, snoozing, and telling a new assignee (a notification, live on their console). */
import { AppError } from "../../errors.ts";
import { findUser } from "../agents/index.ts";
import type { ServiceDeps } from "../deps.ts";
import { notifyUser } from "../notes/index.ts";
import { routeToTeam } from "../routing/index.ts";
import { activeTeamMemberIds, findTicket, teamNames, type TicketRow } from "./tickets.repo.ts";
import type { Actor, TicketPatch } from "./tickets.service.ts";

type Changes = Partial<Pick<TicketRow, "teamId" | "snoozedUntil">>;

/** The user behind an actor, when it is a console user. */
export function actorUserId(actor: Actor): string | null {
  return actor.type === "agent" ? actor.id : null;
}

/**
 * Adds the team and snooze parts of a patch to `changes` and records their events. A snooze must end in the future and
 * only an unresolved ticket can be snoozed (VALIDATION_FAILED otherwise); an unknown team is TEAM_NOT_FOUND.
 */
export async function applyTeamAndSnooze(
  deps: Pick<ServiceDeps, "db" | "now">,
  ticket: TicketRow,
  patch: TicketPatch,
  changes: Changes,
  record: (type: string, data: Record<string, unknown>) => void,
): Promise<void> {
  if (patch.teamId !== undefined && patch.teamId !== ticket.teamId) {
    if (patch.teamId !== null && !(await teamNames(deps.db, [patch.teamId])).has(patch.teamId)) {
      throw new AppError("TEAM_NOT_FOUND", undefined, { teamId: "no such team" });
    }
    changes.teamId = patch.teamId;
    record("team_changed", { from: ticket.teamId, to: patch.teamId });
  }
  if (patch.snoozedUntil === undefined) return;
  if (patch.snoozedUntil === null) {
    if (ticket.snoozedUntil === null) return;
    changes.snoozedUntil = null;
    record("unsnoozed", { until: ticket.snoozedUntil.toISOString() });
    return;
  }
  const resolving = patch.status === "resolved" || (patch.status === undefined && ticket.status === "resolved");
  if (resolving) throw new AppError("VALIDATION_FAILED", "A resolved ticket cannot be snoozed.", { snoozedUntil: "the ticket is resolved" });
  if (patch.snoozedUntil.getTime() <= deps.now().getTime()) {
    throw new AppError("VALIDATION_FAILED", "A snooze must end in the future.", { snoozedUntil: "must be in the future" });
  }
  changes.snoozedUntil = patch.snoozedUntil;
  record("snoozed", { until: patch.snoozedUntil.toISOString() });
}

/** Tells a user a conversation was assigned to them: a stored "assigned" notification, sent live to their consoles. */
export async function notifyAssignee(
  deps: Pick<ServiceDeps, "db" | "events" | "now">,
  ticket: TicketRow,
  assigneeId: string,
  actor: Actor,
  note?: string,
): Promise<void> {
  const by = actor.type === "agent" && actor.id ? ((await findUser(deps.db, actor.id))?.name ?? undefined) : undefined;
  await notifyUser(deps, assigneeId, "assigned", {
    conversationId: ticket.conversationId,
    ticketId: ticket.id,
    ...(by ? { by } : {}),
    text: (note ?? ticket.subject).slice(0, 200),
  });
}

/**
 * The team a change hands the ticket to, to be routed within it: the team changes to a team, the request names no
 * assignee, the ticket stays unresolved, and its assignee (if any) is not a member of the new team (a member keeps it).
 */
export async function teamToRouteIn(deps: Pick<ServiceDeps, "db">, ticket: TicketRow, patch: TicketPatch, changes: Changes): Promise<string | null> {
  const teamId = changes.teamId;
  if (!teamId || patch.assigneeId !== undefined) return null;
  if ((patch.status ?? ticket.status) === "resolved") return null;
  if (ticket.assigneeId && (await activeTeamMemberIds(deps.db, teamId)).includes(ticket.assigneeId)) return null;
  return teamId;
}

/**
 * Routes a ticket just transferred to a team (and left unassigned) within it: to its best online agent by skill and
 * capacity, who is notified as any assignee; else into the team's queue, and every active member but the one who
 * transferred it gets a "team_queued" notification. Returns the ticket as it is now.
 */
export async function routeTransferred(deps: ServiceDeps, ticket: TicketRow, teamId: string, actor: Actor, note?: string): Promise<TicketRow> {
  const routed = await routeToTeam(deps, ticket, teamId);
  if (routed.ticket && routed.assignee) {
    if (routed.assignee.id !== actorUserId(actor)) await notifyAssignee(deps, routed.ticket, routed.assignee.id, actor, note);
    return routed.ticket;
  }
  const now = (await findTicket(deps.db, ticket.id)) ?? ticket;
  if (now.assigneeId) return now;
  const by = actor.type === "agent" && actor.id ? ((await findUser(deps.db, actor.id))?.name ?? undefined) : undefined;
  const team = (await teamNames(deps.db, [teamId])).get(teamId);
  for (const userId of await activeTeamMemberIds(deps.db, teamId)) {
    if (userId === actorUserId(actor)) continue;
    await notifyUser(deps, userId, "team_queued", {
      conversationId: now.conversationId,
      ticketId: now.id,
      ticketNumber: now.number,
      ...(by ? { by } : {}),
      ...(team ? { team } : {}),
      text: (note ?? now.subject).slice(0, 200),
    });
  }
  return now;
}
