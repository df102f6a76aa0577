/** zod schemas of the imports and customer export endpoints (the OpenAPI document is generated from them). */
import { z } from "zod";
import { cursorParam, limitSchema } from "../../http/pagination.ts";
import { tagSchema } from "../customers/index.ts";

/** What an import creates: customers (default) or companies. */
export const importKindSchema = z.enum(["customers", "companies"], { error: "kind must be customers or companies" }).default("customers");

/** Query (and multipart fields) of POST /api/v1/imports: the kind, and the file's name for a raw text/csv body. */
export const importStartQuery = z.object({
  kind: importKindSchema,
  filename: z.string().trim().min(1).max(255, "filename is longer than 255 characters").optional(),
});

/** The id parameter of GET /api/v1/imports/:id. */
export const importIdParams = z.object({ id: z.uuid("id must be a UUID") });

/** Query of GET /api/v1/imports: one page of recent imports. */
export const importListQuery = z.object({ limit: limitSchema, cursor: cursorParam });

/** Query of GET /api/v1/customers/export.csv: which live customers to export (the filters of GET /api/v1/customers). */
export const customerExportQuery = z
  .object({
    q: z.string().trim().max(200, "q has at most 200 characters").optional(),
    tag: z
      .union([tagSchema, z.array(tagSchema).max(20, "filter by at most 20 tags")])
      .optional()
      .transform((tag) => (tag === undefined ? [] : Array.isArray(tag) ? tag : [tag])),
    companyId: z.uuid("companyId must be a UUID").optional(),
    segment: z.string().trim().min(1).max(100).optional(),
  })
  .strict();
