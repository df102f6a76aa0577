/** Order use cases: list, read and record orders (with the daily sales rollups kept in the same transaction). */
import { randomInt } from "node:crypto";
import { AppError } from "../../errors.ts";
import { loadLiveCustomer } from "../customers/index.ts";
import type { ServiceDeps } from "../deps.ts";
import { priceLines } from "./order-lines.ts";
import { conversationExists, dealExists, findOrderView, insertOrderNumbered, listOrderRows, userExists, type OrderCursor, type OrderFilter, type OrderView } from "./orders.repo.ts";
import type { CreateOrderInput } from "./orders.schemas.ts";
import { findProducts } from "./products.repo.ts";
import { applyOrderToRollups } from "./rollups.repo.ts";

type Deps = Pick<ServiceDeps, "db" | "now">;

/** How far ahead of the server's clock a `placedAt` may be (another machine's clock may run a little fast). */
export const PLACED_AT_SKEW_MS = 5 * 60_000;

/** A fresh order number: "ORD-" and eight digits, drawn at random (a clash is retried by the insert). */
export function newOrderNumber(): string {
  return `ORD-${randomInt(10_000_000, 100_000_000)}`;
}

/** Orders matching the filters, newest placedAt first; `limit` rows after the cursor. */
export async function searchOrders(deps: Deps, filter: OrderFilter, cursor: OrderCursor | null, limit: number): Promise<OrderView[]> {
  return listOrderRows(deps.db, filter, cursor, limit);
}

/** One order, or 404 ORDER_NOT_FOUND. */
export async function getOrder(deps: Deps, id: string): Promise<OrderView> {
  const order = await findOrderView(deps.db, id);
  if (!order) throw new AppError("ORDER_NOT_FOUND", `Order ${id} does not exist.`);
  return order;
}

// The records an order may point at must exist: each missing one is its own 404, naming the field.
async function checkLinks(deps: Deps, input: CreateOrderInput): Promise<void> {
  if (input.ownerId && !(await userExists(deps.db, input.ownerId))) throw new AppError("USER_NOT_FOUND", `User ${input.ownerId} (ownerId) does not exist.`, { ownerId: "no such user" });
  if (input.dealId && !(await dealExists(deps.db, input.dealId))) throw new AppError("DEAL_NOT_FOUND", `Deal ${input.dealId} (dealId) does not exist.`, { dealId: "no such deal" });
  if (input.conversationId && !(await conversationExists(deps.db, input.conversationId))) {
    throw new AppError("CONVERSATION_NOT_FOUND", `Conversation ${input.conversationId} (conversationId) does not exist.`, { conversationId: "no such conversation" });
  }
}

/**
 * Records an order: the customer must be live (404 CUSTOMER_NOT_FOUND, with `mergedInto` for a merged one), every
 * product known (404 PRODUCT_NOT_FOUND naming it) and on sale; unit prices default to the products', the currency to
 * theirs. `placedAt` may lie in the past (imported history) but not in the future; `status` may be given for history.
 * The order and its share of the daily sales rollups are written in one transaction (a cancelled order has none).
 */
export async function createOrder(deps: Deps, input: CreateOrderInput): Promise<OrderView> {
  const now = deps.now();
  if (input.placedAt && input.placedAt.getTime() > now.getTime() + PLACED_AT_SKEW_MS) {
    throw new AppError("VALIDATION_FAILED", "placedAt is in the future.", { placedAt: "must not be in the future" });
  }
  const customer = await loadLiveCustomer(deps, input.customerId);
  const products = new Map((await findProducts(deps.db, [...new Set(input.items.map((i) => i.productId))])).map((p) => [p.id, p]));
  const priced = priceLines(input.items, products, input.currency);
  await checkLinks(deps, input);
  const status = input.status ?? "processing";
  const order = await deps.db.transaction(async (tx) => {
    const row = await insertOrderNumbered(
      tx,
      {
        customerId: customer.id,
        status,
        ...priced,
        placedAt: input.placedAt ?? now,
        ownerId: input.ownerId ?? null,
        channel: input.channel ?? null,
        dealId: input.dealId ?? null,
        conversationId: input.conversationId ?? null,
        carrier: input.carrier ?? null,
        trackingNumber: input.trackingNumber ?? null,
        estimatedDelivery: input.estimatedDelivery ?? null,
        createdAt: now,
        updatedAt: now,
      },
      newOrderNumber,
    );
    if (!row) throw new AppError("INTERNAL", "No free order number was found; try again.");
    if (status !== "cancelled") await applyOrderToRollups(tx, row.id, 1);
    return row;
  });
  return getOrder(deps, order.id);
}
