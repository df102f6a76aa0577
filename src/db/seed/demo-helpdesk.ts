/** Demo labels with intent rules and shared canned replies, so the label chips and the / picker show on a first start. */
import type { Database } from "../client.ts";
import { tables } from "../index.ts";

/** Demo labels: a customer message with one of `intents` labels its conversation. */
export const demoLabels = [
  { name: "Refund", color: "#d97706", intents: ["get_refund", "track_refund", "check_refund_policy"] },
  { name: "Shipping", color: "#2563eb", intents: ["track_order", "delivery_options", "delivery_period", "change_shipping_address"] },
  { name: "Urgent", color: "#dc2626", intents: ["complaint"] },
];

/** Demo shared canned replies, typed after / in the reply box; the variables are filled from the conversation. */
export const demoCannedReplies = [
  {
    shortcut: "hello",
    text: "Hi {{customer.name}}, I'm {{agent.name}} from Acme Outdoor. How can I help?",
    intents: ["greeting"],
  },
  {
    shortcut: "where",
    text: "Hi {{customer.name}}, {{order.number}} is on its way; the tracking link in your shipping email shows where it is now.",
    intents: ["track_order", "delivery_period"],
  },
  {
    shortcut: "refund",
    text: "Hi {{customer.name}}, I've started the refund for {{order.number}}; it reaches your account within 5 business days.",
    intents: ["get_refund", "track_refund"],
  },
  {
    shortcut: "return",
    text: "Start a return from Orders → Return item in your account; we email you a prepaid label for {{order.number}}.",
    intents: ["return_item"],
  },
  {
    shortcut: "thanks",
    text: "Thanks for your patience, {{customer.name}}! — {{agent.name}}",
    intents: ["thanks", "goodbye"],
  },
];

/** Inserts the demo labels and shared canned replies; existing ones (same name, same shared shortcut) are kept as they are. */
export async function seedDemoHelpdesk(tx: Database): Promise<void> {
  await tx.insert(tables.labels).values(demoLabels).onConflictDoNothing();
  await tx
    .insert(tables.cannedReplies)
    .values(demoCannedReplies.map((r) => ({ ...r, shared: true, ownerId: null })))
    .onConflictDoNothing();
}
