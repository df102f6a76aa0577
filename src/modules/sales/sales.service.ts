/** Sales use cases the bot and NLP need: order look-up and the product catalogue. */
import type { ServiceDeps } from "../deps.ts";
import { findOrderByNumber, listProducts, type OrderRow } from "./sales.repo.ts";

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

/** Looks an order up by the number a customer gave. */
export async function orderByNumber(deps: Pick<ServiceDeps, "db">, number: string): Promise<OrderRow | undefined> {
  return findOrderByNumber(deps.db, number);
}
