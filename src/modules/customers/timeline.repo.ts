/**
 * A customer's timeline in one query: a UNION ALL of one sub-select per source (conversations, ticket events, orders
 * placed and changed, notes, customer events, deals' stage changes; the "order.*" customer events count as orders),
 * each walking its own index under the cursor with its own LIMIT, merged
 * and cut by the database. Ties on time are broken by (kind, sort key), so the keyset cursor never skips or repeats.
 */
import { sql, type SQL } from "drizzle-orm";
import type { TimelineKind } from "../../contracts/crm.ts";
import type { Database } from "../../db/index.ts";

/** Where the next page starts: the previous page's last entry (time to the microsecond, kind, sort key). */
export type TimelineCursor = { at: string; kind: TimelineKind; id: string };

/** One merged timeline row as the database returns it. */
export type TimelineRow = {
  /** UTC time to the microsecond, e.g. "2026-12-07T06:45:12.123456Z" (the cursor needs all of it). */
  at: string;
  kind: TimelineKind;
  /** Orders entries of one kind at the same time (ids zero-padded so text order is numeric order). */
  sort_id: string;
  raw_id: string;
  type: string;
  actor_type: "user" | "api_key" | "system" | "customer" | null;
  actor_id: string | null;
  actor_name: string | null;
  data: Record<string, unknown>;
  conversation_id: string | null;
  ticket_id: string | null;
  order_id: string | null;
  note_id: string | null;
};

const UUID_TEXT = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";

/**
 * Rows of this kind that come after the cursor in (at desc, kind desc, sort key desc) order: a smaller kind may share
 * the cursor's time, a larger one may not, the same kind compares its sort keys.
 */
function after(kind: TimelineKind, at: SQL, key: SQL, cursor: TimelineCursor | null): SQL {
  if (!cursor) return sql`true`;
  const cursorAt = sql`${cursor.at}::timestamptz`;
  if (kind < cursor.kind) return sql`${at} <= ${cursorAt}`;
  if (kind > cursor.kind) return sql`${at} < ${cursorAt}`;
  return sql`(${at} < ${cursorAt} or (${at} = ${cursorAt} and ${key} < ${cursor.id} collate "C"))`;
}

type Source = (customerId: SQL, cursor: TimelineCursor | null, limit: number, customerName: string | null) => SQL;

const orderData = sql.raw(
  `jsonb_build_object('number', number, 'status', status, 'totalCents', total_cents, 'currency', currency, 'carrier', carrier, 'tracking', tracking_number)`,
);

// Sort keys compare byte-wise (collation "C") so the order is the same on every server, whatever its locale.
const uuidKey = sql.raw(`id::text collate "C"`);
const serialKey = sql.raw(`lpad(id::text, 20, '0') collate "C"`);

// Each source yields the same columns: at, kind, sort_id, raw_id, type, actor_type, actor_id, actor_name, data, and the links.
const sources: Record<TimelineKind, Source[]> = {
  conversation: [
    (customerId, cursor, limit, customerName) => sql`
      select c.created_at as at, 'conversation'::text as kind, c.sort_id, c.id::text as raw_id, 'conversation.started'::text as type,
        'customer'::text as actor_type, c.customer_id::text as actor_id, ${customerName}::text as actor_name,
        jsonb_build_object('channel', c.channel, 'status', c.status, 'subject', c.subject,
          'sentiment', case when c.sentiment is null then null else jsonb_build_object('start', c.sentiment->'start', 'end', c.sentiment->'end') end,
          'firstLine', (select m.text from messages m where m.conversation_id = c.id and m.sender_type = 'customer' order by m.seq limit 1)) as data,
        c.id::text as conversation_id, null::text as ticket_id, null::text as order_id, null::text as note_id
      from (select *, ${uuidKey} as sort_id from conversations
            where customer_id = ${customerId} and ${after("conversation", sql`created_at`, uuidKey, cursor)}
            order by created_at desc, sort_id desc limit ${limit}) c`,
  ],
  ticket: [
    (customerId, cursor, limit) => sql`
      select te.created_at as at, 'ticket'::text as kind, te.sort_id, te.id::text as raw_id, 'ticket.' || te.type as type,
        case te.actor_type when 'agent' then 'user' when 'api_key' then 'api_key' when 'customer' then 'customer' else 'system' end as actor_type,
        te.actor_id::text as actor_id,
        case te.actor_type when 'agent' then u.name when 'api_key' then k.name when 'bot' then 'Bot' end as actor_name,
        te.data || jsonb_build_object('ticketNumber', te.number, 'subject', te.subject, 'assigneeName', au.name) as data,
        te.conversation_id::text as conversation_id, te.ticket_id::text as ticket_id, null::text as order_id, null::text as note_id
      from (select e.*, lpad(e.id::text, 20, '0') collate "C" as sort_id, t.number, t.subject, t.conversation_id
            from ticket_events e join tickets t on t.id = e.ticket_id
            where t.customer_id = ${customerId} and ${after("ticket", sql`e.created_at`, sql`lpad(e.id::text, 20, '0') collate "C"`, cursor)}
            order by e.created_at desc, sort_id desc limit ${limit}) te
      left join users u on te.actor_type = 'agent' and u.id = te.actor_id
      left join api_keys k on te.actor_type = 'api_key' and k.id = te.actor_id
      left join users au on te.type = 'assigned' and au.id = case
        when coalesce(te.data->>'to', te.data->>'assigneeId') ~ ${UUID_TEXT} then coalesce(te.data->>'to', te.data->>'assigneeId')::uuid end`,
  ],
  order: [
    (customerId, cursor, limit) => sql`
      select placed_at as at, 'order'::text as kind, (id::text || ':placed') collate "C" as sort_id, id::text as raw_id, 'order.placed'::text as type,
        null::text as actor_type, null::text as actor_id, null::text as actor_name, ${orderData} as data,
        null::text as conversation_id, null::text as ticket_id, id::text as order_id, null::text as note_id
      from orders where customer_id = ${customerId} and ${after("order", sql`placed_at`, sql`(id::text || ':placed') collate "C"`, cursor)}
      order by placed_at desc, sort_id desc limit ${limit}`,
    // Each change made through the orders API (status, shipping details), with who made it: customer events "order.*".
    (customerId, cursor, limit) => sql`
      select created_at as at, 'order'::text as kind, ${serialKey} as sort_id, id::text as raw_id, type,
        actor_type, actor_id::text as actor_id, actor_name, data,
        null::text as conversation_id, null::text as ticket_id, data->>'orderId' as order_id, null::text as note_id
      from customer_events where customer_id = ${customerId} and type like 'order.%' and ${after("order", sql`created_at`, serialKey, cursor)}
      order by created_at desc, sort_id desc limit ${limit}`,
    // An order whose row changed after it was placed without such events (written directly, e.g. by an import or the
    // demo seed): its current status, at the time of the change.
    (customerId, cursor, limit) => sql`
      select updated_at as at, 'order'::text as kind, (id::text || ':status') collate "C" as sort_id, id::text as raw_id, 'order.' || status as type,
        null::text as actor_type, null::text as actor_id, null::text as actor_name, ${orderData} as data,
        null::text as conversation_id, null::text as ticket_id, id::text as order_id, null::text as note_id
      from orders where customer_id = ${customerId} and updated_at <> created_at
        and not exists (select 1 from customer_events e where e.customer_id = orders.customer_id and e.type like 'order.%' and e.data->>'orderId' = orders.id::text)
        and ${after("order", sql`updated_at`, sql`(id::text || ':status') collate "C"`, cursor)}
      order by updated_at desc, sort_id desc limit ${limit}`,
  ],
  note: [
    (customerId, cursor, limit) => sql`
      select created_at as at, 'note'::text as kind, ${uuidKey} as sort_id, id::text as raw_id, 'note.added'::text as type,
        author_type as actor_type, author_id::text as actor_id, author_name as actor_name,
        jsonb_build_object('text', text, 'edited', updated_at <> created_at) as data,
        null::text as conversation_id, null::text as ticket_id, null::text as order_id, id::text as note_id
      from customer_notes where customer_id = ${customerId} and ${after("note", sql`created_at`, uuidKey, cursor)}
      order by created_at desc, sort_id desc limit ${limit}`,
  ],
  event: [
    (customerId, cursor, limit) => sql`
      select created_at as at, 'event'::text as kind, ${serialKey} as sort_id, id::text as raw_id, type,
        actor_type, actor_id::text as actor_id, actor_name, data,
        data->>'conversationId' as conversation_id, data->>'ticketId' as ticket_id, data->>'orderId' as order_id, null::text as note_id
      from customer_events where customer_id = ${customerId} and type not like 'order.%' and ${after("event", sql`created_at`, serialKey, cursor)}
      order by created_at desc, sort_id desc limit ${limit}`,
  ],
  // A deal's creation is its first stage change (from no stage): the customer's deals (deals_customer_idx), then each
  // one's changes (deal_stage_changes_deal_idx). The deal's id rides in data; the presenter links it.
  deal: [
    (customerId, cursor, limit) => sql`
      select c.created_at as at, 'deal'::text as kind, c.sort_id, c.id::text as raw_id,
        case when c.from_stage_id is null then 'deal.created' else 'deal.stage_changed' end as type,
        c.actor_type, c.actor_id::text as actor_id, c.actor_name,
        jsonb_build_object('dealId', c.deal_id, 'title', c.title, 'amountCents', c.amount_cents, 'currency', c.currency,
          'from', fs.name, 'to', ts.name, 'outcome', ts.outcome) as data,
        c.conversation_id::text as conversation_id, null::text as ticket_id, null::text as order_id, null::text as note_id
      from (select ch.*, d.title, d.amount_cents, d.currency, d.conversation_id, ch.id::text collate "C" as sort_id
            from deals d join deal_stage_changes ch on ch.deal_id = d.id
            where d.customer_id = ${customerId} and ${after("deal", sql`ch.created_at`, sql`ch.id::text collate "C"`, cursor)}
            order by ch.created_at desc, sort_id desc limit ${limit}) c
      join deal_stages ts on ts.id = c.to_stage_id
      left join deal_stages fs on fs.id = c.from_stage_id`,
  ],
};

/** The query behind timelinePage (exported so its plan can be read: `explain analyze` it in bench or by hand). */
export function timelineSql(customer: { id: string; name: string | null }, kinds: readonly TimelineKind[], cursor: TimelineCursor | null, limit: number): SQL {
  const customerId = sql`${customer.id}::uuid`;
  const parts = kinds.flatMap((kind) => sources[kind].map((source) => sql`(${source(customerId, cursor, limit, customer.name)})`));
  return sql`
    select to_char(u.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at, u.kind, u.sort_id, u.raw_id, u.type,
      u.actor_type, u.actor_id, u.actor_name, u.data, u.conversation_id, u.ticket_id, u.order_id, u.note_id
    from (${sql.join(parts, sql` union all `)}) u
    order by u.at desc, u.kind collate "C" desc, u.sort_id collate "C" desc
    limit ${limit}`;
}

/** A page of a customer's timeline, newest first: `limit` entries of the given kinds after the cursor. */
export async function timelinePage(
  db: Database,
  customer: { id: string; name: string | null },
  kinds: readonly TimelineKind[],
  cursor: TimelineCursor | null,
  limit: number,
): Promise<TimelineRow[]> {
  const result = (await db.execute(timelineSql(customer, kinds, cursor, limit))) as unknown as { rows: TimelineRow[] };
  return result.rows;
}
