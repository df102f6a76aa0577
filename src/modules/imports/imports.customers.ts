/**
 * One batch of customer rows, inside its transaction: each row matched to a live customer by email, then by phone
 * digits; matched ones updated with the cells the row fills (tags added), the others created; a row that conflicts
 * (a duplicate within the file, a phone that is another customer's) is reported and written nowhere.
 */
import { randomUUID } from "node:crypto";
import type { Database } from "../../db/index.ts";
import type { ImportRowError } from "../../db/schema/imports.ts";
import { isFreeMailDomain, type ActorRef } from "../customers/index.ts";
import {
  companiesByDomain,
  companiesByLowerName,
  companyNames,
  insertCustomerEvents,
  lockCustomersByEmail,
  lockCustomersByPhoneDigits,
  upsertCompanies,
  upsertCustomers,
  type CustomerEventWrite,
  type CustomerWrite,
  type MatchedCustomer,
} from "./imports.batch.repo.ts";
import type { CustomerImportRow } from "./imports.rows.ts";

/** What an import remembers across its batches: who each email, phone and record was first seen on, the companies it resolved. */
export type CustomerFileState = {
  emails: Map<string, number>;
  phones: Map<string, number>;
  records: Map<string, number>;
  companies: Map<string, CompanyRef>;
};

/** A company as timeline changes name it. */
type CompanyRef = { id: string; name: string };

/** A fresh file state. */
export function newCustomerFileState(): CustomerFileState {
  return { emails: new Map(), phones: new Map(), records: new Map(), companies: new Map() };
}

/** What a batch did. */
export type BatchOutcome = { created: number; updated: number; errors: ImportRowError[] };

/** Who imports, and which import, for the timeline events. */
export type BatchContext = { importId: string; actor: ActorRef; now: Date };

/** Notes a row a resumed job already wrote, so a duplicate of it later in the file is still caught. */
export function rememberCustomerRow(row: CustomerImportRow, state: CustomerFileState): void {
  if (row.email && !state.emails.has(row.email)) state.emails.set(row.email, row.row);
  if (row.phoneDigits && !state.phones.has(row.phoneDigits)) state.phones.set(row.phoneDigits, row.row);
}

/** Registers a row's email and phone as seen in the file; a second sighting is that row's error. */
function claimInFile(row: CustomerImportRow, state: CustomerFileState): ImportRowError | undefined {
  const emailRow = row.email ? state.emails.get(row.email) : undefined;
  if (emailRow !== undefined) return { row: row.row, field: "email", message: `duplicate email ${row.email} (also on row ${emailRow})` };
  const phoneRow = row.phoneDigits ? state.phones.get(row.phoneDigits) : undefined;
  if (phoneRow !== undefined) return { row: row.row, field: "phone", message: `duplicate phone ${row.phone} (also on row ${phoneRow})` };
  if (row.email) state.emails.set(row.email, row.row);
  if (row.phoneDigits) state.phones.set(row.phoneDigits, row.row);
  return undefined;
}

/** The oldest record per key (the lists come oldest first). */
function firstBy(rows: MatchedCustomer[], key: (row: MatchedCustomer) => string | null): Map<string, MatchedCustomer> {
  const map = new Map<string, MatchedCustomer>();
  for (const row of rows) {
    const k = key(row);
    if (k !== null && !map.has(k)) map.set(k, row);
  }
  return map;
}

/** Finds the record a row updates (undefined: a new one), or the conflict that makes it a bad row. */
function matchRow(
  row: CustomerImportRow,
  byEmail: Map<string, MatchedCustomer>,
  byPhone: Map<string, MatchedCustomer>,
): { target?: MatchedCustomer } | { error: ImportRowError } {
  const emailMatch = row.email ? byEmail.get(row.email) : undefined;
  const phoneMatch = row.phoneDigits ? byPhone.get(row.phoneDigits) : undefined;
  if (phoneMatch && emailMatch && phoneMatch.id !== emailMatch.id) {
    return { error: { row: row.row, field: "phone", message: `phone ${row.phone} belongs to another customer than email ${row.email}` } };
  }
  if (emailMatch) return { target: emailMatch };
  if (phoneMatch && row.email && phoneMatch.email) {
    return { error: { row: row.row, field: "phone", message: `phone ${row.phone} belongs to another customer, whose email is not ${row.email}` } };
  }
  return { target: phoneMatch };
}

/** The company id of each company name the rows give: known ones from the file state or the table, the rest created. */
async function resolveCompanies(tx: Database, rows: CustomerImportRow[], state: CustomerFileState, now: Date): Promise<void> {
  const missing = new Map<string, string>();
  for (const row of rows) {
    const lower = row.company?.toLowerCase();
    if (row.company && lower && !state.companies.has(lower)) missing.set(lower, row.company);
  }
  if (missing.size === 0) return;
  for (const company of await companiesByLowerName(tx, [...missing.keys()])) {
    const lower = company.name.toLowerCase();
    if (!state.companies.has(lower)) state.companies.set(lower, { id: company.id, name: company.name });
    missing.delete(lower);
  }
  const created = [...missing.values()].map((name) => ({ id: randomUUID(), name, domain: null, attributes: {} }));
  await upsertCompanies(tx, created, now);
  for (const company of created) state.companies.set(company.name.toLowerCase(), { id: company.id, name: company.name });
}

/** The company each new customer without a company cell joins by its email's domain (never a free-mail one), as POST /customers does. */
async function companiesByEmailDomain(tx: Database, rows: CustomerImportRow[]): Promise<Map<string, CompanyRef>> {
  const domains = new Set<string>();
  for (const row of rows) {
    const domain = row.email?.slice(row.email.lastIndexOf("@") + 1);
    if (!row.company && domain && !isFreeMailDomain(domain)) domains.add(domain);
  }
  return new Map((await companiesByDomain(tx, [...domains])).map((company) => [company.domain!, { id: company.id, name: company.name }]));
}

/** The record after a row's cells are applied, and what changed (for the timeline). */
function applyRow(
  row: CustomerImportRow,
  current: MatchedCustomer,
  company: CompanyRef | null,
  currentCompanyName: string | undefined,
): { write: CustomerWrite; changes: Record<string, { from: unknown; to: unknown }> } {
  const tags = [...current.tags];
  for (const tag of row.tags) if (!tags.some((t) => t.toLowerCase() === tag.toLowerCase())) tags.push(tag);
  const write: CustomerWrite = {
    id: current.id,
    name: row.name ?? current.name,
    email: row.email ?? current.email,
    phone: row.phone ?? current.phone,
    tier: row.tier ?? current.tier,
    companyId: company ? company.id : current.companyId,
    tags,
    attributes: { ...current.attributes, ...row.attributes },
  };
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const field of ["name", "email", "phone", "tier"] as const) {
    if (write[field] !== current[field]) changes[field] = { from: current[field], to: write[field] };
  }
  // The shape the customers module records a company change in.
  if (write.companyId !== current.companyId && company) {
    changes.company = { from: current.companyId ? { id: current.companyId, name: currentCompanyName ?? null } : null, to: company };
  }
  if (tags.length !== current.tags.length) changes.tags = { from: current.tags, to: tags };
  for (const [key, value] of Object.entries(row.attributes)) {
    if (JSON.stringify(current.attributes[key] ?? null) !== JSON.stringify(value)) changes[`attributes.${key}`] = { from: current.attributes[key] ?? null, to: value };
  }
  return { write, changes };
}

/** Writes one batch of valid customer rows (in the caller's transaction) and reports the rows it refused. */
export async function importCustomerBatch(tx: Database, rows: CustomerImportRow[], state: CustomerFileState, context: BatchContext): Promise<BatchOutcome> {
  const errors: ImportRowError[] = [];
  const candidates = rows.filter((row) => {
    const error = claimInFile(row, state);
    if (error) errors.push(error);
    return !error;
  });
  const byEmail = firstBy(await lockCustomersByEmail(tx, [...new Set(candidates.flatMap((r) => r.email ?? []))]), (c) => c.email);
  const byPhone = firstBy(await lockCustomersByPhoneDigits(tx, [...new Set(candidates.flatMap((r) => r.phoneDigits ?? []))]), (c) => c.phoneDigits);
  const accepted: { row: CustomerImportRow; target?: MatchedCustomer }[] = [];
  for (const row of candidates) {
    const match = matchRow(row, byEmail, byPhone);
    if ("error" in match) {
      errors.push(match.error);
      continue;
    }
    const earlier = match.target ? state.records.get(match.target.id) : undefined;
    if (match.target && earlier !== undefined) {
      errors.push({ row: row.row, field: row.email ? "email" : "phone", message: `matches the same customer as row ${earlier}` });
      continue;
    }
    if (match.target) state.records.set(match.target.id, row.row);
    accepted.push({ row, target: match.target });
  }
  await resolveCompanies(
    tx,
    accepted.map((a) => a.row),
    state,
    context.now,
  );
  const byDomain = await companiesByEmailDomain(
    tx,
    accepted.flatMap((a) => (a.target ? [] : [a.row])),
  );
  const movedFrom = accepted.flatMap(({ row, target }) => (target?.companyId && row.company ? [target.companyId] : []));
  const currentNames = await companyNames(tx, [...new Set(movedFrom)]);
  const writes: CustomerWrite[] = [];
  const events: CustomerEventWrite[] = [];
  const who = { actorType: context.actor.actorType, actorId: context.actor.actorId, actorName: context.actor.actorName, createdAt: context.now };
  let created = 0;
  let updated = 0;
  for (const { row, target } of accepted) {
    const named = row.company ? (state.companies.get(row.company.toLowerCase()) ?? null) : null;
    if (!target) {
      const id = randomUUID();
      const company = named ?? (row.email ? byDomain.get(row.email.slice(row.email.lastIndexOf("@") + 1)) : undefined) ?? null;
      writes.push({ id, name: row.name ?? null, email: row.email ?? null, phone: row.phone ?? null, tier: row.tier ?? "standard", companyId: company?.id ?? null, tags: row.tags, attributes: row.attributes });
      const data = { ...(company ? { companyId: company.id } : {}), source: "import", importId: context.importId };
      events.push({ customerId: id, type: "customer.created", ...who, data });
      created++;
      continue;
    }
    updated++;
    const { write, changes } = applyRow(row, target, named, target.companyId ? currentNames.get(target.companyId) : undefined);
    if (Object.keys(changes).length === 0) continue;
    writes.push(write);
    events.push({ customerId: target.id, type: "customer.updated", ...who, data: { changes, source: "import", importId: context.importId } });
  }
  await upsertCustomers(tx, writes, context.now);
  await insertCustomerEvents(tx, events);
  return { created, updated, errors };
}
