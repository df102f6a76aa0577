/** The database as the reports' time-zone library: local times to instants, and whether a zone's offsets are whole hours. */
import { sql } from "drizzle-orm";
import type { Database } from "../../db/index.ts";
import { offsetText } from "./offset.ts";

/** Whether text carries its own offset ("…Z", "…+02:00"), so that it names an instant rather than a local time. */
const hasOffset = (text: string): boolean => /(?:Z|[+-]\d{2}:\d{2})$/.test(text);

/** How a report's bound is given: an instant, local text read in the zone, or nothing (the caller's default). */
function boundSql(text: string | undefined, timezone: string) {
  if (text === undefined) return sql`null::timestamptz`;
  if (hasOffset(text)) return sql`${text}::timestamptz`;
  return sql`(${text}::timestamp at time zone ${timezone})`;
}

/** The instants of `from` and `to` read in `timezone`; throws the database's error when the zone is unknown. */
export async function instantsIn(db: Database, timezone: string, from: string | undefined, to: string | undefined): Promise<{ from: Date | null; to: Date | null }> {
  const result = (await db.execute(sql`
    select now() at time zone ${timezone} as probe, ${boundSql(from, timezone)} as "from", ${boundSql(to, timezone)} as "to"`)) as unknown as {
    rows: { from: string | Date | null; to: string | Date | null }[];
  };
  const row = result.rows[0];
  const date = (v: string | Date | null): Date | null => (v === null ? null : new Date(v));
  return { from: date(row.from), to: date(row.to) };
}

/** True when every UTC offset `timezone` uses in [from, to) is a whole number of hours (checked day by day and at the ends). */
export async function offsetsAreWholeHours(db: Database, timezone: string, from: Date, to: Date): Promise<boolean> {
  const result = (await db.execute(sql`
    select coalesce(bool_and(mod(extract(epoch from (g at time zone ${timezone}) - (g at time zone 'UTC'))::int, 3600) = 0), true) as whole
    from (select generate_series(${from.toISOString()}::timestamptz, ${to.toISOString()}::timestamptz, interval '1 day') as g
          union all select ${to.toISOString()}::timestamptz) s`)) as unknown as { rows: { whole: boolean }[] };
  return result.rows[0].whole;
}

/**
 * The buckets of [from, to) in the zone: the start of each (the first one's holds `from`, so it may be earlier) as an
 * instant, and as local time with the zone's offset ("2026-03-29T00:00:00+01:00"). Local starts that a clock change
 * skips or repeats give one bucket.
 */
export async function bucketsOf(db: Database, period: { from: Date; to: Date; timezone: string; interval: string }): Promise<{ starts: string[]; labels: string[] }> {
  const tz = sql`${period.timezone}::text`;
  const step = sql.raw(`interval '1 ${period.interval}'`);
  const unit = sql.raw(`'${period.interval}'`);
  const rows = ((await db.execute(sql`
    select to_char(s at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as start, to_char(s at time zone ${tz}, 'YYYY-MM-DD"T"HH24:MI:SS') as local,
      extract(epoch from (s at time zone ${tz}) - (s at time zone 'UTC'))::int as offset_seconds
    from (select distinct g at time zone ${tz} as s
          from generate_series(date_trunc(${unit}, ${period.from.toISOString()}::timestamptz at time zone ${tz}), ${period.to.toISOString()}::timestamptz at time zone ${tz}, ${step}) g) x
    where s < ${period.to.toISOString()}::timestamptz
    order by s`)) as unknown as { rows: { start: string; local: string; offset_seconds: number }[] }).rows;
  return { starts: rows.map((r) => r.start), labels: rows.map((r) => `${r.local}${offsetText(Number(r.offset_seconds))}`) };
}
