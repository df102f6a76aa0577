/** One CSV record read as a customer or a company: every cell checked, the bad ones reported by column. */
import type { ImportRowError } from "../../db/schema/imports.ts";
import { isUnsafeText } from "../../contracts/safe-text.ts";
import { normaliseDomain } from "../companies/index.ts";
import { digitsOf, emailSchema, MAX_TAGS, phoneSchema, tagSchema } from "../customers/index.ts";
import { readAttributeCell } from "./imports.attributes.ts";
import type { ImportColumns, StandardColumn } from "./imports.header.ts";

/** A valid customer row: only the cells it fills (an empty cell leaves the stored value alone). */
export type CustomerImportRow = {
  row: number;
  name?: string;
  email?: string;
  phone?: string;
  phoneDigits?: string;
  company?: string;
  tags: string[];
  tier?: "standard" | "vip";
  attributes: Record<string, unknown>;
};

/** A valid company row. */
export type CompanyImportRow = { row: number; name: string; domain?: string; attributes: Record<string, unknown> };

/** A row read: its value, or what is wrong with it (one entry per bad cell). */
export type RowResult<T> = { ok: true; value: T } | { ok: false; errors: ImportRowError[] };

const MAX_NAME = 200;
// The export guards cells a spreadsheet would run as formulas with a leading quote; an import takes it off again.
const FORMULA_GUARD = /^'(?=[=+\-@\t\r])/;

/** Reads the cells of a record: trimmed, export guard removed, empty ones left out. */
function cellReader(record: string[], row: number, errors: ImportRowError[]) {
  return (index: number | undefined, field: string): string | undefined => {
    if (index === undefined) return undefined;
    const cell = (record[index] ?? "").trim().replace(FORMULA_GUARD, "");
    if (cell === "") return undefined;
    if (isUnsafeText(cell)) {
      errors.push({ row, field, message: `${field} contains a NUL character` });
      return undefined;
    }
    return cell;
  };
}

function readAttributes(read: ReturnType<typeof cellReader>, row: number, columns: ImportColumns, errors: ImportRowError[]): Record<string, unknown> {
  const attributes: Record<string, unknown> = {};
  for (const { definition, index } of columns.attributes) {
    const cell = read(index, definition.key);
    if (cell === undefined) continue;
    const result = readAttributeCell(definition, cell);
    if ("error" in result) errors.push({ row, field: definition.key, message: result.error });
    else attributes[definition.key] = result.value;
  }
  return attributes;
}

function checkWidth(record: string[], row: number, columns: ImportColumns, errors: ImportRowError[]): void {
  const used = [...Object.values(columns.standard), ...columns.attributes.map((a) => a.index)];
  const width = Math.max(...used) + 1;
  // Cells past the header are an error only when they hold something (spreadsheets pad rows with empty cells).
  if (record.slice(width).some((cell) => cell.trim() !== "") && record.length > width) {
    errors.push({ row, field: "row", message: `the row has ${record.length} cells; the header names ${width}` });
  }
}

function tooLong(value: string | undefined, field: StandardColumn, row: number, errors: ImportRowError[]): string | undefined {
  if (value === undefined || value.length <= MAX_NAME) return value;
  errors.push({ row, field, message: `${field} is longer than ${MAX_NAME} characters` });
  return undefined;
}

/** Reads a customer row (line `row` of the file). */
export function readCustomerRow(record: string[], row: number, columns: ImportColumns): RowResult<CustomerImportRow> {
  const errors: ImportRowError[] = [];
  const read = cellReader(record, row, errors);
  const s = columns.standard;
  checkWidth(record, row, columns, errors);
  const value: CustomerImportRow = { row, tags: [], attributes: {} };
  value.name = tooLong(read(s.name, "name"), "name", row, errors);
  value.company = tooLong(read(s.company, "company"), "company", row, errors);
  // The customers API's own rules for an email, a phone and a tag, so an import stores nothing the API would refuse.
  const mail = read(s.email, "email");
  if (mail !== undefined) {
    const parsed = emailSchema.safeParse(mail);
    if (parsed.success) value.email = parsed.data;
    else errors.push({ row, field: "email", message: `"${mail.slice(0, 80)}" is not an email address` });
  }
  const phone = read(s.phone, "phone");
  if (phone !== undefined) {
    const parsed = phoneSchema.safeParse(phone);
    if (parsed.success) Object.assign(value, { phone: parsed.data, phoneDigits: digitsOf(parsed.data) });
    else errors.push({ row, field: "phone", message: `"${phone.slice(0, 40)}": ${parsed.error.issues[0]?.message ?? "not a phone number"}` });
  }
  const tier = read(s.tier, "tier")?.toLowerCase();
  if (tier === "standard" || tier === "vip") value.tier = tier;
  else if (tier !== undefined) errors.push({ row, field: "tier", message: `tier must be standard or vip, not "${tier.slice(0, 40)}"` });
  const tags = read(s.tags, "tags");
  if (tags !== undefined) {
    const parsed = tags
      .split(/[;,]/)
      .map((t) => t.replace(/\s+/g, " "))
      .filter((t) => t.trim() !== "")
      .map((t) => tagSchema.safeParse(t));
    const bad = parsed.find((p) => !p.success);
    value.tags = [...new Set(parsed.flatMap((p) => (p.success ? [p.data] : [])))];
    if (bad && !bad.success) errors.push({ row, field: "tags", message: bad.error.issues[0]?.message ?? "a tag is not valid" });
    if (value.tags.length > MAX_TAGS) errors.push({ row, field: "tags", message: `a customer has at most ${MAX_TAGS} tags` });
  }
  value.attributes = readAttributes(read, row, columns, errors);
  if (errors.length === 0 && value.name === undefined && value.email === undefined && value.phone === undefined) {
    errors.push({ row, field: "name", message: "the row has no name, email or phone" });
  }
  return errors.length ? { ok: false, errors } : { ok: true, value };
}

/** Reads a company row (line `row` of the file). */
export function readCompanyRow(record: string[], row: number, columns: ImportColumns): RowResult<CompanyImportRow> {
  const errors: ImportRowError[] = [];
  const read = cellReader(record, row, errors);
  checkWidth(record, row, columns, errors);
  const name = tooLong(read(columns.standard.name, "name"), "name", row, errors);
  // As the companies API reads a domain: "https://www.Acme.com/about" is acme.com.
  const domainCell = read(columns.standard.domain, "domain");
  const domain = domainCell === undefined ? undefined : normaliseDomain(domainCell);
  if (domainCell !== undefined && domain === undefined) {
    errors.push({ row, field: "domain", message: `"${domainCell.slice(0, 80)}" is not a domain name (like example.com)` });
  }
  const attributes = readAttributes(read, row, columns, errors);
  if (name === undefined && errors.length === 0) errors.push({ row, field: "name", message: "the company has no name" });
  if (errors.length || name === undefined) return { ok: false, errors };
  return { ok: true, value: { row, name, domain, attributes } };
}
