/**
 * The set-based statements an import batch runs in its transaction: the records its rows match (locked), the
 * companies its rows name, and one multi-row upsert per table (INSERT … ON CONFLICT (id) DO UPDATE), so a batch of
 * a thousand rows is a handful of statements.
 */
import { sql } from "drizzle-orm";
import { tables, type Database } from "../../db/index.ts";

/** A live customer an import row may update. */
export type MatchedCustomer = {
  id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  phoneDigits: string | null;
  tier: "standard" | "vip";
  companyId: string | null;
  tags: string[];
  attributes: Record<string, unknown>;
};

/** A company an import row may update or a customer row may name. */
export type MatchedCompany = { id: string; name: string; domain: string | null; attributes: Record<string, unknown> };

const c = tables.customers;
const co = tables.companies;
const customerFields = {
  id: c.id,
  name: c.name,
  email: c.email,
  phone: c.phone,
  phoneDigits: c.phoneDigits,
  tier: c.tier,
  companyId: c.companyId,
  tags: c.tags,
  attributes: c.attributes,
};

/**
 * The live ones among the rows, oldest first. Both are decided here rather than in SQL: with the live-record
 * condition the planner may take the partial trigram indexes for an `= any(…)` (seconds per batch on PostgreSQL 15)
 * or walk the creation-time index; without it, the plain email and phone-digit btrees serve the lookup.
 */
function liveOldestFirst(rows: (MatchedCustomer & { createdAt: Date; mergedIntoId: string | null; erasedAt: Date | null })[]): MatchedCustomer[] {
  return rows
    .filter((row) => row.mergedIntoId === null && row.erasedAt === null)
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id))
    .map(({ createdAt: _createdAt, mergedIntoId: _mergedIntoId, erasedAt: _erasedAt, ...row }) => row);
}

const lookupFields = { ...customerFields, createdAt: c.createdAt, mergedIntoId: c.mergedIntoId, erasedAt: c.erasedAt };

/** Live customers with any of these emails, oldest first, locked until the batch commits. */
export async function lockCustomersByEmail(tx: Database, emails: string[]): Promise<MatchedCustomer[]> {
  if (emails.length === 0) return [];
  const rows = await tx.select(lookupFields).from(c).where(sql`${c.email} = any(${sql.param(emails)}::text[])`).for("update");
  return liveOldestFirst(rows);
}

/** Live customers with any of these phone digits, oldest first, locked until the batch commits. */
export async function lockCustomersByPhoneDigits(tx: Database, digits: string[]): Promise<MatchedCustomer[]> {
  if (digits.length === 0) return [];
  const rows = await tx.select(lookupFields).from(c).where(sql`${c.phoneDigits} = any(${sql.param(digits)}::text[])`).for("update");
  return liveOldestFirst(rows);
}

/** Companies whose lower-cased name is one of these, oldest first. */
export async function companiesByLowerName(tx: Database, lowerNames: string[], lock = false): Promise<MatchedCompany[]> {
  if (lowerNames.length === 0) return [];
  const query = tx
    .select({ id: co.id, name: co.name, domain: co.domain, attributes: co.attributes })
    .from(co)
    .where(sql`lower(${co.name}) = any(${sql.param(lowerNames)}::text[])`)
    .orderBy(co.createdAt, co.id);
  return lock ? query.for("update") : query;
}

/** Companies with any of these domains (locked until the batch commits when `lock`). */
export async function companiesByDomain(tx: Database, domains: string[], lock = false): Promise<MatchedCompany[]> {
  if (domains.length === 0) return [];
  const query = tx
    .select({ id: co.id, name: co.name, domain: co.domain, attributes: co.attributes })
    .from(co)
    .where(sql`${co.domain} = any(${sql.param(domains)}::text[])`);
  return lock ? query.for("update") : query;
}

/** The names of these companies, by id. */
export async function companyNames(tx: Database, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.select({ id: co.id, name: co.name }).from(co).where(sql`${co.id} = any(${sql.param(ids)}::uuid[])`);
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** A customer as an import writes it: every column, the merged values for an existing record. */
export type CustomerWrite = Omit<MatchedCustomer, "phoneDigits">;

/** One array parameter per column: a batch is a few parameters, not thousands (unnest turns them back into rows). */
const column = (values: unknown[]) => sql.param(values);

/** Inserts new customers and rewrites matched ones in one statement (existing ids take the DO UPDATE branch). */
export async function upsertCustomers(tx: Database, rows: CustomerWrite[], now: Date): Promise<void> {
  if (rows.length === 0) return;
  // Tags and attributes travel as JSON text: arrays of arrays cannot be ragged in a PostgreSQL array parameter.
  await tx.execute(sql`
    insert into ${c} (id, name, email, phone, tier, company_id, tags, attributes, updated_at)
    select u.id, u.name, u.email, u.phone, u.tier, u.company_id, array(select jsonb_array_elements_text(u.tags::jsonb)), u.attributes::jsonb, ${now.toISOString()}::timestamptz
    from unnest(
      ${column(rows.map((r) => r.id))}::uuid[], ${column(rows.map((r) => r.name))}::text[], ${column(rows.map((r) => r.email))}::text[],
      ${column(rows.map((r) => r.phone))}::text[], ${column(rows.map((r) => r.tier))}::text[], ${column(rows.map((r) => r.companyId))}::uuid[],
      ${column(rows.map((r) => JSON.stringify(r.tags)))}::text[], ${column(rows.map((r) => JSON.stringify(r.attributes)))}::text[]
    ) as u(id, name, email, phone, tier, company_id, tags, attributes)
    on conflict (id) do update set
      name = excluded.name, email = excluded.email, phone = excluded.phone, tier = excluded.tier, company_id = excluded.company_id,
      tags = excluded.tags, attributes = excluded.attributes, updated_at = excluded.updated_at`);
}

/** Inserts new companies and rewrites matched ones in one statement. */
export async function upsertCompanies(tx: Database, rows: MatchedCompany[], now: Date): Promise<void> {
  if (rows.length === 0) return;
  await tx
    .insert(co)
    .values(rows.map((row) => ({ ...row, updatedAt: now })))
    .onConflictDoUpdate({
      target: co.id,
      set: { name: sql`excluded.name`, domain: sql`excluded.domain`, attributes: sql`excluded.attributes`, updatedAt: sql`excluded.updated_at` },
    });
}

/** A timeline event an import appends (who: the importing user or key). */
export type CustomerEventWrite = {
  customerId: string;
  type: string;
  actorType: "user" | "api_key" | "system" | "customer";
  actorId: string | null;
  actorName: string | null;
  data: Record<string, unknown>;
  createdAt: Date;
};

/** Appends timeline events in one statement. */
export async function insertCustomerEvents(tx: Database, events: CustomerEventWrite[]): Promise<void> {
  if (events.length === 0) return;
  await tx.execute(sql`
    insert into ${tables.customerEvents} (customer_id, type, actor_type, actor_id, actor_name, data, created_at)
    select u.customer_id, u.type, u.actor_type, u.actor_id, u.actor_name, u.data::jsonb, u.created_at
    from unnest(
      ${column(events.map((e) => e.customerId))}::uuid[], ${column(events.map((e) => e.type))}::text[], ${column(events.map((e) => e.actorType))}::text[],
      ${column(events.map((e) => e.actorId))}::uuid[], ${column(events.map((e) => e.actorName))}::text[],
      ${column(events.map((e) => JSON.stringify(e.data)))}::text[], ${column(events.map((e) => e.createdAt.toISOString()))}::timestamptz[]
    ) as u(customer_id, type, actor_type, actor_id, actor_name, data, created_at)`);
}
