/** The header row of an import: which column holds which field, refused with CSV_INVALID when it cannot be mapped. */
import { parse } from "csv-parse/sync";
import type { AttributeType } from "../../db/schema/attributes.ts";
import { AppError } from "../../errors.ts";

/** What an import creates or updates. */
export type ImportKind = "customers" | "companies";

/** The columns each kind knows besides custom attribute keys. */
export const IMPORT_COLUMNS = {
  customers: ["name", "email", "phone", "company", "tags", "tier"],
  companies: ["name", "domain"],
} as const satisfies Record<ImportKind, readonly string[]>;

/** Columns the customer export writes that an import reads past (the record is matched by email or phone, not id). */
export const EXPORT_ONLY_COLUMNS = ["id", "segment", "createdat"];

/** A standard column of either kind. */
export type StandardColumn = (typeof IMPORT_COLUMNS)[ImportKind][number];

/** A custom attribute's definition, as imports validate cells against it. */
export type ImportAttribute = { key: string; label: string; type: AttributeType; options: string[] };

/** Where each field sits in a row: standard columns by name, attributes with their definitions. */
export type ImportColumns = {
  standard: Partial<Record<StandardColumn, number>>;
  attributes: { definition: ImportAttribute; index: number }[];
};

const BOM = "\uFEFF";
const LOOKS_LIKE_DATA = /@|^\+?[\d ()./-]{5,}$/;

/** The first line holding something, without the byte-order mark (the header of a well-formed file). */
export function firstLine(bytes: Buffer): string {
  // The 64 KB line limit has been checked, so the header is never longer than that.
  const head = bytes.subarray(0, 70 * 1024).toString("utf8").replace(BOM, "");
  return head.split(/\r\n|\r|\n/).find((line) => line.trim() !== "") ?? "";
}

function refuse(message: string): never {
  throw new AppError("CSV_INVALID", `${message} Nothing was imported.`);
}

/**
 * Maps the header to fields. Standard columns match case-insensitively; any other column must be a defined custom
 * attribute key of the kind's entity (else every unknown one is listed). Columns without a name are ignored, and so
 * are the customer export's id, segment and createdAt, so an export imports back as it is.
 */
export function readHeader(bytes: Buffer, kind: ImportKind, definitions: ImportAttribute[]): ImportColumns {
  let cells: string[];
  try {
    [cells = []] = parse(firstLine(bytes), { relax_quotes: true, trim: true }) as string[][];
  } catch (error) {
    refuse(`The header row cannot be read (${(error as Error).message}).`);
  }
  const known: readonly string[] = IMPORT_COLUMNS[kind];
  const byKey = new Map(definitions.map((d) => [d.key, d]));
  const byLowerKey = new Map(definitions.map((d) => [d.key.toLowerCase(), d]));
  const columns: ImportColumns = { standard: {}, attributes: [] };
  const seen = new Set<string>();
  const unknown: string[] = [];
  cells.forEach((cell, index) => {
    const lower = cell.toLowerCase();
    if (cell === "" || (kind === "customers" && EXPORT_ONLY_COLUMNS.includes(lower))) return;
    const field = known.includes(lower) ? lower : (byKey.get(cell) ?? byLowerKey.get(lower))?.key;
    if (field === undefined) {
      unknown.push(cell);
      return;
    }
    if (seen.has(field)) refuse(`The column "${field}" appears twice in the header.`);
    seen.add(field);
    if (known.includes(field)) columns.standard[field as StandardColumn] = index;
    else columns.attributes.push({ definition: byKey.get(field)!, index });
  });
  const attributeKeys = definitions.map((d) => d.key);
  const allowed = `The columns are ${known.join(", ")}${attributeKeys.length ? ` and the custom attributes ${attributeKeys.join(", ")}` : ""}; define an attribute before importing it.`;
  const unknownList = unknown.length ? ` Unknown column${unknown.length > 1 ? "s" : ""}: ${unknown.map((c) => `"${c.slice(0, 60)}"`).join(", ")}.` : "";
  const required = kind === "customers" ? ["name", "email", "phone"] : ["name"];
  if (!required.some((c) => seen.has(c))) {
    const sample = cells.find((cell) => LOOKS_LIKE_DATA.test(cell));
    if (sample !== undefined) {
      refuse(
        `The file has no header row: its first line holds data ("${sample.slice(0, 60)}"). ` +
          `Add a first line naming the columns, such as ${kind === "customers" ? "name,email,phone,company,tags" : "name,domain"}.`,
      );
    }
    const missing = kind === "customers" ? "The header names none of the columns name, email and phone; a customer needs at least one of them." : 'The header lacks the column "name".';
    refuse(`${missing}${unknownList} ${allowed}`);
  }
  if (unknown.length > 0) refuse(`${unknownList.trim()} ${allowed}`);
  return columns;
}
