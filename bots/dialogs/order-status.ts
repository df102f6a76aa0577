/** Order-status dialog: answers "where is my order" from the orders table to the order's owner, asking for the number or the email on the order. */
import type { BotMemory, BotOrder, BotServices, BotTurn, OrderDialogState } from "../bot-services.ts";
import { say } from "../strings.ts";

/** Intents that ask about an order's whereabouts. */
export const ORDER_STATUS_INTENTS: ReadonlySet<string> = new Set(["track_order"]);

// Customers who were just asked for the number often type it bare ("10042", "ord 10042").
const bareOrderNumber = /\b((?:ORD|ORDER)[-\s#]?\d{3,12}|#?[A-Z]{0,3}\d{4,12})\b/i;

/** The order number a message gives: an order_number entity, or a bare id when the bot asked for one. */
export function orderNumberIn(turn: BotTurn, asked: boolean): string | undefined {
  const entity = turn.annotation?.entities.find((e) => e.type === "order_number");
  if (entity) return String(entity.value ?? entity.text).replace(/^#/, "");
  if (!asked) return undefined;
  const match = bareOrderNumber.exec(turn.text);
  return match ? match[1].replace(/^#/, "").replace(/^(ORD|ORDER)[\s#]?/i, "ORD-").toUpperCase() : undefined;
}

/** Describes an order's status in one or two sentences. */
export function describeOrder(order: BotOrder): string {
  const items = order.itemNames.length ? ` (${order.itemNames.join(", ")})` : "";
  switch (order.status) {
    case "processing":
      return `Order ${order.number}${items} is being prepared and hasn't shipped yet.${order.estimatedDelivery ? ` Estimated delivery: ${order.estimatedDelivery}.` : ""}`;
    case "shipped":
      return `Order ${order.number}${items} has shipped${order.carrier ? ` with ${order.carrier}` : ""}${order.trackingNumber ? ` (tracking number ${order.trackingNumber})` : ""}.${order.estimatedDelivery ? ` Estimated delivery: ${order.estimatedDelivery}.` : ""}`;
    case "delivered":
      return `Order ${order.number}${items} was delivered${order.estimatedDelivery ? ` on ${order.estimatedDelivery}` : ""}.`;
    case "cancelled":
      return `Order ${order.number}${items} was cancelled.`;
  }
}

/** Wrong emails a conversation may give before the bot stops checking emails in it. */
export const MAX_WRONG_EMAILS = 3;

/** What the dialog answers and what the bot should remember afterwards. */
export type OrderTurnResult = { reply: string; awaiting: BotMemory["awaiting"]; order: OrderDialogState; handled: boolean };

const emailPattern = /[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[a-z]{2,}/i;

/** The email address a message gives: an email entity, or an address-looking word. */
export function emailIn(turn: BotTurn): string | undefined {
  const entity = turn.annotation?.entities.find((e) => e.type === "email");
  if (entity) return String(entity.value ?? entity.text);
  return emailPattern.exec(turn.text)?.[0];
}

/** Whether this conversation may see the order: its customer owns it (a verified user), or proved it earlier in the chat. */
function mayShow(order: BotOrder, turn: BotTurn): boolean {
  if (!order.customerId) return false;
  return order.customerId === turn.customerId || (turn.botState.order?.provenOwners ?? []).includes(order.customerId);
}

async function checkEmail(services: BotServices, turn: BotTurn, number: string, email: string): Promise<OrderTurnResult> {
  const memory = turn.botState.order ?? {};
  const outcome = await services.checkOrderOwnership(number, email);
  const order = outcome === "match" ? await services.orderByNumber(number) : undefined;
  if (order?.customerId) {
    const provenOwners = [...new Set([...(memory.provenOwners ?? []), order.customerId])];
    return { reply: describeOrder(order), awaiting: null, order: { ...memory, pending: undefined, provenOwners }, handled: true };
  }
  const wrongEmails = (memory.wrongEmails ?? 0) + 1;
  if (outcome === "locked" || wrongEmails >= MAX_WRONG_EMAILS) {
    return { reply: say.orderChecksStopped, awaiting: null, order: { ...memory, pending: undefined, wrongEmails: Math.max(wrongEmails, MAX_WRONG_EMAILS) }, handled: true };
  }
  return { reply: say.orderEmailMismatch(number), awaiting: "order_email", order: { ...memory, pending: number, wrongEmails }, handled: true };
}

/**
 * Runs one turn of the dialog; undefined when this turn is not about an order. Order details go only to the order's
 * owner (a verified user whose customer record it is) or to a chat that gave the email on the order; anyone else is
 * asked for that email, a few wrong ones end the checks, and a missing order answers like a wrong email.
 */
export async function orderStatusTurn(services: BotServices, turn: BotTurn): Promise<OrderTurnResult | undefined> {
  const memory = turn.botState.order ?? {};
  const stopped = (memory.wrongEmails ?? 0) >= MAX_WRONG_EMAILS;
  const intent = turn.annotation?.intent.name ?? "unknown";
  if (turn.botState.awaiting === "order_email" && memory.pending && !stopped) {
    const email = emailIn(turn);
    if (email) return checkEmail(services, turn, memory.pending, email);
    const other = orderNumberIn(turn, true);
    // A clear other request (a question for the FAQ, small talk) is answered instead; the order waits until asked again.
    if (!other && intent !== "unknown" && !ORDER_STATUS_INTENTS.has(intent)) return undefined;
    if (!other || other === memory.pending) return { reply: say.askOrderEmailAgain(memory.pending), awaiting: "order_email", order: memory, handled: false };
  }
  const asked = turn.botState.awaiting === "order_number" || turn.botState.awaiting === "order_email";
  const number = orderNumberIn(turn, asked);
  const aboutOrder = ORDER_STATUS_INTENTS.has(intent) || asked || (number !== undefined && intent === "unknown");
  if (!aboutOrder) return undefined;
  if (!number) return { reply: say.askOrderNumber, awaiting: "order_number", order: memory, handled: true };
  const order = await services.orderByNumber(number);
  if (order && mayShow(order, turn)) return { reply: describeOrder(order), awaiting: null, order: { ...memory, pending: undefined }, handled: true };
  if (stopped) return { reply: say.orderChecksStopped, awaiting: null, order: memory, handled: true };
  // "Where is ORD-10001? My email is …": the proof came with the question.
  const email = emailIn(turn);
  if (email) return checkEmail(services, turn, number, email);
  // The number as the customer gave it, whether or not such an order exists: the answer must not tell.
  return { reply: say.askOrderEmail(number), awaiting: "order_email", order: { ...memory, pending: number }, handled: true };
}
