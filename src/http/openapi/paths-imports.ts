/** Operations of CSV imports and the customer CSV export. */
import { z } from "zod";
import { customerExportQuery, importIdParams, importListQuery, importStartQuery } from "../../modules/imports/imports.schemas.ts";
import type { Operation } from "./operation.ts";
import { importDTO } from "./schemas-crm.ts";

const V1 = "/api/v1";
const csvFile = z.string().meta({ contentMediaType: "text/csv", description: "UTF-8 CSV with a header row: name, email, phone, company, tags, or any custom attribute key." });

/** The import and export operations. */
export const importOperations: Operation[] = [
  {
    method: "post",
    path: `${V1}/imports`,
    tag: "Imports and exports",
    summary: "Import customers or companies from CSV",
    description:
      "Send the file as the raw body (`text/csv`, its name in `?filename=`) or as `multipart/form-data` (`file`, with `kind` and `filename` fields). Rows are upserted by email, then phone, in a background job; a bad row is reported and skipped. Follow the progress with GET /imports/{id}.",
    access: { auth: "actor", actions: ["customer.import"] },
    query: importStartQuery,
    bodyContent: {
      "text/csv": csvFile,
      "multipart/form-data": z.object({ file: csvFile, kind: z.enum(["customers", "companies"]).optional(), filename: z.string().optional() }),
    },
    success: { status: 202, description: "The import, queued.", data: importDTO },
    errors: ["CSV_INVALID"],
  },
  {
    method: "get",
    path: `${V1}/imports`,
    tag: "Imports and exports",
    summary: "Recent imports",
    access: { auth: "actor", actions: ["customer.import"] },
    query: importListQuery,
    success: { status: 200, description: "A page of imports, newest first.", page: importDTO },
  },
  {
    method: "get",
    path: `${V1}/imports/:id`,
    tag: "Imports and exports",
    summary: "An import's progress",
    description: "Status, rows processed, created, updated and failed, and the rows skipped with the field and reason.",
    access: { auth: "actor", actions: ["customer.import"] },
    params: importIdParams,
    success: { status: 200, description: "The import.", data: importDTO },
    errors: ["IMPORT_NOT_FOUND"],
  },
  {
    method: "get",
    path: `${V1}/customers/export.csv`,
    tag: "Imports and exports",
    summary: "Export customers as CSV",
    description: "Streams every live customer matching the filter (the list's `q`, `tag`, `companyId`, `segment`); the file imports back as it is.",
    access: { auth: "session", actions: ["customer.export"] },
    query: customerExportQuery,
    success: { status: 200, description: "The CSV file.", files: ["text/csv"] },
  },
];
