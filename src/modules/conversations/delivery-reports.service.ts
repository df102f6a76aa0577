/**
 * What providers report about sent replies (WhatsApp statuses, Twilio status callbacks), stored on the reply's
 * delivery; and the customer's last message, which bounds WhatsApp's 24-hour window.
 */
import type { DeliveryRow } from "../../db/schema/conversations.ts";
import type { ServiceDeps } from "../deps.ts";
import { findConversationByExternalId } from "./conversations.repo.ts";
import { findByProviderId, lastCustomerMessageAt } from "./delivery.repo.ts";
import { recordDelivery } from "./delivery.service.ts";

/** How far each delivery status has come: a report never moves a message back (a late "sent" after "read", say). */
const PROGRESS: Record<DeliveryRow["status"], number> = { pending: 0, sent: 1, delivered: 2, read: 3, failed: 3 };

/** A provider's report on a sent reply: its id for the message, in the conversation of a channel's external id. */
export type DeliveryReport = { channel: string; externalConversationId: string; externalMessageId: string; status: "sent" | "delivered" | "read" | "failed"; error?: string };

/**
 * Stores a provider's delivery report on the reply it names (`channelDelivery`); false when no reply of that
 * conversation has that provider id (a message sent elsewhere) or the report is behind what is stored.
 */
export async function recordDeliveryReport(deps: Pick<ServiceDeps, "db" | "now" | "events">, report: DeliveryReport): Promise<boolean> {
  const conversation = await findConversationByExternalId(deps.db, report.channel, report.externalConversationId);
  if (!conversation) return false;
  const found = await findByProviderId(deps.db, conversation.id, report.externalMessageId);
  if (!found?.delivery) return false;
  const current = found.delivery;
  const settled = current.status === "failed" || current.status === "read";
  const ahead = report.status === "failed" || PROGRESS[report.status] > PROGRESS[current.status];
  if (settled || !ahead) return false;
  const { error: _previous, ...kept } = current;
  await recordDelivery(deps, { id: found.id, conversationId: conversation.id }, { ...kept, status: report.status, ...(report.error ? { error: report.error } : {}), at: deps.now().toISOString() });
  return true;
}

/** When the customer last wrote in a conversation (WhatsApp's 24-hour customer-service window starts there). */
export async function customerLastWroteAt(deps: Pick<ServiceDeps, "db">, conversationId: string): Promise<Date | undefined> {
  return lastCustomerMessageAt(deps.db, conversationId);
}
