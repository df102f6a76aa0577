/**
 * The queries behind a customer's profile: each reads a handful of rows through an index (conversations by customer,
 * tickets by conversation, orders by customer, suggestions by customer, messages by conversation and sequence), so a
 * customer with thousands of messages costs the same as one with ten.
 */
import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import { tables, type Database } from "../../db/index.ts";
import { stillSuggested } from "./suggestions.repo.ts";

type Rows<T> = { rows: T[] };
const iso = (column: SQL): SQL => sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** A customer's lifetime figures as the database adds them up. */
export type FiguresRow = {
  conversations: number;
  first_conversation_at: string | null;
  last_seen_at: string | null;
  tickets: number;
  open_tickets: number;
  orders: number;
  currency: string | null;
  total_spent: string | number | null;
  paid_orders: number;
};

/**
 * Conversations (count, first, latest activity), tickets (all, unresolved), orders, and the money spent: the
 * non-cancelled orders in the currency of the latest one (amounts in different currencies are not added up).
 */
export async function customerFigures(db: Database, customerId: string): Promise<FiguresRow> {
  const id = sql`${customerId}::uuid`;
  const paid = sql`o.customer_id = ${id} and o.status <> 'cancelled'`;
  const result = (await db.execute(sql`
    select cv.n::int as conversations, ${iso(sql`cv.first_at`)} as first_conversation_at, ${iso(sql`cv.last_at`)} as last_seen_at,
           tk.n::int as tickets, tk.open::int as open_tickets, od.n::int as orders,
           sp.currency, sp.total::float8 as total_spent, sp.n::int as paid_orders
    from (select count(*) as n, min(created_at) as first_at, max(last_message_at) as last_at from ${tables.conversations} where customer_id = ${id}) cv,
         (select count(*) as n, count(*) filter (where t.status <> 'resolved') as open
            from ${tables.tickets} t join ${tables.conversations} x on x.id = t.conversation_id where x.customer_id = ${id}) tk,
         (select count(*) as n from ${tables.orders} o where o.customer_id = ${id}) od,
         (select max(o.currency) as currency, coalesce(sum(o.total_cents), 0) as total, count(*) as n from ${tables.orders} o
            where ${paid} and o.currency = (select o.currency from ${tables.orders} o where ${paid} order by o.created_at desc limit 1)) sp`)) as unknown as Rows<FiguresRow>;
  return result.rows[0];
}

/** The channel identities a customer is known by, oldest first. */
export async function identitiesOf(db: Database, customerId: string) {
  const i = tables.customerIdentities;
  return db.select({ channel: i.channel, externalId: i.externalId, createdAt: i.createdAt }).from(i).where(eq(i.customerId, customerId)).orderBy(i.createdAt);
}

/** A company as a customer's record shows it. */
export async function companyRef(db: Database, companyId: string | null): Promise<{ id: string; name: string; domain: string | null } | null> {
  if (!companyId) return null;
  const co = tables.companies;
  const [row] = await db.select({ id: co.id, name: co.name, domain: co.domain }).from(co).where(eq(co.id, companyId)).limit(1);
  return row ?? null;
}

/** The sentiment trend of a customer's latest conversations (newest first; the caller reverses). */
export async function sentimentOf(db: Database, customerId: string, limit: number) {
  const cv = tables.conversations;
  return db
    .select({ id: cv.id, createdAt: cv.createdAt, sentiment: cv.sentiment })
    .from(cv)
    .where(and(eq(cv.customerId, customerId), sql`${cv.sentiment} is not null`))
    .orderBy(desc(cv.createdAt))
    .limit(limit);
}

/** Open suggestions of a customer the profile still lacks, newest first, with the text of the message each came from. */
export async function openSuggestionsOf(db: Database, customerId: string, limit: number) {
  const s = tables.customerSuggestions;
  return db
    .select({ suggestion: s, messageText: tables.messages.text })
    .from(s)
    .innerJoin(tables.customers, eq(tables.customers.id, s.customerId))
    .leftJoin(tables.messages, eq(tables.messages.id, s.messageId))
    .where(and(eq(s.customerId, customerId), eq(s.status, "open"), stillSuggested()))
    .orderBy(desc(s.createdAt))
    .limit(limit);
}

/** A likely duplicate as the database finds it. */
export type DuplicateRow = { id: string; name: string | null; email: string | null; phone: string | null; reason: "email" | "phone" | "name" };

/**
 * Other live customers that are likely the same person: the same email, the same phone digits, or a name at least 0.6
 * similar at the same company (the name trigram index narrows to similarity 0.3 first).
 */
export async function duplicatesOf(
  db: Database,
  customer: { id: string; email: string | null; phoneDigits: string | null; name: string | null; companyId: string | null },
  limit: number,
): Promise<DuplicateRow[]> {
  const c = tables.customers;
  const others = sql`c.id <> ${customer.id}::uuid and c.merged_into_id is null and c.erased_at is null`;
  const arms: SQL[] = [];
  if (customer.email) arms.push(sql`(select c.id, c.name, c.email, c.phone, 'email' as reason, 1 as o from ${c} c where ${others} and c.email = ${customer.email} limit ${limit})`);
  if (customer.phoneDigits) {
    arms.push(sql`(select c.id, c.name, c.email, c.phone, 'phone' as reason, 2 as o from ${c} c where ${others} and c.phone_digits = ${customer.phoneDigits} limit ${limit})`);
  }
  if (customer.name && customer.companyId) {
    const name = customer.name.toLowerCase();
    arms.push(sql`(select c.id, c.name, c.email, c.phone, 'name' as reason, 3 as o from ${c} c
      where ${others} and c.company_id = ${customer.companyId}::uuid and lower(c.name) % ${name} and similarity(lower(c.name), ${name}) >= 0.6 limit ${limit})`);
  }
  if (arms.length === 0) return [];
  const result = (await db.execute(sql`select id, name, email, phone, reason from (${sql.join(arms, sql` union all `)}) d order by o`)) as unknown as Rows<DuplicateRow>;
  return result.rows;
}

/** A customer's latest orders. */
export async function recentOrdersOf(db: Database, customerId: string, limit: number) {
  const o = tables.orders;
  return db
    .select({ id: o.id, number: o.number, status: o.status, totalCents: o.totalCents, currency: o.currency, createdAt: o.createdAt })
    .from(o)
    .where(eq(o.customerId, customerId))
    .orderBy(desc(o.createdAt))
    .limit(limit);
}

/** A recent conversation with its first customer line and mean sentiment. */
export type RecentConversationRow = {
  id: string;
  channel: string;
  status: string;
  last_message_at: string;
  first_line: string | null;
  sentiment: number | null;
};

/** How many of a conversation's latest customer messages its mean sentiment is taken over (bounded, so long chats cost the same). */
export const SENTIMENT_WINDOW = 100;

/** A customer's latest conversations by activity, each with its first customer message and mean customer sentiment. */
export async function recentConversationsOf(db: Database, customerId: string, limit: number): Promise<RecentConversationRow[]> {
  const m = tables.messages;
  const result = (await db.execute(sql`
    select cv.id, cv.channel, cv.status, ${iso(sql`cv.last_message_at`)} as last_message_at,
      (select left(m.text, 200) from ${m} m where m.conversation_id = cv.id and m.sender_type = 'customer' order by m.seq limit 1) as first_line,
      (select avg(w.score)::float8 from (select m.sentiment_score as score from ${m} m
         where m.conversation_id = cv.id and m.sender_type = 'customer' order by m.seq desc limit ${SENTIMENT_WINDOW}) w) as sentiment
    from ${tables.conversations} cv where cv.customer_id = ${customerId}::uuid
    order by cv.last_message_at desc limit ${limit}`)) as unknown as Rows<RecentConversationRow>;
  return result.rows;
}
