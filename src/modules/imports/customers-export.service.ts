/** The customer export: every matching live customer as CSV, produced page by page (never the whole table in memory). */
import type { CustomerSummaryDTO } from "../../contracts/crm.ts";
import { listCustomers, type ListCustomersQuery } from "../customers/index.ts";
import type { ServiceDeps } from "../deps.ts";
import { csvField } from "../reports/index.ts";
import { attributeDefinitionsOf } from "./imports.repo.ts";

/** Which customers an export takes: the customer list's filters (search, tags, company, segment). */
export type CustomerExportFilter = Pick<ListCustomersQuery, "q" | "tag" | "companyId" | "segment">;

/** Rows read per page. */
export const EXPORT_PAGE_ROWS = 1000;

/** The export's fixed columns (then one per defined customer attribute). */
export const EXPORT_COLUMNS = ["id", "name", "email", "phone", "company", "tags", "tier", "segment", "createdAt"] as const;

function cell(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number" || typeof value === "string") return csvField(value);
  if (typeof value === "boolean") return String(value);
  return csvField(JSON.stringify(value));
}

function line(customer: CustomerSummaryDTO, attributeKeys: string[]): string {
  // Tags are joined with ";" so the file imports back as it was.
  const fixed = [customer.id, customer.name, customer.email, customer.phone, customer.company?.name, customer.tags.join(";"), customer.tier, customer.segment, customer.createdAt];
  return [...fixed, ...attributeKeys.map((key) => customer.attributes[key])].map(cell).join(",");
}

/**
 * The CSV text, one chunk per page: a byte-order mark (spreadsheets then read it as UTF-8) and the header first,
 * then the customers oldest first, read through the customer list (the same filters and search as
 * GET /api/v1/customers) in keyset pages of EXPORT_PAGE_ROWS.
 */
export async function* exportCustomersCsv(deps: Pick<ServiceDeps, "db">, filter: CustomerExportFilter): AsyncGenerator<string> {
  const attributeKeys = (await attributeDefinitionsOf(deps.db, "customer")).map((d) => d.key);
  yield `\uFEFF${[...EXPORT_COLUMNS, ...attributeKeys].map(cell).join(",")}\r\n`;
  let cursor: string | undefined;
  do {
    const page = await listCustomers(deps, { ...filter, sort: "createdAt", limit: EXPORT_PAGE_ROWS, cursor });
    if (page.data.length > 0) yield page.data.map((customer) => `${line(customer, attributeKeys)}\r\n`).join("");
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}
