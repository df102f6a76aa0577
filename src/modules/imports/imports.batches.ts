/** Turns parsed rows into a batch of one import kind: rows read and checked outside the transaction, written inside it. */
import type { Database } from "../../db/index.ts";
import type { ImportRowError } from "../../db/schema/imports.ts";
import { importCompanyBatch, newCompanyFileState, rememberCompanyRow } from "./imports.companies.ts";
import { importCustomerBatch, newCustomerFileState, rememberCustomerRow, type BatchContext, type BatchOutcome } from "./imports.customers.ts";
import type { ImportColumns, ImportKind } from "./imports.header.ts";
import type { ParsedItem } from "./imports.parse.ts";
import { readCompanyRow, readCustomerRow, type CompanyImportRow, type CustomerImportRow } from "./imports.rows.ts";

/** A batch read and checked: the rows to write and the errors of the others. */
export type PreparedBatch = { size: number; rows: CustomerImportRow[] | CompanyImportRow[]; errors: ImportRowError[]; failedRows: number };

/** What a batch did, with every row it refused counted once in failedRows. */
export type WrittenBatch = BatchOutcome & { failedRows: number };

/** Reads, then writes, the batches of one import (it holds the file's state: emails, phones, names seen so far). */
export type BatchWriter = {
  /** Notes a row a resumed job already wrote (nothing is written). */
  remember(item: ParsedItem): void;
  /** Reads and checks the rows (no database). */
  prepare(items: ParsedItem[]): PreparedBatch;
  /** Writes the good rows in the caller's transaction. */
  write(tx: Database, batch: PreparedBatch, context: BatchContext): Promise<WrittenBatch>;
};

/** The batch writer of an import of this kind with this header. */
export function batchWriter(kind: ImportKind, columns: ImportColumns): BatchWriter {
  const customers = newCustomerFileState();
  const companies = newCompanyFileState();
  const read = (item: { row: number; record: string[] }) =>
    kind === "customers" ? readCustomerRow(item.record, item.row, columns) : readCompanyRow(item.record, item.row, columns);
  return {
    remember(item) {
      if (!("record" in item)) return;
      const result = read(item);
      if (!result.ok) return;
      if (kind === "customers") rememberCustomerRow(result.value as CustomerImportRow, customers);
      else rememberCompanyRow(result.value as CompanyImportRow, companies);
    },
    prepare(items) {
      const errors: ImportRowError[] = [];
      const rows: (CustomerImportRow | CompanyImportRow)[] = [];
      for (const item of items) {
        if ("skipped" in item) {
          errors.push({ row: item.row, field: "row", message: item.skipped });
          continue;
        }
        const result = read(item);
        if (result.ok) rows.push(result.value);
        else errors.push(...result.errors);
      }
      return { size: items.length, rows: rows as PreparedBatch["rows"], errors, failedRows: items.length - rows.length };
    },
    async write(tx, batch, context) {
      const outcome =
        kind === "customers"
          ? await importCustomerBatch(tx, batch.rows as CustomerImportRow[], customers, context)
          : await importCompanyBatch(tx, batch.rows as CompanyImportRow[], companies, context);
      const errors = [...batch.errors, ...outcome.errors].sort((a, b) => a.row - b.row);
      return { ...outcome, errors, failedRows: batch.failedRows + outcome.errors.length };
    },
  };
}
