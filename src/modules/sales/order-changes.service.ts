/** Changing an order: status transitions (with the sales rollups), shipping details, and the customer's timeline. */
import type { OrderStatus } from "../../contracts/sales.ts";
import { AppError } from "../../errors.ts";
import { recordCustomerEvent } from "../customers/index.ts";
import type { ServiceDeps } from "../deps.ts";
import type { Actor } from "../policy/index.ts";
import { lockOrder, updateOrderRow, type OrderPatch, type OrderView } from "./orders.repo.ts";
import type { UpdateOrderInput } from "./orders.schemas.ts";
import { getOrder } from "./orders.service.ts";
import { applyOrderToRollups } from "./rollups.repo.ts";

type Deps = Pick<ServiceDeps, "db" | "now">;

/** The statuses an order may move to from each status: forward through shipping, or cancelled before delivery. */
export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  processing: ["shipped", "cancelled"],
  shipped: ["delivered", "cancelled"],
  delivered: [],
  cancelled: [],
};

const SHIPPING_FIELDS = ["carrier", "trackingNumber", "estimatedDelivery"] as const;

/**
 * Changes an order's status (409 ORDER_STATUS_INVALID for a move ORDER_TRANSITIONS does not allow; the same status is
 * no move), carrier, tracking number or estimated delivery. The order row is locked for the check; a cancellation takes
 * the order out of the sales rollups in the same transaction; the change goes on the customer's timeline with who made it.
 */
export async function changeOrder(deps: Deps, actor: Actor, id: string, input: UpdateOrderInput): Promise<OrderView> {
  const at = deps.now();
  await deps.db.transaction(async (tx) => {
    const order = await lockOrder(tx, id);
    if (!order) throw new AppError("ORDER_NOT_FOUND", `Order ${id} does not exist.`);
    const patch: OrderPatch = {};
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const field of SHIPPING_FIELDS) {
      const value = input[field];
      if (value !== undefined && value !== order[field]) {
        patch[field] = value;
        changes[field] = { from: order[field], to: value };
      }
    }
    const from = order.status;
    const to = input.status ?? from;
    if (to !== from) {
      if (!ORDER_TRANSITIONS[from].includes(to)) {
        const allowed = ORDER_TRANSITIONS[from];
        throw new AppError("ORDER_STATUS_INVALID", `An order that is ${from} cannot become ${to}${allowed.length ? ` (only ${allowed.join(" or ")})` : ""}.`, {
          status: `cannot change from ${from} to ${to}`,
        });
      }
      patch.status = to;
    }
    if (Object.keys(patch).length === 0) return;
    const updated = await updateOrderRow(tx, id, patch, at);
    if (!updated) throw new AppError("ORDER_NOT_FOUND", `Order ${id} does not exist.`);
    if (to === "cancelled" && from !== "cancelled") await applyOrderToRollups(tx, id, -1);
    if (!updated.customerId) return;
    const data = {
      orderId: id,
      number: updated.number,
      status: updated.status,
      totalCents: updated.totalCents,
      currency: updated.currency,
      carrier: updated.carrier,
      tracking: updated.trackingNumber,
      ...(to !== from ? { from, to } : {}),
      ...(Object.keys(changes).length ? { changes } : {}),
    };
    await recordCustomerEvent({ db: tx }, updated.customerId, to !== from ? `order.${to}` : "order.updated", actor, data);
  });
  return getOrder(deps, id);
}
