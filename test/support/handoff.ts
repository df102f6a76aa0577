/** A customer conversation for tests, committed through the conversation service (the bot does not answer), optionally handed off and assigned. */
import { randomUUID } from "node:crypto";
import { receiveCustomerMessage } from "../../src/modules/conversations/index.ts";
import { openHandoffTicket, updateTicket } from "../../src/modules/tickets/index.ts";
import type { TestApp } from "./create-test-app.ts";

/** A new customer's conversation on a channel (web by default) with one message; returns its id. */
export async function customerConversation(t: TestApp, text: string, options: { channel?: string; name?: string } = {}): Promise<string> {
  const id = randomUUID();
  const { conversation } = await receiveCustomerMessage(t.container.deps, {
    inboxId: t.inboxId,
    channel: options.channel ?? "web",
    externalUserId: id,
    externalConversationId: id,
    text,
    profile: options.name ? { name: options.name } : undefined,
    answeredInTurn: true,
  });
  return conversation.id;
}

/** A conversation handed to humans, its ticket assigned to this user (or left in the queue). */
export async function handedOffTicket(t: TestApp, assigneeId: string | null, text = "I want to talk to a person"): Promise<{ ticketId: string; conversationId: string }> {
  const conversationId = await customerConversation(t, text);
  const ticket = await openHandoffTicket(t.container.deps, { conversationId, reason: "customer_request" });
  if (assigneeId !== ticket.assigneeId) await updateTicket(t.container.deps, ticket.id, { assigneeId }, { type: "system", id: null });
  return { ticketId: ticket.id, conversationId };
}
