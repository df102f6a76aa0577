/** Sales use cases the bot and NLP need: order look-up and the product catalogue. */
import type { ServiceDeps } from "../deps.ts";
import { countOwnershipFailure, findOrderByNumber, listProducts, orderCustomerEmail, type OrderRow } from "./sales.repo.ts";

const CATALOGUE_TTL_MS = 60_000;
const catalogueCache = new WeakMap<object, { at: number; products: { id: string; name: string; sku?: string }[] }>();

/** The product catalogue as the entity extractor wants it, cached for a minute per database. */
export async function productCatalogue(deps: Pick<ServiceDeps, "db">): Promise<{ id: string; name: string; sku?: string }[]> {
  const cached = catalogueCache.get(deps.db);
  if (cached && Date.now() - cached.at < CATALOGUE_TTL_MS) return cached.products;
  const products = (await listProducts(deps.db)).map((p) => ({ id: p.id, name: p.name, sku: p.sku }));
  catalogueCache.set(deps.db, { at: Date.now(), products });
  return products;
}

/** Drops the cached catalogue after a product changes, so this node's bot stops matching an archived product at once (other nodes within the minute). */
export function forgetProductCatalogue(deps: Pick<ServiceDeps, "db">): void {
  catalogueCache.delete(deps.db);
}

/** Looks an order up by the number a customer gave. */
export async function orderByNumber(deps: Pick<ServiceDeps, "db">, number: string): Promise<OrderRow | undefined> {
  return findOrderByNumber(deps.db, number);
}

/** Wrong emails accepted for one order, across all chats, within `OWNERSHIP_WINDOW_MS` before the bot stops checking it. */
export const MAX_OWNERSHIP_FAILURES = 10;
/** The window over which wrong emails for one order are counted. */
export const OWNERSHIP_WINDOW_MS = 86_400_000;

/** The outcome of a customer's claim to own an order: the email matches, it does not (or there is no such order), or the order takes no more claims for now. */
export type OwnershipCheck = "match" | "mismatch" | "locked";

/**
 * Checks the email a customer gave against the order's customer. A missing order answers "mismatch" like a wrong email,
 * so the answer never tells which numbers exist; wrong emails are counted per order, and past the limit even the right
 * one answers "locked" until the window ends (a guesser cannot try indefinitely by opening new chats).
 */
export async function checkOrderOwnership(deps: Pick<ServiceDeps, "db" | "now">, number: string, email: string): Promise<OwnershipCheck> {
  const order = await findOrderByNumber(deps.db, number);
  if (!order) return "mismatch";
  const now = deps.now();
  const since = order.ownershipFailuresSince?.getTime() ?? 0;
  if (order.ownershipFailures >= MAX_OWNERSHIP_FAILURES && now.getTime() - since < OWNERSHIP_WINDOW_MS) return "locked";
  const owner = await orderCustomerEmail(deps.db, order.id);
  if (owner !== null && owner === email.trim().toLowerCase()) return "match";
  const failures = await countOwnershipFailure(deps.db, order.id, now, OWNERSHIP_WINDOW_MS);
  return failures > MAX_OWNERSHIP_FAILURES ? "locked" : "mismatch";
}
