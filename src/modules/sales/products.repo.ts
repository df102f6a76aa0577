/** Queries on the product catalogue. */
import { and, asc, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import { tables, type Database } from "../../db/index.ts";
import type { ProductRow } from "./sales.repo.ts";

/** Keyset cursor of the product list: name and id of the previous page's last row. */
export type ProductCursor = { name: string; id: string };

/** The columns a product write may set. */
export type ProductValues = Pick<ProductRow, "sku" | "name" | "description" | "priceCents" | "currency" | "active">;

const p = tables.products;

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Products by name then id after the cursor; `q` is a substring of the name or the SKU (any case). */
export async function listProductRows(db: Database, filter: { q?: string; active?: boolean }, cursor: ProductCursor | null, limit: number): Promise<ProductRow[]> {
  const conditions: SQL[] = [];
  if (filter.q) {
    const like = `%${escapeLike(filter.q.toLowerCase())}%`;
    conditions.push(or(sql`lower(${p.name}) like ${like}`, sql`lower(${p.sku}) like ${like}`) as SQL);
  }
  if (filter.active !== undefined) conditions.push(eq(p.active, filter.active));
  if (cursor) conditions.push(sql`(${p.name}, ${p.id}) > (${cursor.name}, ${cursor.id}::uuid)`);
  return db
    .select()
    .from(p)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(asc(p.name), asc(p.id))
    .limit(limit);
}

/** One product, archived or not. */
export async function findProduct(db: Database, id: string): Promise<ProductRow | undefined> {
  const [row] = await db.select().from(p).where(eq(p.id, id)).limit(1);
  return row;
}

/** The products with these ids (those that exist). */
export async function findProducts(db: Database, ids: string[]): Promise<ProductRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(p).where(inArray(p.id, ids));
}

/** The product with this SKU. */
export async function findProductBySku(db: Database, sku: string): Promise<ProductRow | undefined> {
  const [row] = await db.select().from(p).where(eq(p.sku, sku)).limit(1);
  return row;
}

/** Inserts a product; undefined when its SKU is taken (the unique index decides, so two racing requests cannot both win). */
export async function insertProduct(db: Database, values: Omit<ProductValues, "active">): Promise<ProductRow | undefined> {
  const [row] = await db.insert(p).values(values).onConflictDoNothing({ target: p.sku }).returning();
  return row;
}

/** Applies a change to a product; undefined when there is no such product. */
export async function updateProductRow(db: Database, id: string, patch: Partial<ProductValues>, at: Date): Promise<ProductRow | undefined> {
  const [row] = await db.update(p).set({ ...patch, updatedAt: at }).where(eq(p.id, id)).returning();
  return row;
}
