/** Queries on companies and on their customers by domain. */
import { and, asc, eq, getTableColumns, or, sql, type SQL } from "drizzle-orm";
import { tables, type Database } from "../../db/index.ts";
import type { ActorRef } from "../customers/index.ts";

/** A company row. */
export type CompanyRow = typeof tables.companies.$inferSelect;

/** A company with how many live customers belong to it. */
export type CompanyWithCount = CompanyRow & { customerCount: number };

/** Keyset cursor of the company list: name and id of the previous page's last row. */
export type CompanyCursor = { name: string; id: string };

const co = tables.companies;

// Counted in the same query, through customers_company_idx; merged and erased records are not customers any more. (The
// outer column is written out qualified: Drizzle renders a column of a one-table select without its table.)
const customerCount = sql<number>`(select count(*)::int from customers cu where cu.company_id = "companies"."id" and cu.merged_into_id is null and cu.erased_at is null)`;
const withCount = { ...getTableColumns(co), customerCount };

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Companies by name then id, after the cursor. `q` matches names typo-tolerantly (pg_trgm's word similarity, `%>`, and a
 * substring match, both served by companies_name_trgm_idx: "globx" finds "Globex Corporation") or a domain exactly
 * (companies_domain_uq).
 */
export async function listCompanies(db: Database, filter: { q?: string; domain?: string }, cursor: CompanyCursor | null, limit: number): Promise<CompanyWithCount[]> {
  const conditions: SQL[] = [];
  if (filter.q) {
    const q = filter.q.toLowerCase();
    const matches = [sql`lower(${co.name}) like ${`%${escapeLike(q)}%`}`, sql`lower(${co.name}) %> ${q}`];
    if (filter.domain) matches.push(eq(co.domain, filter.domain));
    conditions.push(or(...matches) as SQL);
  }
  // A row comparison, which the (name, id) index answers directly.
  if (cursor) conditions.push(sql`(${co.name}, ${co.id}) > (${cursor.name}, ${cursor.id}::uuid)`);
  return db
    .select(withCount)
    .from(co)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(asc(co.name), asc(co.id))
    .limit(limit);
}

/** One company with its live customer count. */
export async function findCompany(db: Database, id: string): Promise<CompanyWithCount | undefined> {
  const [row] = await db.select(withCount).from(co).where(eq(co.id, id)).limit(1);
  return row;
}

/** The company with this (normalised) domain. */
export async function findCompanyByDomain(db: Database, domain: string): Promise<CompanyRow | undefined> {
  const [row] = await db.select().from(co).where(eq(co.domain, domain)).limit(1);
  return row;
}

/** Inserts a company; undefined when its domain is already taken (the unique index decides, so two racing requests cannot both win). */
export async function insertCompany(db: Database, values: Pick<CompanyRow, "name" | "domain" | "attributes">): Promise<CompanyRow | undefined> {
  const [row] = await db.insert(co).values(values).onConflictDoNothing({ target: co.domain }).returning();
  return row;
}

/** Applies a change to a company; undefined when there is no such company. */
export async function updateCompanyRow(db: Database, id: string, patch: Partial<Pick<CompanyRow, "name" | "domain" | "attributes">>, at: Date): Promise<CompanyRow | undefined> {
  const [row] = await db.update(co).set({ ...patch, updatedAt: at }).where(eq(co.id, id)).returning();
  return row;
}

/** Deletes a company; false when there was none. */
export async function deleteCompanyRow(db: Database, id: string): Promise<boolean> {
  const rows = await db.delete(co).where(eq(co.id, id)).returning({ id: co.id });
  return rows.length > 0;
}

/**
 * Joins live customers without a company whose email is at `domain` to the company, and records a `customer.updated`
 * event on each, in one statement. The suffix match runs on the trigram index of live customers' emails.
 */
export async function joinCustomersByDomain(
  db: Database,
  company: { id: string; name: string; domain: string },
  actor: ActorRef,
  at: Date,
): Promise<number> {
  const data = { changes: { company: { from: null, to: { id: company.id, name: company.name } } }, reason: "email_domain", domain: company.domain };
  const result = (await db.execute(sql`
    with joined as (
      update customers set company_id = ${company.id}, updated_at = ${at.toISOString()}::timestamptz
      where company_id is null and merged_into_id is null and erased_at is null
        and email ilike ${`%@${escapeLike(company.domain)}`}
      returning id
    )
    insert into customer_events (customer_id, type, actor_type, actor_id, actor_name, data, created_at)
    select id, 'customer.updated', ${actor.actorType}, ${actor.actorId}, ${actor.actorName}, ${JSON.stringify(data)}::jsonb, ${at.toISOString()}::timestamptz from joined
    returning customer_id`)) as unknown as { rows: unknown[] };
  return result.rows.length;
}

/** Detaches every customer from a company (before it is deleted), recording a `customer.updated` event on each live one. */
export async function detachCustomers(db: Database, company: { id: string; name: string }, actor: ActorRef, at: Date): Promise<number> {
  const data = { changes: { company: { from: { id: company.id, name: company.name }, to: null } }, reason: "company_deleted" };
  const result = (await db.execute(sql`
    with detached as (
      update customers set company_id = null, updated_at = ${at.toISOString()}::timestamptz
      where company_id = ${company.id}
      returning id, merged_into_id, erased_at
    )
    insert into customer_events (customer_id, type, actor_type, actor_id, actor_name, data, created_at)
    select id, 'customer.updated', ${actor.actorType}, ${actor.actorId}, ${actor.actorName}, ${JSON.stringify(data)}::jsonb, ${at.toISOString()}::timestamptz
    from detached where merged_into_id is null and erased_at is null
    returning customer_id`)) as unknown as { rows: unknown[] };
  return result.rows.length;
}
