/** Transfer: hand a ticket to another agent or team with a private note saying why. */
import { AppError } from "../../errors.ts";
import type { ServiceDeps } from "../deps.ts";
import { addNote } from "../notes/index.ts";
import type { TicketRow } from "./tickets.repo.ts";
import { updateTicket } from "./tickets.service.ts";

/** What a transfer asks for: a new assignee and/or team, and the note for the colleague. */
export type TransferRequest = { assigneeId?: string | null; teamId?: string | null; note: string };

/**
 * Assigns the ticket to the agent and/or team, then adds the note as a private note on the conversation (never sent to
 * the customer); the "assigned" event and the assignee's notification carry the note too.
 */
export async function transferTicket(
  deps: ServiceDeps,
  id: string,
  request: TransferRequest,
  by: { id: string; name: string },
  authorize: (ticket: TicketRow) => void | Promise<void>,
): Promise<TicketRow> {
  if (request.assigneeId === undefined && request.teamId === undefined) {
    throw new AppError("VALIDATION_FAILED", "Name the agent or the team to transfer to.", { assigneeId: "give assigneeId or teamId" });
  }
  const ticket = await updateTicket(
    deps,
    id,
    { assigneeId: request.assigneeId, teamId: request.teamId },
    { type: "agent", id: by.id },
    authorize,
    { assignmentNote: request.note },
  );
  await addNote(deps, by, ticket.conversationId, request.note);
  return ticket;
}
