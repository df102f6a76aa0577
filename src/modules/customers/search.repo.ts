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

/** Fewest digits a phone number without its country code has: a query that long which ends a stored number is that number. */
const MIN_NATIONAL_DIGITS = 7;

/** A stored phone number ending with these digits ("4155550101" ends "+14155550101"): a btree prefix lookup of the reversed digits. */
function endsWithDigits(digits: string): SQL {
  return sql`reverse(c.phone_digits) like ${`${[...digits].reverse().join("")}%`}`;
}

/** The spellings an order number is looked up by: as typed, upper- and lower-case (order numbers are stored in one case). */
function orderNumberSpellings(q: string): SQL {
  return sql`(${q}, ${q.toUpperCase()}, ${q.toLowerCase()})`;
}

type SearchTerms = { lq: string; prefix: string; local: string; digits: string | null; orders: SQL };

function searchTerms(q: string): SearchTerms {
  const lq = q.toLowerCase();
  // An email's domain is shared by many customers and would make every address at it look alike: a typo is looked
  // for in the part before the @ only.
  const at = lq.indexOf("@");
  const local = at > 0 ? lq.slice(0, at) : lq;
  return { lq, prefix: `${likeEscape(lq)}%`, local, digits: phoneDigitsOf(q), orders: orderNumberSpellings(q) };
}

/** Most candidates one loose way of matching contributes to a search (see candidates). */
export const MAX_LOOSE_MATCHES = 200;

/** Shorter queries are matched by prefix only: a typo-tolerant match of two or three letters would match nearly anyone. */
const MIN_FUZZY_LENGTH = 4;

/** What kind of text a query can be, which decides the ways it is matched. */
function queryShape(t: SearchTerms): { mayBeEmail: boolean; mayBeName: boolean } {
  return {
    // An email has no spaces.
    mayBeEmail: !/\s/.test(t.lq),
    // A query with digits or an @ is an email, phone or order number, not a person's or company's name.
    mayBeName: !t.digits && !t.lq.includes("@") && !/[0-9]/.test(t.lq),
  };
}

const exactly = (condition: SQL): SQL => sql`select c.id from ${c} c where ${live} and ${condition}`;
// A loose match (prefix, trigram) of a very common beginning could match a large share of all customers: each such
// arm stops at MAX_LOOSE_MATCHES, so a search costs the same at any size (exact matches are never cut).
const loosely = (condition: SQL): SQL => sql`(select c.id from ${c} c where ${live} and ${condition} limit ${MAX_LOOSE_MATCHES})`;
const ofCompanies = (condition: SQL): SQL =>
  sql`(select c.id from ${tables.companies} co join ${c} c on c.company_id = co.id where ${live} and ${condition} limit ${MAX_LOOSE_MATCHES})`;

/**
 * The strong ways to match, each a btree lookup: an exact order number, email, phone (or the end of one) or company
 * name, and a name, email or company name starting with the query. They rank 2 and above (see rank), above every looser match.
 */
function strongArms(t: SearchTerms): SQL[] {
  const shape = queryShape(t);
  const arms: SQL[] = [
    sql`select o.customer_id as id from ${tables.orders} o where o.number in ${t.orders} and o.customer_id is not null`,
    exactly(sql`c.email = ${t.lq}`),
  ];
  // Addresses starting with the query, or for a whole address with its part before the @ (the same person's other
  // addresses, and near-duplicates such as "anna.k@" and "anna.k2@").
  if (shape.mayBeEmail) arms.push(loosely(sql`c.email like ${`${likeEscape(t.local)}%`}`));
  if (t.digits) arms.push(exactly(sql`c.phone_digits = ${t.digits}`));
  if (t.digits && t.digits.length >= MIN_NATIONAL_DIGITS) arms.push(loosely(endsWithDigits(t.digits)));
  if (shape.mayBeName) arms.push(loosely(sql`lower(c.name) like ${t.prefix}`), ofCompanies(sql`lower(co.name) like ${t.prefix}`));
  return arms;
}

/** Most vocabulary words one word of a misspelt name is corrected to (see correctNameWords). */
const WORD_CORRECTIONS = 8;

/** Least trigram similarity of a name word to a query word for it to be a correction (pg_trgm's usual threshold). */
const WORD_SIMILARITY = 0.3;

/**
 * The threshold for a query word no name word reaches WORD_SIMILARITY with: a typo in a short word leaves few trigrams
 * in common ("arhcie" and "archie" share 3 of 11: 0.27). Only then, or "jonhson" would be corrected to "jackson" (0.23)
 * beside "johnson".
 */
const WEAK_WORD_SIMILARITY = 0.2;

/** Query words shorter than this do not constrain a misspelt-name match (an initial, "le", "de"). */
const MIN_WORD_LENGTH = 3;

/** The words of a query a misspelt-name match is made of (three letters or more, at most four), or none when it is not a name. */
function nameWords(t: SearchTerms): string[] {
  if (!queryShape(t).mayBeName || t.lq.length < MIN_FUZZY_LENGTH) return [];
  return [...new Set(t.lq.split(/\s+/).filter((w) => w.length >= MIN_WORD_LENGTH))].slice(0, 4);
}

/** Most words of the same initial within edit distance a query word also gets (see correctNameWords). */
const EDIT_CORRECTIONS = 4;

/**
 * A misspelt name, word by word: each word of the query becomes the few closest words any customer's name has, looked
 * up in customer_name_words (thousands of rows rather than every customer) two ways. By trigrams, at WORD_SIMILARITY
 * or, for a word nothing is that close to, WEAK_WORD_SIMILARITY (the search's `%` threshold, see listCustomerRows). And
 * by edit distance among the words with the same first letter (at most 1 edit for a three-letter word, 2 for longer
 * ones, the commonest first): a swap of two letters in a short word leaves it almost no trigram in common with the
 * name ("bsoe" and "bose" share one of nine), and people rarely mistype a name's first letter. One statement for all
 * the words. "jmaes smiht" → [[james, jameson …], [smith, smyth …]].
 */
async function correctNameWords(tx: Database, words: string[]): Promise<string[][]> {
  const v = tables.customerNameWords;
  const result = (await tx.execute(sql`
    select array(
      select x.word from (
        select v.word, similarity(v.word, w.q) as s, max(similarity(v.word, w.q)) over () as best
        from ${v} v where v.word % w.q) x
      where x.s >= case when x.best >= ${WORD_SIMILARITY}::real then ${WORD_SIMILARITY}::real else ${WEAK_WORD_SIMILARITY}::real end
      order by x.s desc, x.word limit ${WORD_CORRECTIONS}) ||
    array(
      select e.word from (
        select v.word, v.occurrences, levenshtein_less_equal(v.word, w.q, w.k) as d
        from ${v} v
        where v.word >= left(w.q, 1) and v.word < chr(ascii(w.q) + 1) and left(v.word, 1) = left(w.q, 1)
          and length(v.word) between length(w.q) - w.k and length(w.q) + w.k) e
      where e.d <= w.k
      order by e.d, e.occurrences desc, e.word limit ${EDIT_CORRECTIONS}) as words
    from (select q, n, case when length(q) <= 3 then 1 else 2 end as k
          from unnest(${sql.param(words)}::text[]) with ordinality as u(q, n)) w
    order by w.n`)) as unknown as { rows: { words: string[] }[] };
  return result.rows.map((row) => [...new Set(row.words)]);
}

/**
 * The customers whose name has, for every query word, one of its corrections (the names' word index answers it); none
 * when a word has no correction at all.
 */
function nameWordsArm(corrections: string[][]): SQL | null {
  if (corrections.length === 0 || corrections.some((words) => words.length === 0)) return null;
  const conditions = corrections.map((words) => sql`regexp_split_to_array(lower(c.name), '\\s+') && ${sql.param(words)}::text[]`);
  return loosely(sql.join(conditions, sql` and `));
}

/**
 * The loose ways, each an index lookup that tolerates typos: a typo before an email's @ (trigram word similarity), the
 * query's digits anywhere in a phone number ("4155550101" finds "+14155550101"), a misspelt name word by word
 * (nameWordsArm), a misspelt company. Each arm has a single condition that one index answers (an OR of trigram
 * conditions would be planned as a scan of the whole table, as the planner cannot see what a similarity check costs per row).
 */
function looseArms(t: SearchTerms, corrections: string[][]): SQL[] {
  const shape = queryShape(t);
  const arms: SQL[] = [];
  if (shape.mayBeEmail && t.local.length >= MIN_FUZZY_LENGTH) arms.push(loosely(sql`c.email %> ${t.local}`));
  if (t.digits) arms.push(loosely(sql`c.phone_digits like ${`%${t.digits}%`}`));
  if (shape.mayBeName && t.lq.length >= MIN_FUZZY_LENGTH) {
    const words = nameWordsArm(corrections);
    if (words) arms.push(words);
    arms.push(ofCompanies(sql`lower(co.name) % ${t.lq} and similarity(lower(co.name), ${t.lq}) >= ${WORD_SIMILARITY}::real`));
  }
  return arms;
}

/**
 * The last resort, when no other way found anyone: the whole name compared with the whole query by trigram similarity
 * (a name typed without its space, "annamaria", or a word too short or too mangled to correct on its own). The
 * closest first: of the hundreds a common beginning matches, the ones the rank would put on top.
 */
function wholeNameArm(t: SearchTerms): SQL | null {
  if (!queryShape(t).mayBeName || t.lq.length < MIN_FUZZY_LENGTH) return null;
  return loosely(sql`lower(c.name) % ${t.lq} and similarity(lower(c.name), ${t.lq}) >= ${WORD_SIMILARITY}::real order by similarity(lower(c.name), ${t.lq}) desc`);
}

/** Ids of the live customers a search can match: by the strong ways only, or by every way (given the name's corrections). */
function candidates(t: SearchTerms, corrections?: string[][]): SQL {
  return sql.join(corrections ? [...strongArms(t), ...looseArms(t, corrections)] : strongArms(t), sql` union `);
}

/**
 * How well a customer matches, first rule that applies: 3 for an exact email, phone (or one ending with the query's
 * seven or more digits: the same number without its country code), order number or company name; 2–3 for a name, then
 * an email, then a company name, starting with the query (the more of it the query covers, the higher); 1–2 for a
 * phone containing its digits; otherwise the best trigram similarity (0–1) of the name, a word of the name, the email before the @ or
 * the company's name. The similarities are only computed for the rows that need them (a CASE stops at the first
 * rule), and the result is rounded so that cursors compare exactly.
 */
function rank(t: SearchTerms): SQL {
  const exact = [
    sql`c.email = ${t.lq}`,
    sql`c.id in (select o.customer_id from ${tables.orders} o where o.number in ${t.orders})`,
    sql`lower(co.name) = ${t.lq}`,
  ];
  if (t.digits) exact.push(t.digits.length >= MIN_NATIONAL_DIGITS ? endsWithDigits(t.digits) : sql`c.phone_digits = ${t.digits}`);
  const length = sql`${t.lq.length}::float8`;
  const score = sql`case
      when ${sql.join(exact, sql` or `)} then 3
      when lower(c.name) like ${t.prefix} then 2 + ${length} / greatest(length(c.name), 1)
      when c.email like ${t.prefix} then 2 + ${length} / greatest(length(c.email), 1)
      when lower(co.name) like ${t.prefix} then 2 + ${length} / greatest(length(co.name), 1)
      ${t.digits ? sql`when c.phone_digits like ${`%${t.digits}%`} then 1 + ${t.digits.length}::float8 / length(c.phone_digits)` : sql``}
      else greatest(similarity(lower(c.name), ${t.lq}), word_similarity(${t.lq}, lower(c.name)), word_similarity(${t.local}, c.email),
                    0.9 * similarity(lower(co.name), ${t.lq}), 0)
    end`;
  return sql`round((${score})::numeric, 6)`;
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

/** The rank of an exact match (see rank). */
const EXACT_RANK = 3;

/**
 * One page of live customers (fetch = limit + 1, so the caller knows whether another page follows).
 *
 * A search by relevance first tries the strong ways to match alone (btree lookups, a millisecond or two): when they
 * fill the page, or find the customer exactly (an email, phone, order number or company name), no looser match could
 * come before them, and the trigram lookups (most of a search's cost) are skipped. Otherwise the page is read again
 * from every way to match.
 */
export async function listCustomerRows(db: Database, request: CustomerListRequest): Promise<CustomerListRow[]> {
  if (!request.q) return listPage(db, request, sql`${c} c`);
  const terms = searchTerms(request.q);
  // Each candidate is read by primary key (the LIMIT keeps the planner from hashing the whole table instead).
  const joined = (ids: SQL): SQL => sql`(${ids}) k cross join lateral (select * from ${c} c where c.id = k.id limit 1) c`;

  // A search is planned for its own words, every time. The embedded database runs every statement prepared, and after
  // five runs PostgreSQL may keep a generic plan, made without the words, whose LIKE and trigram lookups cannot use
  // their indexes: the same typo'd-name search went from 40 to 135 ms at its sixth run (100,000 customers).
  return db.transaction(async (tx) => {
    // pg_trgm's `%` lets through what WEAK_WORD_SIMILARITY allows (the GIN lookups' candidates); each use states its own bar.
    await tx.execute(sql`select set_config('plan_cache_mode', 'force_custom_plan', true), set_config('pg_trgm.similarity_threshold', ${String(WEAK_WORD_SIMILARITY)}, true)`);
    if (request.sort === "relevance") {
      const strong = await listPage(tx, request, joined(candidates(terms)));
      if (strong.length >= request.fetch || strong.some((row) => Number(row.sort_key) >= EXACT_RANK)) return strong;
    }
    const words = nameWords(terms);
    const all = await listPage(tx, request, joined(candidates(terms, words.length > 0 ? await correctNameWords(tx, words) : [])));
    // Nobody found by any other way: the whole-name comparison, once (a later page continues from the earlier one's arms).
    const lastResort = all.length === 0 && request.after === null ? wholeNameArm(terms) : null;
    return lastResort ? listPage(tx, request, joined(lastResort)) : all;
  });
}

/** One page read from `source` (the customers table, or a search's candidates joined to it, named `c`). */
async function listPage(db: Database, request: CustomerListRequest, source: SQL): Promise<CustomerListRow[]> {
  const filters: SQL[] = [live];
  if (request.tags.length > 0) filters.push(sql`c.tags @> array[${sql.join(request.tags.map((tag) => sql`${tag}`), sql`, `)}]::text[]`);
  if (request.companyId) filters.push(sql`c.company_id = ${request.companyId}::uuid`);
  if (request.segment) filters.push(sql`c.segment = ${request.segment}`);
  const { key, keyText } = sortColumns(request);
  const direction = request.descending ? sql`desc` : sql`asc`;
  // Only names can be missing (and go last either way); dates and ranks keep the plain order an index walks.
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
      from ${source} left join ${tables.companies} co on co.id = c.company_id
      where ${sql.join(filters, sql` and `)}
      ${fence}
    ) s
    where ${afterCursor(request)}
    order by s.sort_key ${direction}${request.sort === "name" ? sql` nulls last` : sql``}, s.id ${direction}
    limit ${request.fetch}`;
  const result = (await db.execute(query)) as unknown as { rows: CustomerListRow[] };
  return result.rows;
}
