/** One batch of company rows, inside its transaction: matched by domain, then by name (case-insensitive); updated or created. */
import { randomUUID } from "node:crypto";
import type { Database } from "../../db/index.ts";
import type { ImportRowError } from "../../db/schema/imports.ts";
import { companiesByDomain, companiesByLowerName, upsertCompanies, type MatchedCompany } from "./imports.batch.repo.ts";
import type { BatchContext, BatchOutcome } from "./imports.customers.ts";
import type { CompanyImportRow } from "./imports.rows.ts";

/** What a company import remembers across batches: the row each domain, name and record was first seen on. */
export type CompanyFileState = { domains: Map<string, number>; names: Map<string, number>; records: Map<string, number> };

/** A fresh file state. */
export function newCompanyFileState(): CompanyFileState {
  return { domains: new Map(), names: new Map(), records: new Map() };
}

/** Notes a row a resumed job already wrote, so a duplicate of it later in the file is still caught. */
export function rememberCompanyRow(row: CompanyImportRow, state: CompanyFileState): void {
  if (row.domain && !state.domains.has(row.domain)) state.domains.set(row.domain, row.row);
  if (!state.names.has(row.name.toLowerCase())) state.names.set(row.name.toLowerCase(), row.row);
}

function claimInFile(row: CompanyImportRow, state: CompanyFileState): ImportRowError | undefined {
  const lower = row.name.toLowerCase();
  const domainRow = row.domain ? state.domains.get(row.domain) : undefined;
  if (domainRow !== undefined) return { row: row.row, field: "domain", message: `duplicate domain ${row.domain} (also on row ${domainRow})` };
  const nameRow = state.names.get(lower);
  if (nameRow !== undefined) return { row: row.row, field: "name", message: `duplicate company name ${row.name} (also on row ${nameRow})` };
  if (row.domain) state.domains.set(row.domain, row.row);
  state.names.set(lower, row.row);
  return undefined;
}

/** Writes one batch of valid company rows (in the caller's transaction) and reports the rows it refused. */
export async function importCompanyBatch(tx: Database, rows: CompanyImportRow[], state: CompanyFileState, context: BatchContext): Promise<BatchOutcome> {
  const errors: ImportRowError[] = [];
  const candidates = rows.filter((row) => {
    const error = claimInFile(row, state);
    if (error) errors.push(error);
    return !error;
  });
  const byDomain = new Map((await companiesByDomain(tx, candidates.flatMap((r) => r.domain ?? []), true)).map((c) => [c.domain!, c]));
  const byName = new Map<string, MatchedCompany>();
  for (const company of await companiesByLowerName(tx, [...new Set(candidates.map((r) => r.name.toLowerCase()))], true)) {
    if (!byName.has(company.name.toLowerCase())) byName.set(company.name.toLowerCase(), company);
  }
  const writes: MatchedCompany[] = [];
  let created = 0;
  let updated = 0;
  for (const row of candidates) {
    const target = (row.domain ? byDomain.get(row.domain) : undefined) ?? byName.get(row.name.toLowerCase());
    if (!target) {
      writes.push({ id: randomUUID(), name: row.name, domain: row.domain ?? null, attributes: row.attributes });
      created++;
      continue;
    }
    const earlier = state.records.get(target.id);
    if (earlier !== undefined) {
      errors.push({ row: row.row, field: row.domain ? "domain" : "name", message: `matches the same company as row ${earlier}` });
      continue;
    }
    state.records.set(target.id, row.row);
    writes.push({ id: target.id, name: row.name, domain: row.domain ?? target.domain, attributes: { ...target.attributes, ...row.attributes } });
    updated++;
  }
  await upsertCompanies(tx, writes, context.now);
  return { created, updated, errors };
}
