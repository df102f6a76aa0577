/**
 * Sentiment report queries: message figures per bucket and key from the hourly rollups (whole UTC hours) and from the
 * messages (the partial hours at the ends, zones with half-hour offsets, and the groupings the rollups do not keep),
 * added up; conversation figures from the conversations' report rows.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Database } from "../../db/index.ts";
import type { ReportPeriod } from "./period.ts";
import {
  activeFilters,
  bucketIndex,
  conversationFilter,
  conversationKey,
  messageFilter,
  messageKey,
  rowsOf,
  SCORED_CUSTOMER_MESSAGE,
  within,
  type Buckets,
  type FilterValues,
  type SentimentDimension,
} from "./report-sql.ts";

/** A bucket (its 1-based number among the period's) and a group key. */
export type BucketRow = { bucket_index: number; key: string };

/** Message sums of one bucket and key. */
export type MessageSumsRow = BucketRow & { messages: number; score_sum: number; negative: number; neutral: number; positive: number };

/** Conversation counts of one bucket and key. */
export type ConversationSumsRow = BucketRow & { conversations: number; worsened: number; turned_around: number; change_sum: number; changes: number };

/** The raw piece: scored customer messages in [from, to) by bucket and key. */
function messagesPiece(buckets: Buckets, dimension: SentimentDimension, filters: FilterValues, from: Date, to: Date): SQL {
  const { joins, key } = messageKey(dimension);
  return sql`select ${bucketIndex(sql`m.created_at`, buckets)} as bucket, ${key} as key, count(*)::int as messages, sum(m.sentiment_score::float8) as score_sum,
      count(*) filter (where m.sentiment_label = 'negative')::int as negative, count(*) filter (where m.sentiment_label = 'neutral')::int as neutral,
      count(*) filter (where m.sentiment_label = 'positive')::int as positive
    from messages m ${joins}
    where ${SCORED_CUSTOMER_MESSAGE} and ${within(sql`m.created_at`, from, to)} and ${messageFilter(filters)}
    group by 1, 2`;
}

/** The rollup piece: whole UTC hours [from, to) of one kept dimension by bucket and key (filtered only on that dimension: see rollupsServe). */
function rollupPiece(buckets: Buckets, dimension: SentimentDimension, filters: FilterValues, from: Date, to: Date): SQL {
  const own = activeFilters(filters).map(([, v]) => sql` and r.key = ${v}`);
  return sql`select ${bucketIndex(sql`r.hour`, buckets)} as bucket, r.key, sum(r.messages)::int as messages, sum(r.score_sum) as score_sum,
      sum(r.negative)::int as negative, sum(r.neutral)::int as neutral, sum(r.positive)::int as positive
    from report_sentiment_hourly r
    where r.dimension = ${dimension} and ${within(sql`r.hour`, from, to)}${sql.join(own, sql``)}
    group by 1, 2`;
}

/**
 * Message sums by bucket and key over the period: with `hours` (the whole UTC hours the rollups serve) the rollups
 * answer those and the messages the edges; without, the messages answer everything.
 */
export async function messageSums(
  db: Database,
  period: ReportPeriod,
  buckets: Buckets,
  dimension: SentimentDimension,
  filters: FilterValues,
  hours: { from: Date; to: Date } | null,
): Promise<MessageSumsRow[]> {
  const pieces = hours
    ? [
        rollupPiece(buckets, dimension, filters, hours.from, hours.to),
        ...(period.from < hours.from ? [messagesPiece(buckets, dimension, filters, period.from, hours.from)] : []),
        ...(hours.to < period.to ? [messagesPiece(buckets, dimension, filters, hours.to, period.to)] : []),
      ]
    : [messagesPiece(buckets, dimension, filters, period.from, period.to)];
  return rowsOf<MessageSumsRow>(
    db,
    sql`select p.bucket as bucket_index, p.key, sum(p.messages)::int as messages, sum(p.score_sum)::float8 as score_sum,
        sum(p.negative)::int as negative, sum(p.neutral)::int as neutral, sum(p.positive)::int as positive
      from (${sql.join(pieces, sql` union all `)}) p
      group by p.bucket, p.key
      having sum(p.messages) > 0
      order by p.bucket, p.key`,
  );
}

/** Conversation counts by bucket (of the last customer message) and key, from the conversations' report rows. */
export async function conversationSums(db: Database, period: ReportPeriod, buckets: Buckets, dimension: SentimentDimension, filters: FilterValues): Promise<ConversationSumsRow[]> {
  const { joins, key } = conversationKey(dimension);
  return rowsOf<ConversationSumsRow>(
    db,
    sql`select p.bucket as bucket_index, p.*
      from (
        select ${bucketIndex(sql`rc.last_at`, buckets)} as bucket, ${key} as key,
          count(*) filter (where rc.labelled >= 2)::int as conversations,
          count(*) filter (where rc.labelled >= 2 and rc.last_label < rc.first_label)::int as worsened,
          count(*) filter (where rc.labelled >= 2 and rc.last_label > rc.first_label)::int as turned_around,
          coalesce(sum(rc.agent_change::float8), 0)::float8 as change_sum, count(rc.agent_change)::int as changes
        from report_conversations rc ${joins}
        where ${within(sql`rc.last_at`, period.from, period.to)} and ${conversationFilter(filters)}
        group by 1, 2
      ) p
      order by p.bucket, p.key`,
  );
}

/** Readable names of agents (user ids), teams (ids) and inboxes (ids); other keys are their own label. */
export async function keyNames(db: Database, dimension: SentimentDimension | "channel", keys: string[]): Promise<Map<string, string>> {
  const ids = keys.filter((k) => k !== "");
  const table = { agent: sql`users`, team: sql`teams`, inbox: sql`inboxes` }[dimension as string];
  if (ids.length === 0 || !table) return new Map();
  const list = sql.join(ids.map((id) => sql`${id}`), sql`, `);
  const rows = await rowsOf<{ id: string; name: string }>(db, sql`select id::text as id, name from ${table} where id::text in (${list})`);
  return new Map(rows.map((r) => [r.id, r.name]));
}
