/** The customer export: every matching live customer as CSV, produced page by page (never the whole table in memory). */
import type { ServiceDeps } from "../deps.ts";
import { csvField } from "../reports/index.ts";
import { exportPage, type CustomerExportFilter, type ExportCursor, type ExportRow } from "./customers-export.repo.ts";
import { attributeDefinitionsOf } from "./imports.repo.ts";

/** Rows read per query. */
export const EXPORT_PAGE_ROWS = 1000;

/** The export's fixed columns (then one per defined customer attribute, by key). */
export const EXPORT_COLUMNS = ["id", "name", "email", "phone", "company", "tags", "tier", "segment", "createdAt"] as const;

function cell(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return csvField(value);
  if (typeof value === "string") return csvField(value);
  if (typeof value === "boolean") return String(value);
  return csvField(JSON.stringify(value));
}

function line(row: ExportRow, attributeKeys: string[]): string {
  // Tags are joined with ";" so the file imports back as it was.
  const fixed = [row.id, row.name, row.email, row.phone, row.company, row.tags.join(";"), row.tier, row.segment, row.createdAt.toISOString()];
  return [...fixed, ...attributeKeys.map((key) => row.attributes[key])].map(cell).join(",");
}

/** The CSV text, one chunk per page: a byte-order mark (spreadsheets then read it as UTF-8) and the header first. */
export async function* exportCustomersCsv(deps: Pick<ServiceDeps, "db">, filter: CustomerExportFilter): AsyncGenerator<string> {
  const attributeKeys = (await attributeDefinitionsOf(deps.db, "customer")).map((d) => d.key);
  yield `\uFEFF${[...EXPORT_COLUMNS, ...attributeKeys].map(cell).join(",")}\r\n`;
  let cursor: ExportCursor | null = null;
  for (;;) {
    const rows = await exportPage(deps.db, filter, cursor, EXPORT_PAGE_ROWS);
    if (rows.length === 0) return;
    yield rows.map((row) => `${line(row, attributeKeys)}\r\n`).join("");
    if (rows.length < EXPORT_PAGE_ROWS) return;
    const last = rows[rows.length - 1];
    cursor = { at: last.cursorAt, id: last.id };
  }
}
