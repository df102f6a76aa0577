/** Order row → DTO. */
import type { OrderDTO, OrderItemDTO } from "../../contracts/sales.ts";
import type { OrderView } from "./orders.repo.ts";

/** Presents an order with its customer, company and owner. */
export function presentOrder(row: OrderView): OrderDTO {
  const items: OrderItemDTO[] = row.items.map((i) => ({
    productId: i.productId,
    sku: i.sku,
    name: i.name,
    quantity: i.quantity,
    unitPriceCents: i.priceCents,
    amountCents: i.priceCents * i.quantity,
  }));
  return {
    id: row.id,
    number: row.number,
    customer: row.customerId ? { id: row.customerId, name: row.customerName, email: row.customerEmail } : null,
    company: row.companyId && row.companyName !== null ? { id: row.companyId, name: row.companyName, domain: row.companyDomain } : null,
    status: row.status,
    items,
    totalCents: row.totalCents,
    units: row.units,
    currency: row.currency,
    placedAt: row.placedAt.toISOString(),
    owner: row.ownerId ? { id: row.ownerId, name: row.ownerName } : null,
    channel: row.channel,
    dealId: row.dealId,
    conversationId: row.conversationId,
    carrier: row.carrier,
    trackingNumber: row.trackingNumber,
    estimatedDelivery: row.estimatedDelivery,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
