/** Imports module: CSV imports of customers and companies (a bull job with progress) and the customer CSV export. */
export { IMPORT_JOB, runImport, BATCH_ROWS, MAX_STORED_ERRORS, type ImportJobPayload } from "./imports.runner.ts";
export { startImport, getImport, listImports, MAX_IMPORT_ROWS } from "./imports.service.ts";
export { exportCustomersCsv, EXPORT_COLUMNS } from "./customers-export.service.ts";
export { MAX_IMPORT_BYTES, MAX_LINE_BYTES } from "./csv-intake.ts";
