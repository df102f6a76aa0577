/**
 * Business time in an inbox's IANA time zone, computed with Intl (the platform's tz database): the milliseconds of open
 * hours between two instants, and the instant a number of open milliseconds after a start.
 */
import { WEEKDAYS, type BusinessHours, type Weekday } from "../../contracts/sla.ts";

const DAY_MS = 86_400_000;
/** How far ahead addBusinessTime looks for open hours before giving up (a schedule open some day of the week never gets there). */
const MAX_DAYS = 800;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", weekday: "short" });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether the name is a time zone this runtime knows (IANA names such as "Europe/Paris", and "UTC"). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

type LocalParts = { year: number; month: number; day: number; hour: number; minute: number; second: number; weekday: Weekday };

function localParts(timeZone: string, at: number): LocalParts {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(new Date(at)).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: parts.weekday.slice(0, 3).toLowerCase() as Weekday,
  };
}

/** The zone's offset from UTC at an instant, in ms. */
function offsetAt(timeZone: string, at: number): number {
  const p = localParts(timeZone, at);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - (at - (at % 1000));
}

/**
 * The instant a local wall-clock time names in the zone. A time skipped by a spring-forward change moves forward by the
 * gap (02:30 becomes 03:30); a repeated one (autumn) maps to one of its two occurrences.
 */
function zonedToInstant(timeZone: string, year: number, month: number, day: number, minutes: number): number {
  const wall = Date.UTC(year, month - 1, day, 0, minutes);
  const first = wall - offsetAt(timeZone, wall);
  const second = wall - offsetAt(timeZone, first);
  if (first === second) return first;
  // Around a change the two guesses differ: take the earlier one that reads back as this wall time, else the later.
  const [a, b] = first < second ? [first, second] : [second, first];
  return a + offsetAt(timeZone, a) === wall ? a : b;
}

function minutesOf(time: string): number {
  const [h, m] = time.split(":").map(Number);
  return h * 60 + m;
}

/** The open intervals [start, end) in UTC ms of one local calendar day (none on a holiday). */
function openIntervalsOfDay(hours: BusinessHours, year: number, month: number, day: number): [number, number][] {
  const date = `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  if (hours.holidays.includes(date)) return [];
  const weekday = WEEKDAYS[(new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7];
  return (hours.weekly[weekday] ?? [])
    .map((r): [number, number] => [zonedToInstant(hours.timeZone, year, month, day, minutesOf(r.start)), zonedToInstant(hours.timeZone, year, month, day, minutesOf(r.end))])
    .filter(([s, e]) => e > s)
    .sort((x, y) => x[0] - y[0]);
}

/** Local calendar days from the one holding `from`, one after another (as [year, month, day]). */
function* localDaysFrom(timeZone: string, from: number): Generator<[number, number, number]> {
  const p = localParts(timeZone, from);
  // Walk the calendar itself (a UTC date stands for the local one), so days are never skipped or repeated across DST.
  for (let cursor = Date.UTC(p.year, p.month - 1, p.day); ; cursor += DAY_MS) {
    const d = new Date(cursor);
    yield [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
  }
}

/** The open milliseconds between two instants under these business hours (null hours: always open, plain elapsed time). */
export function businessTimeBetween(hours: BusinessHours | null, from: Date, to: Date): number {
  const start = from.getTime();
  const end = to.getTime();
  if (end <= start) return 0;
  if (!hours) return end - start;
  let total = 0;
  // A day's local midnight may start up to 14 h before its UTC date: begin a day early and stop a day late.
  for (const [y, m, d] of localDaysFrom(hours.timeZone, start - DAY_MS)) {
    if (Date.UTC(y, m - 1, d) > end + DAY_MS) break;
    for (const [s, e] of openIntervalsOfDay(hours, y, m, d)) {
      const lo = Math.max(s, start);
      const hi = Math.min(e, end);
      if (hi > lo) total += hi - lo;
    }
  }
  return total;
}

/**
 * The instant `ms` open milliseconds after `start` under these business hours (null hours: plain `start + ms`).
 * Throws when the hours have no open time in the next MAX_DAYS days (validation refuses such hours).
 */
export function addBusinessTime(hours: BusinessHours | null, start: Date, ms: number): Date {
  const from = start.getTime();
  if (!hours) return new Date(from + ms);
  let remaining = ms;
  let days = 0;
  for (const [y, m, d] of localDaysFrom(hours.timeZone, from - DAY_MS)) {
    if (++days > MAX_DAYS) break;
    for (const [s, e] of openIntervalsOfDay(hours, y, m, d)) {
      if (e <= from) continue;
      const lo = Math.max(s, from);
      if (remaining <= e - lo) return new Date(lo + remaining);
      remaining -= e - lo;
    }
  }
  throw new Error("the business hours have no open time");
}

/** Whether the inbox is open at an instant (always, without business hours). */
export function isOpenAt(hours: BusinessHours | null, at: Date): boolean {
  if (!hours) return true;
  const t = at.getTime();
  return businessTimeBetween(hours, new Date(t), new Date(t + 1)) > 0;
}
