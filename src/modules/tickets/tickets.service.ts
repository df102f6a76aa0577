/** Ticket use cases: open a ticket on hand-off and route it, change it, list it; every change leaves a ticket event. */
import type { TicketPriority, TicketStatus } from "../../contracts/api.ts";
import { AppError } from "../../errors.ts";
import { childLogger } from "../../logger.ts";
import { findUser } from "../agents/index.ts";
import { applyTeamAndSnooze, actorUserId, notifyAssignee, routeTransferred, teamToRouteIn } from "./assignment.service.ts";
import { addReply, getConversation, getMessage, requestCsat, setConversationStatus } from "../conversations/index.ts";
import { findCustomer } from "../customers/index.ts";
import type { ServiceDeps } from "../deps.ts";
import { pickUpQueue, routeTicket, ticketPriority, type HandoffReason } from "../routing/index.ts";
import { findActiveTicketForConversation, findTicket, insertTicket, stampFirstResponse, updateTicketWithEvents, type TicketRow } from "./tickets.repo.ts";
import { tellOfflineOnce } from "./offline-notice.service.ts";
import { handoffStrings } from "./tickets.strings.ts";

const log = childLogger("tickets");

/** Who changed a ticket: `id` is the user's for an agent, the key's for an API key. */
export type Actor = { type: "system" | "bot" | "agent" | "customer" | "api_key"; id: string | null };

/**
 * Hands a conversation to humans: opens (or reuses) its ticket, routes it (team, skill, capacity; see the routing module), tells the customer
 * (and, outside the inbox's business hours, gives its offline message), then marks the conversation handed off. Safe to run again after a crash part-way: the conversation changes last, so a
 * rerun finds the ticket, keeps its assignee, and the reply (keyed by `replyKey`) is stored once.
 */
export async function openHandoffTicket(
  deps: ServiceDeps,
  input: { conversationId: string; reason: HandoffReason; triggerMessageId?: string; replyKey?: string },
): Promise<TicketRow> {
  const conversation = await getConversation(deps, input.conversationId);
  const existing = await findActiveTicketForConversation(deps.db, conversation.id);
  if (existing && conversation.status === "handoff") return existing;
  const now = deps.now();
  let ticket = existing ?? (await insertNewTicket(deps, conversation, input, now));
  let agent: { name: string } | undefined = ticket.assigneeId ? await findUser(deps.db, ticket.assigneeId) : undefined;
  if (!ticket.assigneeId) {
    const routed = await routeTicket(deps, ticket);
    if (routed.ticket) {
      ticket = routed.ticket;
      agent = routed.assignee ?? undefined;
      if (routed.assignee) await notifyAssignee(deps, routed.ticket, routed.assignee.id, { type: "system", id: null });
    } else {
      // Queued, or someone took or changed the ticket meanwhile: announce whoever has it now.
      ticket = (await findTicket(deps.db, ticket.id)) ?? ticket;
      agent = ticket.assigneeId ? await findUser(deps.db, ticket.assigneeId) : undefined;
    }
  }
  await addReply(deps, conversation.id, {
    senderType: "system",
    text: agent ? handoffStrings.en.assigned(agent.name) : handoffStrings.en.queued,
    clientMsgId: input.replyKey ?? `handoff:${ticket.id}`,
  });
  // Outside the inbox's business hours the customer also learns when people are back (once per conversation).
  await tellOfflineOnce(deps, conversation.id, conversation.inboxId);
  await setConversationStatus(deps, conversation.id, "handoff");
  deps.events.emit("ticket.updated", { ticketId: ticket.id });
  return ticket;
}

/** Inserts the hand-off's ticket with its "created" event; priority from the triggering message and the customer's tier. */
async function insertNewTicket(
  deps: ServiceDeps,
  conversation: Awaited<ReturnType<typeof getConversation>>,
  input: { reason: HandoffReason; triggerMessageId?: string },
  now: Date,
): Promise<TicketRow> {
  const trigger = input.triggerMessageId ? await getMessage(deps, input.triggerMessageId) : undefined;
  const customer = await findCustomer(deps.db, conversation.customerId);
  return insertTicket(
    deps.db,
    {
      conversationId: conversation.id,
      customerId: conversation.customerId,
      subject: conversation.subject ?? "Conversation with a customer",
      priority: ticketPriority(trigger?.annotation ?? null, customer?.tier),
      reason: input.reason,
      createdAt: now,
      updatedAt: now,
    },
    { actorType: "bot", data: { reason: input.reason, triggerMessageId: input.triggerMessageId ?? null } },
  );
}

/** A change an agent (or another system, with an API key) asks for. */
export type TicketPatch = {
  status?: TicketStatus;
  priority?: TicketPriority;
  assigneeId?: string | null;
  teamId?: string | null;
  snoozedUntil?: Date | null;
};

// How often a change is decided again on a ticket that others keep changing before TICKET_CHANGED is answered.
const CHANGE_ATTEMPTS = 5;

/**
 * Applies an agent's (or API key's) change to a ticket; resolving also resolves the conversation, reopening hands it
 * back to the queue. `authorize` (the caller's permission check) sees the ticket as the change is decided on it, and
 * the change applies only to that state: when someone else changed the ticket in between, it is read, authorized and
 * decided again, so a permission granted on "unassigned" never takes a ticket that just became another agent's.
 */
export async function updateTicket(
  deps: ServiceDeps,
  id: string,
  patch: TicketPatch,
  actor: Actor,
  authorize: (ticket: TicketRow) => void | Promise<void> = () => undefined,
  extra: { assignmentNote?: string } = {},
): Promise<TicketRow> {
  for (let attempt = 1; attempt <= CHANGE_ATTEMPTS; attempt++) {
    const ticket = await findTicket(deps.db, id);
    if (!ticket) throw new AppError("TICKET_NOT_FOUND");
    await authorize(ticket);
    const changes: Parameters<typeof updateTicketWithEvents>[2] = {};
    const events: Parameters<typeof updateTicketWithEvents>[3] = [];
    const record = (type: string, data: Record<string, unknown>): void => {
      events.push({ type, actorType: actor.type, actorId: actor.id, data });
    };
    if (patch.status && patch.status !== ticket.status) {
      changes.status = patch.status;
      changes.resolvedAt = patch.status === "resolved" ? deps.now() : null;
      record("status_changed", { from: ticket.status, to: patch.status });
    }
    if (patch.priority && patch.priority !== ticket.priority) {
      changes.priority = patch.priority;
      record("priority_changed", { from: ticket.priority, to: patch.priority });
    }
    if (patch.assigneeId !== undefined && patch.assigneeId !== ticket.assigneeId) {
      if (patch.assigneeId !== null && !(await findUser(deps.db, patch.assigneeId))) {
        throw new AppError("USER_NOT_FOUND", "The assignee does not exist.", { assigneeId: "no such user" });
      }
      changes.assigneeId = patch.assigneeId;
      const note = extra.assignmentNote ? { note: extra.assignmentNote } : {};
      record(patch.assigneeId ? "assigned" : "unassigned", { from: ticket.assigneeId, to: patch.assigneeId, ...note });
    }
    await applyTeamAndSnooze(deps, ticket, patch, changes, record);
    // Transferred to a team without naming an agent: the team's routing picks one (or its queue takes the ticket).
    const routeIn = await teamToRouteIn(deps, ticket, patch, changes);
    if (routeIn && ticket.assigneeId) {
      changes.assigneeId = null;
      record("unassigned", { from: ticket.assigneeId, to: null, teamId: routeIn, ...(extra.assignmentNote ? { note: extra.assignmentNote } : {}) });
    }
    if (events.length === 0) return ticket;
    let updated = await updateTicketWithEvents(deps.db, id, changes, events, ticket);
    if (!updated) continue;
    if (routeIn) updated = await routeTransferred(deps, updated, routeIn, actor, extra.assignmentNote);
    if (changes.status === "resolved") {
      // The customer is told, on their channel, before the conversation closes (a reply keyed by this resolution).
      await addReply(deps, ticket.conversationId, { senderType: "system", text: handoffStrings.en.resolved, clientMsgId: `resolved:${id}:${updated.updatedAt.getTime()}` });
      await setConversationStatus(deps, ticket.conversationId, "resolved");
      // Then asked how it went (once per conversation); a failure to ask never undoes the resolution.
      await requestCsat(deps, ticket.conversationId).catch((error: unknown) => log.error({ err: error, conversationId: ticket.conversationId }, "could not ask for the CSAT rating"));
    }
    else if (changes.status && ticket.status === "resolved") await setConversationStatus(deps, ticket.conversationId, "handoff");
    if (changes.assigneeId && changes.assigneeId !== actorUserId(actor)) {
      await notifyAssignee(deps, updated, changes.assigneeId, actor, extra.assignmentNote);
    }
    deps.events.emit("ticket.updated", { ticketId: id });
    // The previous assignee has room again (resolved, or handed the conversation on): their team's queue comes next.
    const freed = ticket.assigneeId && (changes.status === "resolved" || changes.assigneeId !== undefined) ? ticket.assigneeId : null;
    if (freed) await pickUpQueue(deps, freed, { excludeTicketId: id });
    return updated;
  }
  throw new AppError("TICKET_CHANGED");
}

/** Finds a ticket or fails with TICKET_NOT_FOUND. */
export async function getTicket(deps: Pick<ServiceDeps, "db">, id: string): Promise<TicketRow> {
  const ticket = await findTicket(deps.db, id);
  if (!ticket) throw new AppError("TICKET_NOT_FOUND");
  return ticket;
}

/** Records the first agent reply on a conversation's open ticket (for first-response times). */
export async function noteAgentReply(deps: Pick<ServiceDeps, "db">, conversationId: string, at: Date): Promise<void> {
  await stampFirstResponse(deps.db, conversationId, at);
}
