/**
 * The search's queries: messages by their generated search_vector (GIN), conversations by the orders they are linked to
 * or the ids they mention or by their customer, tickets by number or subject (GIN on the English tsvector of the subject).
 * Each returns one kind's next rows in the search's order (score, then kind, then id, all descending) after the cursor.
 */
import { sql, type SQL } from "drizzle-orm";
import { tables, type Database } from "../../db/index.ts";
import type { SearchKind } from "../../contracts/search.ts";
import type { SearchTerms } from "./search.terms.ts";

/** The filters of a search that concern conversations (see README, Search). */
export type SearchFilters = {
  status?: "open" | "bot" | "handoff" | "resolved";
  inboxId?: string;
  channel?: string;
  agentId?: string;
  label?: string;
  sentiment?: "negative" | "neutral" | "positive";
  from?: Date;
  to?: Date;
};

/** Where the previous page ended: the last result's score (as exact text), kind and id. */
export type SearchAfter = { score: string; kind: SearchKind; id: string };

/** The tie-break between kinds of equal score (higher first). */
export const KIND_ORDER: Record<SearchKind, number> = { conversation: 4, ticket: 3, customer: 2, message: 1 };

/** One row of a kind's query, before presentation. `snippet` holds \u0002…\u0003 around matched words. */
export type SearchHitRow = {
  id: string;
  conversation_id: string | null;
  customer_id: string;
  score: string;
  at: string;
  snippet: string | null;
  customer_name: string | null;
  subject: string | null;
  number: number | null;
  matched_by: string | null;
};

/** The markers ts_headline puts around a match: control characters, taken out of the text first, so they cannot be forged. */
export const MARK_START = "\u0002";
/** See MARK_START. */
export const MARK_STOP = "\u0003";
/**
 * Stand-ins for "<" and "&" while ts_headline reads the text: its parser takes `<b>` or `&amp;` for markup and leaves it
 * out of the headline, and a customer's text must come back as written (the presenter puts them back).
 */
export const MASKED = { "\u0001": "<", "\u0004": "&" } as const;
const HEADLINE_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_STOP}, MaxWords=30, MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "`;
// The control characters used as markers and stand-ins are removed from the text first, so none can be forged.
const unmarked = (text: SQL): SQL => sql`translate(translate(${text}, ${`\u0001${MARK_START}${MARK_STOP}\u0004`}, ''), '<&', ${"\u0001\u0004"})`;

/** Texts up to this long are shown whole (a headline's fragments would drop the punctuation around their ends). */
const WHOLE_TEXT_MAX = 280;
const WHOLE_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_STOP}, HighlightAll=true`;

/** The text with its matches marked: whole when short, else its best fragments. */
function headline(text: SQL, query: SQL): SQL {
  const masked = unmarked(text);
  return sql`case when length(${text}) <= ${WHOLE_TEXT_MAX}::int
    then ts_headline('english'::regconfig, ${masked}, ${query}, ${WHOLE_OPTIONS})
    else ts_headline('english'::regconfig, ${masked}, ${query}, ${HEADLINE_OPTIONS}) end`;
}

const iso = (column: SQL): SQL => sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * The full-text query of the search, or null when it has nothing to match (only punctuation or stop words): the words
 * (English-stemmed, web-search syntax) and, for each id, the id as written or as the stored id lexeme.
 */
export function textQuery(terms: SearchTerms): SQL | null {
  const parts: SQL[] = [];
  if (terms.words) parts.push(sql`websearch_to_tsquery('english'::regconfig, ${terms.words})`);
  for (const id of terms.ids) parts.push(sql`(phraseto_tsquery('english'::regconfig, ${id.raw}) || plainto_tsquery('simple'::regconfig, ${id.lexeme}))`);
  return parts.length > 0 ? sql.join(parts, sql` && `) : null;
}

/** The conditions on the conversation `c` a result belongs to. */
function conversationConditions(f: SearchFilters): SQL[] {
  const out: SQL[] = [];
  if (f.status === "open") out.push(sql`c.status in ('bot', 'handoff')`);
  else if (f.status) out.push(sql`c.status = ${f.status}`);
  if (f.inboxId) out.push(sql`c.inbox_id = ${f.inboxId}`);
  if (f.channel) out.push(sql`c.channel = ${f.channel}`);
  if (f.agentId) out.push(sql`exists (select 1 from ${tables.tickets} ta where ta.conversation_id = c.id and ta.assignee_id = ${f.agentId}::uuid)`);
  if (f.label) {
    out.push(sql`exists (select 1 from ${tables.conversationLabels} cl join ${tables.labels} l on l.id = cl.label_id
      where cl.conversation_id = c.id and (l.id::text = ${f.label} or lower(l.name) = lower(${f.label})))`);
  }
  return out;
}

/** The conversation's sentiment: its latest customer message's label. */
function conversationSentiment(sentiment: string): SQL {
  return sql`(select ms.sentiment_label from ${tables.messages} ms where ms.conversation_id = c.id and ms.sender_type = 'customer' order by ms.seq desc limit 1) = ${sentiment}`;
}

/** A time column within the filters' period. */
function period(f: SearchFilters, column: SQL): SQL[] {
  const out: SQL[] = [];
  if (f.from) out.push(sql`${column} >= ${f.from.toISOString()}::timestamptz`);
  if (f.to) out.push(sql`${column} < ${f.to.toISOString()}::timestamptz`);
  return out;
}

/** Rows after the cursor in the search's order, for rows of one kind (`s.score`, `s.id`). */
function afterCursor(after: SearchAfter | null, kind: SearchKind): SQL {
  if (!after) return sql`true`;
  return sql`(s.score, ${KIND_ORDER[kind]}::int, s.id) < (${after.score}::numeric, ${KIND_ORDER[after.kind]}::int, ${after.id}::uuid)`;
}

const where = (conditions: SQL[]): SQL => (conditions.length > 0 ? sql.join(conditions, sql` and `) : sql`true`);

type Rows = { rows: SearchHitRow[] };

/** Messages whose text or extracted ids match, best first. */
export async function searchMessages(db: Database, query: SQL, f: SearchFilters, after: SearchAfter | null, fetch: number): Promise<SearchHitRow[]> {
  const conditions = [sql`m.search_vector @@ q.query`, ...conversationConditions(f), ...period(f, sql`m.created_at`)];
  if (f.sentiment) conditions.push(sql`m.sentiment_label = ${f.sentiment}`);
  const result = (await db.execute(sql`
    with q as (select ${query} as query)
    select s.id, s.conversation_id, s.score::text as score, ${iso(sql`s.created_at`)} as at,
           ${headline(sql`s.text`, sql`q.query`)} as snippet,
           cu.id as customer_id, coalesce(cu.name, cu.email, cu.phone) as customer_name, s.subject, null::int as number, s.sender_type as matched_by
    from (
      select m.id, m.conversation_id, m.text, m.sender_type, m.created_at, c.customer_id, c.subject,
             round(ts_rank(m.search_vector, q.query, 32)::numeric, 6) as score
      from ${tables.messages} m cross join q join ${tables.conversations} c on c.id = m.conversation_id
      where ${where(conditions)}
      offset 0
    ) s cross join q join ${tables.customers} cu on cu.id = s.customer_id
    where ${afterCursor(after, "message")}
    order by s.score desc, s.id desc
    limit ${fetch}`)) as unknown as Rows;
  return result.rows;
}

/** Scores of the ways a conversation matches as a whole (above a single message's word match). */
export const CONVERSATION_SCORES = { linkedOrder: 0.95, mentionedId: 0.9, customer: 0.8 } as const;

/** How the conversations to look at are found: the orders, the ids, the customers (exact matches) a query names. */
export type ConversationSources = { orderNumbers: string[]; idQuery: SQL | null; customerIds: string[] };

/**
 * Conversations that match as a whole: linked to the order the query names, mentioning the id it is (an order,
 * invoice, tracking or phone number a message of theirs contains), or belonging to the customer it names exactly.
 */
export async function searchConversations(db: Database, sources: ConversationSources, textQ: SQL | null, f: SearchFilters, after: SearchAfter | null, fetch: number): Promise<SearchHitRow[]> {
  const arms: SQL[] = [];
  if (sources.orderNumbers.length > 0) {
    arms.push(sql`select co.conversation_id as id, ${CONVERSATION_SCORES.linkedOrder}::numeric as score, 'order' as matched_by
      from ${tables.conversationOrders} co join ${tables.orders} o on o.id = co.order_id
      where o.number in (${sql.join(sources.orderNumbers.map((n) => sql`${n}`), sql`, `)})`);
  }
  if (sources.idQuery) {
    arms.push(sql`select distinct m.conversation_id as id, ${CONVERSATION_SCORES.mentionedId}::numeric as score, 'mention' as matched_by
      from ${tables.messages} m where m.search_vector @@ ${sources.idQuery}`);
  }
  if (sources.customerIds.length > 0) {
    arms.push(sql`select c.id, ${CONVERSATION_SCORES.customer}::numeric as score, 'customer' as matched_by
      from ${tables.conversations} c where c.customer_id in (${sql.join(sources.customerIds.map((id) => sql`${id}::uuid`), sql`, `)})`);
  }
  if (arms.length === 0) return [];
  const conditions = [...conversationConditions(f), ...period(f, sql`c.last_message_at`)];
  if (f.sentiment) conditions.push(conversationSentiment(f.sentiment));
  const snippet = textQ
    ? headline(sql`coalesce(s.last_text, '')`, textQ)
    : sql`${unmarked(sql`coalesce(s.last_text, '')`)}`;
  const result = (await db.execute(sql`
    select s.id, s.id as conversation_id, s.score::text as score, ${iso(sql`s.last_message_at`)} as at, ${snippet} as snippet,
           cu.id as customer_id, coalesce(cu.name, cu.email, cu.phone) as customer_name, s.subject, null::int as number, s.matched_by
    from (
      select c.id, c.subject, c.customer_id, c.last_message_at, c.last_message->>'text' as last_text, k.score, k.matched_by
      from (
        select distinct on (a.id) a.id, a.score, a.matched_by from (${sql.join(arms, sql` union all `)}) a order by a.id, a.score desc
      ) k join ${tables.conversations} c on c.id = k.id
      where ${where(conditions)}
    ) s join ${tables.customers} cu on cu.id = s.customer_id
    where ${afterCursor(after, "conversation")}
    order by s.score desc, s.id desc
    limit ${fetch}`)) as unknown as Rows;
  return result.rows;
}

/** Tickets by number (exactly, score 1) or by subject (English-stemmed, ranked like messages). */
export async function searchTickets(db: Database, ticketNumber: number | null, textQ: SQL | null, f: SearchFilters, after: SearchAfter | null, fetch: number): Promise<SearchHitRow[]> {
  const subject = sql`to_tsvector('english'::regconfig, t.subject)`;
  const ways: SQL[] = [];
  if (ticketNumber !== null) ways.push(sql`t.number = ${ticketNumber}::int`);
  if (textQ) ways.push(sql`${subject} @@ ${textQ}`);
  if (ways.length === 0) return [];
  const conditions = [sql`(${sql.join(ways, sql` or `)})`, ...conversationConditions(f), ...period(f, sql`t.created_at`)];
  if (f.sentiment) conditions.push(conversationSentiment(f.sentiment));
  const rank = textQ ? sql`ts_rank(${subject}, ${textQ}, 32)` : sql`0`;
  const score = ticketNumber !== null ? sql`case when t.number = ${ticketNumber}::int then 1 else ${rank} end` : rank;
  const snippet = textQ ? headline(sql`s.subject`, textQ) : unmarked(sql`s.subject`);
  const result = (await db.execute(sql`
    select s.id, s.conversation_id, s.score::text as score, ${iso(sql`s.created_at`)} as at, ${snippet} as snippet,
           cu.id as customer_id, coalesce(cu.name, cu.email, cu.phone) as customer_name, s.subject, s.number, s.status as matched_by
    from (
      select t.id, t.conversation_id, t.subject, t.number, t.status, t.created_at, t.customer_id, round((${score})::numeric, 6) as score
      from ${tables.tickets} t join ${tables.conversations} c on c.id = t.conversation_id
      where ${where(conditions)}
      offset 0
    ) s join ${tables.customers} cu on cu.id = s.customer_id
    where ${afterCursor(after, "ticket")}
    order by s.score desc, s.id desc
    limit ${fetch}`)) as unknown as Rows;
  return result.rows;
}
