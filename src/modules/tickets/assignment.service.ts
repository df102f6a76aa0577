/** The assignment paths of a ticket change: its team, snoozing, and telling a new assignee (a notification, live on their console). */
import { AppError } from "../../errors.ts";
import { findUser } from "../agents/index.ts";
import type { ServiceDeps } from "../deps.ts";
import { notifyUser } from "../notes/index.ts";
import { teamNames, type TicketRow } from "./tickets.repo.ts";
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
