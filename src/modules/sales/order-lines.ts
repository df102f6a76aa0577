/** How a new order's lines are priced from the catalogue: products found and on sale, one currency, totals that fit. */
import type { OrderItem } from "../../db/schema/sales.ts";
import { AppError } from "../../errors.ts";
import type { ProductRow } from "./sales.repo.ts";

/** A line as the request gives it. */
export type RequestedLine = { productId: string; quantity: number; unitPriceCents?: number };

/** The priced lines of an order, its currency, total and units. */
export type PricedOrder = { items: OrderItem[]; currency: string; totalCents: number; units: number };

// The orders table keeps totals and units in 32-bit integers.
const MAX_INT = 2_147_483_647;

/**
 * Prices the lines: an unknown product is 404 PRODUCT_NOT_FOUND naming it; an archived one, a line that takes the
 * price of a product in another currency than the order's, or products in several currencies without `currency`
 * are 400 VALIDATION_FAILED naming the field.
 */
export function priceLines(lines: RequestedLine[], products: Map<string, ProductRow>, currency: string | undefined): PricedOrder {
  lines.forEach((line, index) => {
    const product = products.get(line.productId);
    if (!product) throw new AppError("PRODUCT_NOT_FOUND", `Product ${line.productId} (items.${index}.productId) does not exist.`, { [`items.${index}.productId`]: `no product ${line.productId}` });
    if (!product.active) {
      throw new AppError("VALIDATION_FAILED", `Product ${product.sku} is archived and cannot go on new orders.`, { [`items.${index}.productId`]: `product ${product.sku} is archived` });
    }
  });
  const found = lines.map((line) => products.get(line.productId) as ProductRow);
  const currencies = [...new Set(found.map((p) => p.currency))].sort();
  if (currency === undefined && currencies.length > 1) {
    throw new AppError("VALIDATION_FAILED", `The products are priced in ${currencies.join(", ")}: give the order's currency.`, {
      currency: `required when the products are priced in several currencies (${currencies.join(", ")})`,
    });
  }
  const orderCurrency = currency ?? currencies[0];
  const items = lines.map((line, index): OrderItem => {
    const product = found[index];
    if (line.unitPriceCents === undefined && product.currency !== orderCurrency) {
      throw new AppError("VALIDATION_FAILED", `Product ${product.sku} is priced in ${product.currency}, the order in ${orderCurrency}.`, {
        [`items.${index}.unitPriceCents`]: `required: product ${product.sku} is priced in ${product.currency}, the order in ${orderCurrency}`,
      });
    }
    return { productId: product.id, sku: product.sku, name: product.name, quantity: line.quantity, priceCents: line.unitPriceCents ?? product.priceCents };
  });
  const totalCents = items.reduce((sum, i) => sum + i.priceCents * i.quantity, 0);
  const units = items.reduce((sum, i) => sum + i.quantity, 0);
  if (totalCents > MAX_INT || units > MAX_INT) throw new AppError("VALIDATION_FAILED", "The order's total is too large.", { items: `the total must be at most ${MAX_INT} cents` });
  return { items, currency: orderCurrency, totalCents, units };
}
