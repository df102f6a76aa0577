/**
 * The customer list and search: one SQL statement per page. Every way a query can match is an index lookup (pg_trgm
 * GIN indexes on names, emails, phone digits and company names; btree on exact email, phone digits and order number);
 * the union of those candidates is ranked and keyset-paginated in the database.
 */
import { sql, type SQL } from "drizzle-orm";
import { tables, type Database } from "../../db/index.ts";

/** What the list can be ordered by; `relevance` is the order of a search (`q`). */
export type CustomerSortKey = "name" | "createdAt" | "updatedAt" | "relevance";

/** One page's request: filters, order, the cursor's position and how many rows to fetch. */
export type CustomerListRequest = {
  q?: string;
  tags: string[];
  companyId?: string;
  segment?: string;
  sort: CustomerSortKey;
  descending: boolean;
  after: { k: string | null; id: string } | null;
  fetch: number;
};

/** A row of the list: the customer, its company, and its position for the next page's cursor. */
export type CustomerListRow = {
  id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  tier: "standard" | "vip";
  tags: string[];
  segment: string | null;
  attributes: Record<string, unknown>;
  created_at: string;
  updated_at: string;
  company_id: string | null;
  company_name: string | null;
  company_domain: string | null;
  sort_key: string | null;
};

const c = tables.customers;
const live = sql`c.merged_into_id is null and c.erased_at is null`;
const iso = (column: SQL): SQL => sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
// Microseconds, so that a cursor sits exactly between two rows created within the same millisecond.
const isoMicros = (column: SQL): SQL => sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** Escapes LIKE's wildcards in user text. */
function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

/** The digits of a search that looks like a phone number (only phone characters, at least 3 digits), else null. */
export function phoneDigitsOf(q: string): string | null {
  if (!/^\+?[0-9 ()./-]+$/.test(q)) return null;
  const digits = q.replace(/[^0-9]/g, "");
  return digits.length >= 3 ? digits : null;
}

/** The spellings an order number is looked up by: as typed, upper- and lower-case (order numbers are stored in one case). */
function orderNumberSpellings(q: string): SQL {
  return sql`(${q}, ${q.toUpperCase()}, ${q.toLowerCase()})`;
}

type SearchTerms = { lq: string; prefix: string; digits: string | null; orders: SQL };

function searchTerms(q: string): SearchTerms {
  const lq = q.toLowerCase();
  return { lq, prefix: `${likeEscape(lq)}%`, digits: phoneDigitsOf(q), orders: orderNumberSpellings(q) };
}

/** Ids of the live customers a search can match, each arm answered by an index. */
function candidates(t: SearchTerms): SQL {
  const arms: SQL[] = [
    // Name: typo-tolerant (similarity), a word of the name (word similarity), or a prefix: the name trigram index.
    sql`select c.id from ${c} c where ${live} and (lower(c.name) % ${t.lq} or lower(c.name) %> ${t.lq} or lower(c.name) like ${t.prefix})`,
    // Email: exact (btree), prefix or typo (the email trigram index).
    sql`select c.id from ${c} c where ${live} and (c.email = ${t.lq} or c.email like ${t.prefix} or c.email % ${t.lq})`,
    // Company name: the companies' trigram index, then their customers by company.
    sql`select c.id from ${tables.companies} co join ${c} c on c.company_id = co.id where ${live} and (lower(co.name) % ${t.lq} or lower(co.name) like ${t.prefix})`,
    // Order number: exact, through the orders' unique index.
    sql`select o.customer_id from ${tables.orders} o where o.number in ${t.orders} and o.customer_id is not null`,
  ];
  // Phone: the query's digits anywhere in the stored digits ("4155550101" finds "+14155550101"): the digits trigram index.
  if (t.digits) arms.push(sql`select c.id from ${c} c where ${live} and c.phone_digits like ${`%${t.digits}%`}`);
  return sql.join(arms, sql` union `);
}

/**
 * How well a customer matches: 3 for an exact email, phone or order number; 2–3 for a name or email starting with
 * the query; 1–2 for a phone containing its digits; otherwise the best trigram similarity (0–1) of the name, a word of
 * the name, the email or the company's name. Rounded so that cursors compare exactly.
 */
function rank(t: SearchTerms): SQL {
  const parts: SQL[] = [
    sql`case when c.email = ${t.lq} ${t.digits ? sql`or c.phone_digits = ${t.digits}` : sql``} or c.id in (select o.customer_id from ${tables.orders} o where o.number in ${t.orders}) then 3 else 0 end`,
    sql`case when lower(c.name) like ${t.prefix} or c.email like ${t.prefix} then 2 + greatest(similarity(lower(c.name), ${t.lq}), similarity(c.email, ${t.lq}), 0) else 0 end`,
    sql`similarity(lower(c.name), ${t.lq})`,
    sql`word_similarity(${t.lq}, lower(c.name))`,
    sql`similarity(c.email, ${t.lq})`,
    sql`0.9 * similarity(lower(co.name), ${t.lq})`,
  ];
  if (t.digits) parts.push(sql`case when c.phone_digits like ${`%${t.digits}%`} then 1 + ${t.digits.length}::float8 / length(c.phone_digits) else 0 end`);
  return sql`round(greatest(${sql.join(parts, sql`, `)}, 0)::numeric, 6)`;
}

/** The sort column of the inner query, and its text form for the cursor. */
function sortColumns(request: CustomerListRequest): { key: SQL; keyText: SQL } {
  switch (request.sort) {
    case "relevance": {
      const r = rank(searchTerms(request.q ?? ""));
      return { key: r, keyText: sql`null` };
    }
    case "name":
      return { key: sql`lower(c.name)`, keyText: sql`lower(c.name)` };
    case "updatedAt":
      return { key: sql`c.updated_at`, keyText: isoMicros(sql`c.updated_at`) };
    case "createdAt":
      return { key: sql`c.created_at`, keyText: isoMicros(sql`c.created_at`) };
  }
}

/** The cursor's value in SQL, typed like the sort column. */
function typedKey(request: CustomerListRequest, k: string): SQL {
  if (request.sort === "relevance") return sql`${k}::numeric`;
  if (request.sort === "name") return sql`${k}::text`;
  return sql`${k}::timestamptz`;
}

/** Rows after the cursor in the page's order (key, then id, both in the same direction; names without a value last). */
function afterCursor(request: CustomerListRequest): SQL {
  const after = request.after;
  if (!after) return sql`true`;
  const op = request.descending ? sql`<` : sql`>`;
  const id = sql`${after.id}::uuid`;
  if (request.sort === "name") {
    if (after.k === null) return sql`(s.sort_key is null and s.id ${op} ${id})`;
    const k = typedKey(request, after.k);
    return sql`(s.sort_key ${op} ${k} or (s.sort_key = ${k} and s.id ${op} ${id}) or s.sort_key is null)`;
  }
  return sql`(s.sort_key, s.id) ${op} (${typedKey(request, after.k ?? "")}, ${id})`;
}

/** One page of live customers (fetch = limit + 1, so the caller knows whether another page follows). */
export async function listCustomerRows(db: Database, request: CustomerListRequest): Promise<CustomerListRow[]> {
  const filters: SQL[] = [live];
  if (request.q) filters.push(sql`c.id in (${candidates(searchTerms(request.q))})`);
  if (request.tags.length > 0) filters.push(sql`c.tags @> array[${sql.join(request.tags.map((tag) => sql`${tag}`), sql`, `)}]::text[]`);
  if (request.companyId) filters.push(sql`c.company_id = ${request.companyId}::uuid`);
  if (request.segment) filters.push(sql`c.segment = ${request.segment}`);
  const { key, keyText } = sortColumns(request);
  const direction = request.descending ? sql`desc` : sql`asc`;
  // `offset 0` keeps the ranked subquery from being inlined, so each candidate's rank is computed once.
  const fence = request.sort === "relevance" ? sql`offset 0` : sql``;
  const query = sql`
    select s.id, s.name, s.email, s.phone, s.tier, s.tags, s.segment, s.attributes, s.created_at, s.updated_at,
           s.company_id, s.company_name, s.company_domain,
           ${request.sort === "relevance" ? sql`s.sort_key::text` : sql`s.key_text`} as sort_key
    from (
      select c.id, c.name, c.email, c.phone, c.tier, c.tags, c.segment, c.attributes,
             ${iso(sql`c.created_at`)} as created_at, ${iso(sql`c.updated_at`)} as updated_at,
             co.id as company_id, co.name as company_name, co.domain as company_domain,
             ${key} as sort_key, ${keyText} as key_text
      from ${c} c left join ${tables.companies} co on co.id = c.company_id
      where ${sql.join(filters, sql` and `)}
      ${fence}
    ) s
    where ${afterCursor(request)}
    order by s.sort_key ${direction} nulls last, s.id ${direction}
    limit ${request.fetch}`;
  const result = (await db.execute(query)) as unknown as { rows: CustomerListRow[] };
  return result.rows;
}
