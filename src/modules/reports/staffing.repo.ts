/** The staffing plan's history: handed-off conversations (tickets) per weekday and hour of the week, in a time zone. */
import { sql } from "drizzle-orm";
import { tables, type Database } from "../../db/index.ts";

/** Tickets opened in [from, to) counted per ISO weekday (1 = Monday) and hour of the day in `timezone`. */
export async function ticketsByWeekHour(db: Database, timezone: string, from: Date, to: Date): Promise<{ weekday: number; hour: number; tickets: number }[]> {
  const t = tables.tickets;
  const local = sql`(${t.createdAt} at time zone ${timezone})`;
  const rows = await db
    .select({ weekday: sql<number>`extract(isodow from ${local})::int`, hour: sql<number>`extract(hour from ${local})::int`, tickets: sql<number>`count(*)::int` })
    .from(t)
    .where(sql`${t.createdAt} >= ${from.toISOString()}::timestamptz and ${t.createdAt} < ${to.toISOString()}::timestamptz`)
    .groupBy(sql`1`, sql`2`);
  return rows.map((r) => ({ weekday: Number(r.weekday), hour: Number(r.hour), tickets: Number(r.tickets) }));
}
