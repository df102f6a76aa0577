/** Product row → DTO. */
import type { ProductDTO } from "../../contracts/sales.ts";
import type { ProductRow } from "./sales.repo.ts";

/** Presents a product. */
export function presentProduct(row: ProductRow): ProductDTO {
  return {
    id: row.id,
    sku: row.sku,
    name: row.name,
    description: row.description,
    priceCents: row.priceCents,
    currency: row.currency,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
