/**
 * A CSV cell read as a custom attribute value: every cell is text, so the definition's type says how to read it. The
 * values it gives are the ones the customers module's validateAttributes accepts (same types, text length, ISO dates,
 * list options); that function is not called per row because it reads the definitions on every call, and an import
 * checks up to a million rows against definitions it read once.
 */
import { z } from "zod";
import { MAX_ATTRIBUTE_TEXT as MAX_TEXT_ATTRIBUTE } from "../customers/index.ts";
import type { ImportAttribute } from "./imports.header.ts";

const number = z.coerce.number().finite();
const isoDate = z.iso.date();
const isoDateTime = z.iso.datetime({ offset: true });
const TRUE = new Set(["true", "yes", "y", "1"]);
const FALSE = new Set(["false", "no", "n", "0"]);

/** The value of a non-empty cell for an attribute, or why it does not fit the attribute's type. */
export function readAttributeCell(definition: ImportAttribute, cell: string): { value: unknown } | { error: string } {
  switch (definition.type) {
    case "text":
      return cell.length <= MAX_TEXT_ATTRIBUTE ? { value: cell } : { error: `${definition.key} is longer than ${MAX_TEXT_ATTRIBUTE} characters` };
    case "number": {
      // z.coerce would read "" or " " as 0 and "0x10" as 16: only plain decimal notation is a number here.
      const parsed = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(cell) ? number.safeParse(cell) : undefined;
      return parsed?.success ? { value: parsed.data } : { error: `${definition.key} must be a number, not "${cell.slice(0, 40)}"` };
    }
    case "date":
      if (isoDate.safeParse(cell).success) return { value: cell };
      if (isoDateTime.safeParse(cell).success) return { value: new Date(cell).toISOString() };
      return { error: `${definition.key} must be a date (YYYY-MM-DD), not "${cell.slice(0, 40)}"` };
    case "boolean": {
      const lower = cell.toLowerCase();
      if (TRUE.has(lower)) return { value: true };
      if (FALSE.has(lower)) return { value: false };
      return { error: `${definition.key} must be true or false (or yes/no, 1/0), not "${cell.slice(0, 40)}"` };
    }
    case "list": {
      const option = definition.options.find((o) => o === cell) ?? definition.options.find((o) => o.toLowerCase() === cell.toLowerCase());
      return option !== undefined ? { value: option } : { error: `${definition.key} must be one of ${definition.options.join(", ")}, not "${cell.slice(0, 40)}"` };
    }
  }
}
