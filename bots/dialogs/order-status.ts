/** Order-status dialog: answers "where is my order" from the orders table, asking for the number when it is missing. */
import type { BotOrder, BotServices, BotTurn } from "../bot-services.ts";
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

/** Runs one turn of the dialog; returns the reply, or undefined when this turn is not about an order. */
export async function orderStatusTurn(
  services: BotServices,
  turn: BotTurn,
): Promise<{ reply: string; awaiting: "order_number" | null; handled: boolean } | undefined> {
  const asked = turn.botState.awaiting === "order_number";
  const intent = turn.annotation?.intent.name ?? "unknown";
  const number = orderNumberIn(turn, asked);
  const aboutOrder = ORDER_STATUS_INTENTS.has(intent) || asked || (number !== undefined && intent === "unknown");
  if (!aboutOrder) return undefined;
  if (!number) return { reply: say.askOrderNumber, awaiting: "order_number", handled: true };
  const order = await services.orderByNumber(number);
  if (!order) return { reply: say.orderNotFound(number), awaiting: "order_number", handled: false };
  return { reply: describeOrder(order), awaiting: null, handled: true };
}
