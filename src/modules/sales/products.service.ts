/** Product use cases: list and search the catalogue, add, read and change products, archive them. */
import { isUniqueViolation } from "../../db/index.ts";
import { AppError } from "../../errors.ts";
import type { ServiceDeps } from "../deps.ts";
import { findProduct, findProductBySku, insertProduct, listProductRows, updateProductRow, type ProductCursor, type ProductValues } from "./products.repo.ts";
import type { CreateProductInput, UpdateProductInput } from "./products.schemas.ts";
import type { ProductRow } from "./sales.repo.ts";
import { forgetProductCatalogue } from "./sales.service.ts";

type Deps = Pick<ServiceDeps, "db" | "now">;

/** The currency a product is priced in when none is given. */
export const DEFAULT_CURRENCY = "USD";

/** Products matching an optional search and state, by name then id; `limit` rows after the cursor. */
export async function searchProducts(deps: Deps, query: { q?: string; active?: boolean; cursor: ProductCursor | null; limit: number }): Promise<ProductRow[]> {
  return listProductRows(deps.db, { q: query.q || undefined, active: query.active }, query.cursor, query.limit);
}

/** One product (archived ones too), or 404 PRODUCT_NOT_FOUND. */
export async function getProduct(deps: Deps, id: string): Promise<ProductRow> {
  const product = await findProduct(deps.db, id);
  if (!product) throw new AppError("PRODUCT_NOT_FOUND", `Product ${id} does not exist.`);
  return product;
}

function skuTaken(existing: ProductRow | undefined): AppError {
  return new AppError("PRODUCT_EXISTS", undefined, { sku: "is taken by another product" }, existing ? { existingId: existing.id } : undefined);
}


/** Adds a product to the catalogue (409 PRODUCT_EXISTS with `existingId` when its SKU is taken). */
export async function createProduct(deps: Deps, input: CreateProductInput): Promise<ProductRow> {
  const created = await insertProduct(deps.db, {
    sku: input.sku,
    name: input.name,
    description: input.description ?? null,
    priceCents: input.priceCents,
    currency: input.currency ?? DEFAULT_CURRENCY,
  });
  if (!created) throw skuTaken(await findProductBySku(deps.db, input.sku));
  forgetProductCatalogue(deps);
  return created;
}

/**
 * Changes a product. A new price applies to orders placed from now on: the lines of past orders keep the price they
 * were sold at. `active: true` brings an archived product back into the catalogue.
 */
export async function updateProduct(deps: Deps, id: string, patch: UpdateProductInput): Promise<ProductRow> {
  await getProduct(deps, id);
  if (patch.sku !== undefined) {
    const holder = await findProductBySku(deps.db, patch.sku);
    if (holder && holder.id !== id) throw skuTaken(holder);
  }
  const changes: Partial<ProductValues> = { ...patch };
  let updated: ProductRow | undefined;
  try {
    updated = await updateProductRow(deps.db, id, changes, deps.now());
  } catch (error) {
    // Two requests claimed the same SKU at once: the unique index let one through.
    if (patch.sku !== undefined && isUniqueViolation(error)) throw skuTaken(await findProductBySku(deps.db, patch.sku));
    throw error;
  }
  if (!updated) throw new AppError("PRODUCT_NOT_FOUND", `Product ${id} does not exist.`);
  forgetProductCatalogue(deps);
  return updated;
}

/**
 * Archives a product (DELETE): it leaves the catalogue the bot matches and cannot go on new orders, and stays on the
 * orders that have it (and in their sales figures). Archiving an archived product changes nothing.
 */
export async function archiveProduct(deps: Deps, id: string): Promise<void> {
  const product = await getProduct(deps, id);
  if (!product.active) return;
  await updateProductRow(deps.db, id, { active: false }, deps.now());
  forgetProductCatalogue(deps);
}
