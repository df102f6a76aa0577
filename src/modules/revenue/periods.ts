/** UTC calendar arithmetic the sales figures share: days, ISO weeks (Monday), months, target periods ("2026-12", "2026-Q4"). */

const DAY_MS = 86_400_000;

/** A half-open interval of instants [from, to). */
export type Interval = { from: Date; to: Date };

/** A time bucket of the summary and the forecast. */
export type TimeUnit = "day" | "week" | "month";

/** "YYYY-MM-DD" of an instant's UTC day. */
export function isoDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** Midnight UTC of a "YYYY-MM-DD" day. */
export function dayStart(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

/** True when the instant is midnight UTC (so the rollups, kept per UTC day, cover it exactly). */
export function isWholeDay(at: Date): boolean {
  return at.getTime() % DAY_MS === 0;
}

/**
 * [from, to) cut at UTC midnights, in time order: the partial day at each edge (`whole` false) and the whole days
 * between (`whole` true); a period inside one day is one partial piece. Empty pieces are left out.
 */
export function splitAtMidnights(interval: Interval): { interval: Interval; whole: boolean }[] {
  const firstMidnight = isWholeDay(interval.from) ? interval.from : dayStart(addDays(isoDay(interval.from), 1));
  const lastMidnight = dayStart(isoDay(interval.to));
  if (firstMidnight.getTime() > lastMidnight.getTime()) return [{ interval, whole: false }];
  const pieces = [
    { interval: { from: interval.from, to: firstMidnight }, whole: false },
    { interval: { from: firstMidnight, to: lastMidnight }, whole: true },
    { interval: { from: lastMidnight, to: interval.to }, whole: false },
  ];
  return pieces.filter((p) => p.interval.from.getTime() < p.interval.to.getTime());
}

/** The day `n` days after a "YYYY-MM-DD" day. */
export function addDays(day: string, n: number): string {
  return isoDay(new Date(dayStart(day).getTime() + n * DAY_MS));
}

/** The first day of the bucket holding a day: itself, its ISO week's Monday, or the first of its month. */
export function bucketStart(day: string, unit: TimeUnit): string {
  if (unit === "day") return day;
  if (unit === "month") return `${day.slice(0, 7)}-01`;
  // getUTCDay: Sunday 0 … Saturday 6; ISO weeks start on Monday.
  const weekday = (dayStart(day).getUTCDay() + 6) % 7;
  return addDays(day, -weekday);
}

/** The first day of the bucket after the one starting on `start`. */
export function nextBucket(start: string, unit: TimeUnit): string {
  if (unit === "day") return addDays(start, 1);
  if (unit === "week") return addDays(start, 7);
  const date = dayStart(start);
  return isoDay(new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1)));
}

/** Every bucket start touching [from, to): from the bucket of `from`'s day to the bucket of the last instant before `to`. */
export function bucketsOf(interval: Interval, unit: TimeUnit): string[] {
  const first = bucketStart(isoDay(interval.from), unit);
  const last = bucketStart(isoDay(new Date(interval.to.getTime() - 1)), unit);
  const starts: string[] = [];
  for (let start = first; start <= last; start = nextBucket(start, unit)) starts.push(start);
  return starts;
}

/** ISO 8601 week-numbering year and week of a Monday ("2026-W02"). */
export function isoWeekLabel(monday: string): string {
  // The ISO year of a week is the year of its Thursday.
  const thursday = dayStart(addDays(monday, 3));
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/** A bucket's label: the day itself, "2026-W02", or "2026-01". */
export function bucketLabel(start: string, unit: TimeUnit): string {
  if (unit === "week") return isoWeekLabel(start);
  if (unit === "month") return start.slice(0, 7);
  return start;
}

/** A target period's format: a month "2026-12" or a quarter "2026-Q4". */
export const PERIOD_PATTERN = /^(\d{4})-(?:(0[1-9]|1[0-2])|Q([1-4]))$/;

/** The UTC instants a target period covers, [first day, first day of the next period). */
export function periodInterval(period: string): Interval {
  const match = PERIOD_PATTERN.exec(period);
  if (!match) throw new Error(`not a target period: ${period}`);
  const year = Number(match[1]);
  const firstMonth = match[2] ? Number(match[2]) - 1 : (Number(match[3]) - 1) * 3;
  const months = match[2] ? 1 : 3;
  return { from: new Date(Date.UTC(year, firstMonth, 1)), to: new Date(Date.UTC(year, firstMonth + months, 1)) };
}

/** The month period ("2026-12") holding an instant. */
export function monthPeriodOf(at: Date): string {
  return isoDay(at).slice(0, 7);
}
