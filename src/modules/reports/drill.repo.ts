/** The drill-down's query: the scored customer messages behind a report's point, newest first, keyset-paginated. */
import { sql, type SQL } from "drizzle-orm";
import type { Database } from "../../db/index.ts";
import type { SentimentDriverDTO, SentimentLabel } from "../../contracts/reports.ts";
import type { ReportPeriod } from "./period.ts";
import { bucketEnd, messageFilter, messageKey, rowsOf, SCORED_CUSTOMER_MESSAGE, type FilterValues, type SentimentDimension } from "./report-sql.ts";

/** A message behind a point, as read. */
export type DrillRow = {
  id: string;
  conversation_id: string;
  at: string;
  text: string;
  score: number;
  label: SentimentLabel;
  intent: string | null;
  channel: string;
  inbox_id: string;
  agent_id: string | null;
  drivers: SentimentDriverDTO[] | null;
};

/** Which messages: the period's point (bucket start, or the whole period), one group's key ("" for none), one label. */
export type DrillFilter = { dimension: SentimentDimension; bucket: Date | null; group: string | undefined; sentiment: SentimentLabel | undefined; filters: FilterValues };

/** Joins and condition keeping the messages of one group (a message is in a topic's group when it has that key phrase). */
function groupFilter(dimension: SentimentDimension, group: string | undefined): { joins: SQL; where: SQL } {
  const conversation = sql`join conversations c on c.id = m.conversation_id`;
  if (group === undefined) return { joins: conversation, where: sql`true` };
  if (dimension === "topic") {
    return {
      joins: conversation,
      where: group === "" ? sql`coalesce(jsonb_array_length(m.topics), 0) = 0` : sql`m.topics @> jsonb_build_array(${group}::text)`,
    };
  }
  const { joins, key } = messageKey(dimension);
  return { joins, where: sql`${key} = ${group}` };
}

/** One page (`limit` rows) of the messages behind a point, after the cursor's (time, id). */
export async function drillMessages(db: Database, period: ReportPeriod, filter: DrillFilter, cursor: { at: string; id: string } | null, limit: number): Promise<DrillRow[]> {
  const { joins, where } = groupFilter(filter.dimension, filter.group);
  const from = sql`${period.from.toISOString()}::timestamptz`;
  const to = sql`${period.to.toISOString()}::timestamptz`;
  const start = filter.bucket ? sql`${filter.bucket.toISOString()}::timestamptz` : null;
  const lo = start ? sql`greatest(${from}, ${start})` : from;
  const hi = start ? sql`least(${to}, ${bucketEnd(start, period)})` : to;
  return rowsOf<DrillRow>(
    db,
    sql`select m.id, m.conversation_id, to_char(m.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at, m.text,
        m.sentiment_score::float8 as score, m.sentiment_label as label, m.intent, c.channel, c.inbox_id, m.agent_id::text as agent_id,
        m.annotation->'sentiment'->'drivers' as drivers
      from messages m ${joins}
      where ${SCORED_CUSTOMER_MESSAGE} and m.created_at >= ${lo} and m.created_at < ${hi} and ${where} and ${messageFilter(filter.filters)}
        ${filter.sentiment ? sql`and m.sentiment_label = ${filter.sentiment}` : sql``}
        ${cursor ? sql`and (m.created_at, m.id) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)` : sql``}
      order by m.created_at desc, m.id desc
      limit ${limit}`,
  );
}
