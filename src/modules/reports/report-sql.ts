/** SQL pieces the reports share: time buckets in a zone, and each grouping's key over messages and conversations. */
import { sql, type SQL } from "drizzle-orm";
import type { SentimentGroupBy } from "../../contracts/reports.ts";
import type { ReportPeriod } from "./period.ts";

/** The groupings the sentiment report serves. */
export type SentimentDimension = SentimentGroupBy;

/**
 * The team of a conversation (by id): that of its latest ticket, '' when it was never handed off or its ticket has no
 * team. A look-up per row through tickets_conversation_idx; team has no hourly rollup.
 */
export function conversationTeam(conversationId: SQL): SQL {
  return sql`coalesce((select t.team_id::text from tickets t where t.conversation_id = ${conversationId} order by t.created_at desc limit 1), '')`;
}

/** The groupings the hourly rollups keep; the others read the messages. */
export const ROLLUP_DIMENSIONS: readonly SentimentDimension[] = ["channel", "inbox", "agent", "intent"];

/** A period's buckets: each one's start (an instant) and how the report shows it (local time with the zone's offset). */
export type Buckets = { starts: string[]; labels: string[] };

/**
 * The 1-based number of the bucket holding `column` (a timestamptz): a binary search over the buckets' starts, so a
 * row costs no time-zone arithmetic (which PGlite does slowly); the zone went into the starts once (bucketsOf).
 */
export function bucketIndex(column: SQL, buckets: Buckets): SQL {
  return sql`width_bucket(${column}, ${`{${buckets.starts.join(",")}}`}::timestamptz[])`;
}

/** The end of the bucket starting at `start` (a timestamptz), in the period's zone: a day is 23 or 25 hours on a clock change. */
export function bucketEnd(start: SQL, period: Pick<ReportPeriod, "interval" | "timezone">): SQL {
  return sql`((${start} at time zone ${period.timezone}::text) + ${sql.raw(`interval '1 ${period.interval}'`)}) at time zone ${period.timezone}::text`;
}

/** FROM joins and the key of a customer message `m` for a grouping ("" when it has none). */
export function messageKey(dimension: SentimentDimension): { joins: SQL; key: SQL } {
  const conversation = sql`join conversations c on c.id = m.conversation_id`;
  const customer = sql`${conversation} join customers cu on cu.id = c.customer_id`;
  switch (dimension) {
    case "channel":
      return { joins: conversation, key: sql`c.channel` };
    case "inbox":
      return { joins: conversation, key: sql`c.inbox_id` };
    case "agent":
      return { joins: conversation, key: sql`coalesce(m.agent_id::text, '')` };
    case "team":
      return { joins: conversation, key: conversationTeam(sql`m.conversation_id`) };
    case "intent":
      return { joins: conversation, key: sql`coalesce(m.intent, '')` };
    case "tier":
      return { joins: customer, key: sql`cu.tier` };
    case "segment":
      return { joins: customer, key: sql`coalesce(cu.segment, '')` };
    case "topic":
      return { joins: sql`${conversation} left join lateral jsonb_array_elements_text(coalesce(m.topics, '[]'::jsonb)) tp(topic) on true`, key: sql`coalesce(tp.topic, '')` };
  }
}

/** FROM joins and the key of a conversation's report row `rc` for a grouping: that of its last customer message. */
export function conversationKey(dimension: SentimentDimension): { joins: SQL; key: SQL } {
  const customer = sql`join customers cu on cu.id = rc.customer_id`;
  switch (dimension) {
    case "channel":
      return { joins: sql``, key: sql`rc.channel` };
    case "inbox":
      return { joins: sql``, key: sql`rc.inbox_id` };
    case "agent":
      return { joins: sql``, key: sql`coalesce(rc.last_agent_id::text, '')` };
    case "team":
      return { joins: sql``, key: conversationTeam(sql`rc.conversation_id`) };
    case "intent":
      return { joins: sql``, key: sql`coalesce(rc.last_intent, '')` };
    case "tier":
      return { joins: customer, key: sql`cu.tier` };
    case "segment":
      return { joins: customer, key: sql`coalesce(cu.segment, '')` };
    case "topic":
      return {
        joins: sql`join messages lm on lm.id = rc.last_message_id left join lateral jsonb_array_elements_text(coalesce(lm.topics, '[]'::jsonb)) tp(topic) on true`,
        key: sql`coalesce(tp.topic, '')`,
      };
  }
}

/** A customer message that reports count: one with a sentiment label and score. */
export const SCORED_CUSTOMER_MESSAGE = sql`m.sender_type = 'customer' and m.sentiment_label is not null and m.sentiment_score is not null`;

/** `column` in [from, to). */
export function within(column: SQL, from: Date, to: Date): SQL {
  return sql`${column} >= ${from.toISOString()}::timestamptz and ${column} < ${to.toISOString()}::timestamptz`;
}

/**
 * Counts the stored customer messages the rollups do not have yet (`report_pending`, see schema/reports.ts) and
 * returns how many: every report that reads the rollups calls it first, and the server every few seconds.
 */
export async function catchUpRollups(db: { execute(query: SQL): Promise<unknown> }): Promise<number> {
  const [row] = await rowsOf<{ taken: number }>(db, sql`select report_catch_up() as taken`);
  return row?.taken ?? 0;
}

/** Rows of a raw query result. */
export async function rowsOf<T>(db: { execute(query: SQL): Promise<unknown> }, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as { rows: T[] }).rows;
}

/** A report's filters (each absent: not filtered); see reports.schemas.ts. */
export type FilterValues = { channel?: string; inbox?: string; agent?: string; team?: string; intent?: string; segment?: string };

/** The filters of a query (its other fields left out). */
export function filtersOf(query: FilterValues): FilterValues {
  const { channel, inbox, agent, team, intent, segment } = query;
  return { channel, inbox, agent, team, intent, segment };
}

/** The filters that are set, as [name, value] pairs. */
export function activeFilters(filters: FilterValues): [keyof FilterValues, string][] {
  return (Object.entries(filters) as [keyof FilterValues, string | undefined][]).filter((e): e is [keyof FilterValues, string] => typeof e[1] === "string");
}

/** The condition a row meets under the filters, given each dimension's value in that row (`and` of them; `true` without filters). */
function filterWhere(filters: FilterValues, value: Record<keyof FilterValues, SQL>): SQL {
  const parts = activeFilters(filters).map(([name, v]) => sql`${value[name]} = ${v}`);
  return parts.length === 0 ? sql`true` : sql.join(parts, sql` and `);
}

/** The customer's segment of a conversation's customer (by the customer's id). */
const segmentOf = (customerId: SQL): SQL => sql`(select cu_f.segment from customers cu_f where cu_f.id = ${customerId})`;

/** The filters over a customer message `m` joined to its conversation `c` (the keys the sentiment report groups messages by). */
export function messageFilter(filters: FilterValues): SQL {
  return filterWhere(filters, {
    channel: sql`c.channel`,
    inbox: sql`c.inbox_id`,
    agent: sql`m.agent_id::text`,
    team: conversationTeam(sql`m.conversation_id`),
    intent: sql`m.intent`,
    segment: segmentOf(sql`c.customer_id`),
  });
}

/** The filters over a conversation's report row `rc` (the keys of its last customer message, as conversation figures group). */
export function conversationFilter(filters: FilterValues): SQL {
  return filterWhere(filters, {
    channel: sql`rc.channel`,
    inbox: sql`rc.inbox_id`,
    agent: sql`rc.last_agent_id::text`,
    team: conversationTeam(sql`rc.conversation_id`),
    intent: sql`rc.last_intent`,
    segment: segmentOf(sql`rc.customer_id`),
  });
}

/**
 * The filters over the service report's rows: a conversation `c`, and its ticket `t` when the row is one's (else the
 * conversation's latest ticket answers agent and team). Intent is that of the conversation's last customer message.
 */
export function serviceFilter(filters: FilterValues, ticket: boolean): SQL {
  const latest = (column: string): SQL => sql`(select lt.${sql.raw(column)}::text from tickets lt where lt.conversation_id = c.id order by lt.created_at desc limit 1)`;
  return filterWhere(filters, {
    channel: sql`c.channel`,
    inbox: sql`c.inbox_id`,
    agent: ticket ? sql`t.assignee_id::text` : latest("assignee_id"),
    team: ticket ? sql`t.team_id::text` : latest("team_id"),
    intent: sql`(select rcf.last_intent from report_conversations rcf where rcf.conversation_id = c.id)`,
    segment: segmentOf(sql`c.customer_id`),
  });
}
