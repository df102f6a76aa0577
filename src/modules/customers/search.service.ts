/** The customer list and search (GET /api/v1/customers): filters, order, keyset pages. */
import { z } from "zod";
import type { CustomerSummaryDTO } from "../../contracts/crm.ts";
import { AppError } from "../../errors.ts";
import { decodeCursor, encodeCursor } from "../../http/pagination.ts";
import type { ServiceDeps } from "../deps.ts";
import { presentListRow } from "./customers.presenter.ts";
import type { ListCustomersQuery } from "./customers.schemas.ts";
import { listCustomerRows, type CustomerSortKey } from "./search.repo.ts";

const sortNames = ["name", "-name", "createdAt", "-createdAt", "updatedAt", "-updatedAt", "relevance"] as const;

/** The list's cursor: the order it belongs to, the last row's sort value and id. */
const customerCursor = z.object({ s: z.enum(sortNames), k: z.string().max(300).nullable(), id: z.uuid() }).strict();

/**
 * One page of live customers. With `q`, the best matches first (see search.repo.ts for what matches and how it is
 * ranked) unless a sort is asked for; otherwise newest first. `nextCursor` is null on the last page.
 */
export async function listCustomers(deps: Pick<ServiceDeps, "db">, query: ListCustomersQuery): Promise<{ data: CustomerSummaryDTO[]; nextCursor: string | null }> {
  const q = query.q ? query.q : undefined;
  const sort = query.sort ?? (q ? "relevance" : "-createdAt");
  const cursor = decodeCursor(query.cursor, customerCursor);
  if (cursor && cursor.s !== sort) throw new AppError("VALIDATION_FAILED", "cursor belongs to another sort order", { cursor: "belongs to another sort order" });
  const sortKey = (sort === "relevance" ? "relevance" : sort.replace(/^-/, "")) as CustomerSortKey;
  const rows = await listCustomerRows(deps.db, {
    q,
    tags: query.tag,
    companyId: query.companyId,
    segment: query.segment,
    sort: sortKey,
    descending: sort === "relevance" || sort.startsWith("-"),
    after: cursor ? { k: cursor.k, id: cursor.id } : null,
    fetch: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const nextCursor = rows.length > query.limit && last ? encodeCursor({ s: sort, k: last.sort_key, id: last.id }) : null;
  return { data: page.map(presentListRow), nextCursor };
}

/** A customer a search matched and how well: `rank` is the list's relevance (3 for an exact email, phone or order number; see search.repo.ts). */
export type RankedCustomer = { customer: CustomerSummaryDTO; rank: number };

/** The best `max` live customers for a query, best first, with their relevance: the customer list's own search (for the global search). */
export async function rankedCustomerMatches(deps: Pick<ServiceDeps, "db">, q: string, max: number): Promise<RankedCustomer[]> {
  const rows = await listCustomerRows(deps.db, { q, tags: [], sort: "relevance", descending: true, after: null, fetch: max });
  return rows.map((row) => ({ customer: presentListRow(row), rank: Number(row.sort_key ?? 0) }));
}
