/** Queries on customer suggestions (details the NLP found in a customer's messages) and the conversation-order links they bring. */
import { and, desc, eq, isNull, ne, sql, type SQL } from "drizzle-orm";
import { tables, type Database } from "../../db/index.ts";
import type { FoundDetail } from "./suggestions.extract.ts";

/** A suggestion row. */
export type SuggestionRow = typeof tables.customerSuggestions.$inferSelect;

/** Where a detail was found. */
export type SuggestionSource = { customerId: string; conversationId: string; messageId: string };

/**
 * Records the details as open suggestions in one statement, each only when the live customer's profile does not hold it
 * already (an email, the phone's digits, the name or one word of it) and never twice for the same value (the unique key).
 */
export async function insertDetailSuggestions(db: Database, source: SuggestionSource, details: FoundDetail[]): Promise<void> {
  if (details.length === 0) return;
  const found = sql.join(
    details.map((d) => sql`(${d.field}::text, ${d.value}::text)`),
    sql`, `,
  );
  await db.execute(sql`
    insert into ${tables.customerSuggestions} (customer_id, field, value, message_id, conversation_id)
    select c.id, v.field, v.value, ${source.messageId}::uuid, ${source.conversationId}::uuid
    from ${tables.customers} c cross join (values ${found}) as v(field, value)
    where c.id = ${source.customerId}::uuid and c.merged_into_id is null and c.erased_at is null
      and case v.field
        when 'email' then c.email is distinct from v.value
        when 'phone' then c.phone_digits is distinct from regexp_replace(v.value, '[^0-9]', '', 'g')
        else (' ' || lower(coalesce(c.name, '')) || ' ') not like ('% ' || lower(v.value) || ' %')
      end
    on conflict do nothing`);
}

/**
 * Links the conversation to each quoted order that exists (idempotent) and, for an order that belongs to nobody yet,
 * suggests it to the customer: one statement.
 */
export async function linkQuotedOrders(db: Database, source: SuggestionSource, orderNumbers: string[]): Promise<void> {
  if (orderNumbers.length === 0) return;
  const numbers = sql.join(
    orderNumbers.map((n) => sql`${n}::text`),
    sql`, `,
  );
  await db.execute(sql`
    with quoted as (select id, number, customer_id from ${tables.orders} where number in (${numbers})),
    linked as (
      insert into ${tables.conversationOrders} (conversation_id, order_id, message_id)
      select ${source.conversationId}::uuid, id, ${source.messageId}::uuid from quoted
      on conflict do nothing
    )
    insert into ${tables.customerSuggestions} (customer_id, field, value, message_id, conversation_id)
    select c.id, 'order', q.number, ${source.messageId}::uuid, ${source.conversationId}::uuid
    from quoted q join ${tables.customers} c on c.id = ${source.customerId}::uuid and c.merged_into_id is null and c.erased_at is null
    where q.customer_id is null
    on conflict do nothing`);
}

/**
 * The condition that keeps an open suggestion on the profile (with the customers table joined): a value the profile
 * has taken meanwhile (typed by an agent) no longer counts, nor does an order someone has since claimed.
 */
export function stillSuggested(): SQL {
  const s = tables.customerSuggestions;
  const c = tables.customers;
  return sql`case ${s.field}
    when 'email' then ${c.email} is distinct from ${s.value}
    when 'phone' then ${c.phoneDigits} is distinct from regexp_replace(${s.value}, '[^0-9]', '', 'g')
    when 'name' then lower(coalesce(${c.name}, '')) <> lower(${s.value})
    else not exists (select 1 from ${tables.orders} o where o.number = ${s.value} and o.customer_id is not null)
  end`;
}

/** One suggestion of a customer. */
export async function findSuggestion(db: Database, customerId: string, id: string): Promise<SuggestionRow | undefined> {
  const s = tables.customerSuggestions;
  const [row] = await db
    .select()
    .from(s)
    .where(and(eq(s.customerId, customerId), eq(s.id, id)))
    .limit(1);
  return row;
}

/** Sets a suggestion's status. */
export async function setSuggestionStatus(db: Database, customerId: string, id: string, status: SuggestionRow["status"]): Promise<void> {
  const s = tables.customerSuggestions;
  await db
    .update(s)
    .set({ status })
    .where(and(eq(s.customerId, customerId), eq(s.id, id)));
}

/** Another live customer who already has this email or phone (the phone compared by its digits). */
export async function findLiveHolder(db: Database, customerId: string, field: "email" | "phone", value: string): Promise<string | undefined> {
  const c = tables.customers;
  const match = field === "email" ? eq(c.email, value) : eq(c.phoneDigits, sql`regexp_replace(${value}::text, '[^0-9]', '', 'g')`);
  const [row] = await db
    .select({ id: c.id })
    .from(c)
    .where(and(match, ne(c.id, customerId), isNull(c.mergedIntoId), isNull(c.erasedAt)))
    .orderBy(desc(c.createdAt))
    .limit(1);
  return row?.id;
}

/** The live customer other than `customerId` who has this email or phone (the newest), with their name. */
export async function findLiveHolderRef(db: Database, customerId: string, field: "email" | "phone", value: string): Promise<{ id: string; name: string | null } | undefined> {
  const id = await findLiveHolder(db, customerId, field, value);
  if (!id) return undefined;
  const c = tables.customers;
  const [row] = await db.select({ id: c.id, name: c.name }).from(c).where(eq(c.id, id));
  return row;
}

/** Gives an order that belongs to nobody to the customer; answers who owns it afterwards (undefined: no such order). */
export async function claimOrder(db: Database, customerId: string, number: string): Promise<{ orderId: string; ownerId: string | null } | undefined> {
  const o = tables.orders;
  await db
    .update(o)
    .set({ customerId, updatedAt: new Date() })
    .where(and(eq(o.number, number), isNull(o.customerId)));
  const [row] = await db.select({ orderId: o.id, ownerId: o.customerId }).from(o).where(eq(o.number, number)).limit(1);
  return row;
}

/** Sets one profile field of a customer. */
export async function setCustomerField(db: Database, customerId: string, field: "email" | "phone" | "name", value: string): Promise<void> {
  await db
    .update(tables.customers)
    .set({ [field]: value, updatedAt: new Date() })
    .where(eq(tables.customers.id, customerId));
}
