/**
 * Dates and times resolved against the message's timestamp (UTC calendar of `now`).
 * Supported: today/tonight/tomorrow/yesterday, "the day after tomorrow", weekdays with
 * next/this/last/coming/past, "next/last/this week|month|year", "in N days|weeks|months",
 * "N days|weeks|months ago", "end/start of the week|month|year", holidays, "3 March",
 * "March 3rd, 2026", "3rd of March", "March 2026", bare month names, "the 20th", years after
 * since/in/from, ISO 2026-03-03, numeric 03/12/2026 (US month-first unless the country writes
 * day-first), clock times (5pm, 5:30 p.m., 17:30, noon, midnight, "at 10.30", "at 4", "between
 * 1 and 3pm"), "10 minutes ago", and a date joined to a time ("tomorrow at 5:30pm"). Values:
 * date "YYYY-MM-DD", month "YYYY-MM", week "YYYY-Www", year "YYYY"; time alone "HH:MM"; date with
 * time "YYYY-MM-DDTHH:MM" (type time). The full list is in nlp-models/entities/README.md.
 */
import { addDays, addMonths, isoDate, isoMonth, isoWeek, makeDate, pickYear, startOfDay, tenseAround, type Tense } from "./calendar.ts";
import { parseWordNumber } from "./numbers.ts";
import { candidate, type Candidate } from "./types.ts";

const MONTHS: Record<string, number> = {
  january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5, june: 6, jun: 6,
  july: 7, jul: 7, august: 8, aug: 8, september: 9, sep: 9, sept: 9, october: 10, oct: 10, november: 11, nov: 11, december: 12, dec: 12,
};
const WEEKDAYS: Record<string, number> = { sunday: 0, monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6, tues: 2, weds: 3, thurs: 4 };
const MONTH = String.raw`(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;
const WEEKDAY = String.raw`(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tues|weds|thurs)`;
// Abbreviations are safe only in front of a date ("Tue 3rd Nov"), not alone ("Sat", "Sun", "Wed").
const WEEKDAY_PREFIX = String.raw`(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|weds?|thu(?:rs?)?|fri|sat|sun)\.?`;
const DAYNUM = String.raw`(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?`;
const YEAR = String.raw`(?:19|20)\d{2}`;
const SMALL = String.raw`(?:\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|couple(?:\s+of)?|few)`;

type Resolved = string | null;
type Rule = { re: RegExp; hint?: RegExp; resolve: (m: RegExpExecArray, today: Date, tense: () => Tense, dayFirst: boolean) => Resolved };

const num = (s: string) => (/^\d+$/.test(s) ? Number(s) : s.startsWith("couple") ? 2 : s === "few" ? 3 : parseWordNumber(s));
const day = (s: string) => Number(s.replace(/\D/g, ""));
const month = (s: string) => MONTHS[s.toLowerCase().replace(".", "")];
const iso = (d: Date | null) => (d ? isoDate(d) : null);

function shiftUnit(today: Date, n: number, unit: string): Resolved {
  const u = unit.toLowerCase();
  if (u.startsWith("day")) return isoDate(addDays(today, n));
  if (u.startsWith("week")) return isoDate(addDays(today, 7 * n));
  if (u.startsWith("month")) return isoDate(addMonths(today, n));
  if (u.startsWith("year")) return isoDate(addMonths(today, 12 * n));
  return null;
}

function weekday(today: Date, target: number, mode: string, tense: Tense): Resolved {
  const dow = today.getUTCDay();
  const ahead = (target - dow + 7) % 7 || 7;
  const back = (dow - target + 7) % 7 || 7;
  const m = mode.toLowerCase();
  // "it's now Wednesday" said on a Wednesday means today; "next Wednesday" does not.
  if ((m === "this" || m === "") && target === dow) return isoDate(today);
  if (m === "last" || m === "past" || (m === "" && tense === "past")) return isoDate(addDays(today, -back));
  return isoDate(addDays(today, ahead));
}

/** Fixed and computed holidays, by name: month/day, or the nth weekday of a month with a day offset. */
function holiday(name: string, year: number): Date | null {
  const n = name.toLowerCase().replace(/[’']/g, "").replace(/\s+/g, " ");
  const nth = (month: number, weekday: number, k: number, offset = 0) => {
    const first = new Date(Date.UTC(year, month - 1, 1));
    const d = 1 + ((weekday - first.getUTCDay() + 7) % 7) + 7 * (k - 1);
    return addDays(new Date(Date.UTC(year, month - 1, d)), offset);
  };
  if (/^christmas eve/.test(n)) return makeDate(year, 12, 24);
  if (/^(?:christmas|xmas)/.test(n)) return makeDate(year, 12, 25);
  if (/^boxing day/.test(n)) return makeDate(year, 12, 26);
  if (/^new years eve/.test(n)) return makeDate(year, 12, 31);
  if (/^new years/.test(n)) return makeDate(year + 1, 1, 1);
  if (/^halloween/.test(n)) return makeDate(year, 10, 31);
  if (/^valentines/.test(n)) return makeDate(year, 2, 14);
  if (/^thanksgiving/.test(n)) return nth(11, 4, 4);
  if (/^black friday/.test(n)) return nth(11, 4, 4, 1);
  if (/^cyber monday/.test(n)) return nth(11, 4, 4, 4);
  return null;
}

const RULES: Rule[] = [
  { re: /\b(?:christmas\s+(?:eve|day)|(?:xmas|christmas)(?=\s*(?:[.,!?]|$))|(?<=\b(?:by|before|after|until|till|for|on|over|at|since)\s+)(?:xmas|christmas)(?!\s+\w)|boxing\s+day|new\s+year[’']?s(?:\s+(?:eve|day))?|halloween|valentine[’']?s\s+day|thanksgiving|black\s+friday|cyber\s+monday)\b/gi, resolve: (m, t, tense) => {
    let d = holiday(m[0], t.getUTCFullYear());
    const k = d ? tense() : "none";
    if (d && k === "past" && d.getTime() > t.getTime()) d = holiday(m[0], t.getUTCFullYear() - 1);
    else if (d && k !== "past" && d.getTime() < t.getTime()) d = holiday(m[0], t.getUTCFullYear() + 1);
    return iso(d);
  }, hint: /christmas|xmas|boxing|new\s+year|halloween|valentine|thanksgiving|black\s+friday|cyber\s+monday/i },
  { re: new RegExp(String.raw`(?<=\b(?:since|in|from|during|until|till|of|back\s+in|before|after)\s+)(${YEAR})\b(?![-/.]\d)`, "gi"), resolve: (m) => m[1] },
  { re: /\b(?:the\s+)?(day\s+(?:after\s+tomorrow|before\s+yesterday))\b/gi, resolve: (m, t) => isoDate(addDays(t, /after/i.test(m[1]) ? 2 : -2)) },
  { re: /\b(?:(?:earlier|later)\s+)?(today|tonight|tomorrow|tmrw|tmr|yesterday)(?:\s+(?:morning|afternoon|evening|night))?\b/gi, resolve: (m, t) => {
    const w = m[1].toLowerCase();
    return isoDate(addDays(t, w === "yesterday" ? -1 : w.startsWith("t") && w !== "today" && w !== "tonight" ? 1 : 0));
  } },
  { re: /\bthis\s+(?:morning|afternoon|evening)\b/gi, resolve: (_m, t) => isoDate(t) },
  { re: /\b(?:the\s+)?(end|start|beginning)\s+of\s+(?:(the|this|next|last)\s+)?(week|month|year)\b/gi, resolve: (m, t) => {
    const shift = /next/i.test(m[2] ?? "") ? 1 : /last/i.test(m[2] ?? "") ? -1 : 0;
    const end = /end/i.test(m[1]);
    const unit = m[3].toLowerCase();
    if (unit === "week") {
      const monday = addDays(t, -((t.getUTCDay() + 6) % 7) + 7 * shift);
      return isoDate(end ? addDays(monday, 4) : monday);
    }
    if (unit === "month") {
      const first = addMonths(new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), 1)), shift);
      return isoDate(end ? addDays(addMonths(first, 1), -1) : first);
    }
    const y = t.getUTCFullYear() + shift;
    return end ? `${y}-12-31` : `${y}-01-01`;
  } },
  { re: new RegExp(String.raw`\b(?:(next|this|last|coming|past)\s+)?(${WEEKDAY})(?:\s+(?:morning|afternoon|evening|night))?\b`, "gi"), resolve: (m, t, tense) => {
    const mode = m[1] ?? "";
    return weekday(t, WEEKDAYS[m[2].toLowerCase()], mode, mode ? "none" : tense());
  } },
  { re: /\b(next|last|this|previous|coming)\s+(week|month|year)\b/gi, resolve: (m, t) => {
    const dir = /next|coming/i.test(m[1]) ? 1 : /this/i.test(m[1]) ? 0 : -1;
    const unit = m[2].toLowerCase();
    if (unit === "week") return isoWeek(addDays(t, 7 * dir));
    if (unit === "month") {
      const d = addMonths(new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), 1)), dir);
      return isoMonth(d.getUTCFullYear(), d.getUTCMonth() + 1);
    }
    return String(t.getUTCFullYear() + dir);
  } },
  { re: new RegExp(String.raw`(?<!\b(?:(?:has|have|had|did|does|do)n'?t|not|never|nothing|no\s+\w+)(?:\s+\w+){0,2}\s+)\bin\s+(?:the\s+next\s+)?(${SMALL})\s+(days?|weeks?|months?|years?)\b`, "gi"), resolve: (m, t) => shiftUnit(t, num(m[1].toLowerCase()), m[2]) },
  { re: new RegExp(String.raw`\b(${SMALL})\s+(days?|weeks?|months?|years?)\s+ago\b`, "gi"), resolve: (m, t) => shiftUnit(t, -num(m[1].toLowerCase()), m[2]) },
  { re: /\b(a|one)\s+(day|week|month|year)\s+(?:from\s+(?:today|now)|later)\b/gi, resolve: (m, t) => shiftUnit(t, 1, m[2]) },
  { re: new RegExp(String.raw`\b(${YEAR})-(0?[1-9]|1[0-2])-([12]\d|3[01]|0?[1-9])\b`, "g"), resolve: (m) => iso(makeDate(Number(m[1]), Number(m[2]), Number(m[3]))) },
  { re: new RegExp(String.raw`(?<![\w/.#-])(\d{1,2})([/.])(\d{1,2})\2(${YEAR}|\d{2})(?![\w/.]\d)`, "g"), resolve: (m, _t, _tense, dayFirst) => {
    let a = Number(m[1]);
    let b = Number(m[3]);
    if (a > 12 || (dayFirst && b <= 12)) [a, b] = [b, a];
    const y = m[4].length === 2 ? 2000 + Number(m[4]) : Number(m[4]);
    return iso(makeDate(y, a, b));
  } },
  { re: /(?<![\w/.#$£€-])(\d{1,2})\/(\d{1,2})(?![\w/]|[.,]\d)/g, resolve: (m, t, tense, dayFirst) => {
    let a = Number(m[1]);
    let b = Number(m[2]);
    if (a > 12 || (dayFirst && b <= 12)) [a, b] = [b, a];
    if (a > 12) return null;
    return iso(pickYear(t, a, b, tense()));
  } },
  { re: new RegExp(String.raw`\b(?:${WEEKDAY_PREFIX},?\s+)?(?:the\s+)?(${DAYNUM})\s+(?:of\s+)?(${MONTH})(?:,?\s+(${YEAR}))?\b`, "gi"), resolve: (m, t, tense) =>
    iso(m[3] ? makeDate(Number(m[3]), month(m[2]), day(m[1])) : pickYear(t, month(m[2]), day(m[1]), tense())) },
  { re: new RegExp(String.raw`\b(?:${WEEKDAY_PREFIX},?\s+)?(${MONTH})\s+(?:the\s+)?(${DAYNUM})(?!\s*(?:[:.]\d|am\b|pm\b|a\.m|p\.m|%|\$))(?:,?\s+(${YEAR}))?\b`, "gi"), resolve: (m, t, tense) =>
    iso(m[3] ? makeDate(Number(m[3]), month(m[1]), day(m[2])) : pickYear(t, month(m[1]), day(m[2]), tense())) },
  { re: new RegExp(String.raw`\b(${MONTH}),?\s+(${YEAR})\b`, "gi"), resolve: (m) => isoMonth(Number(m[2]), month(m[1])) },
  { re: /\b(January|February|March|April|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b/g, resolve: (m, t, tense) => {
    const d = pickYear(t, month(m[1]), 1, tense());
    return d ? isoMonth(d.getUTCFullYear(), d.getUTCMonth() + 1) : null;
  } },
  { re: /\b(?:on\s+)?the\s+(\d{1,2}(?:st|nd|rd|th))\b(?!\s+(?:of\s+)?(?:[A-Za-z]+\s+)?(?:items?|times?|floor|place|person|one|order))/gi, resolve: (m, t, tense) => {
    const d = day(m[1]);
    if (d < 1 || d > 31) return null;
    const k = tense();
    let c = makeDate(t.getUTCFullYear(), t.getUTCMonth() + 1, d);
    if (k === "past" && c && c.getTime() > t.getTime()) c = makeDate(addMonths(t, -1).getUTCFullYear(), addMonths(t, -1).getUTCMonth() + 1, d);
    if (k === "future" && c && c.getTime() < t.getTime()) c = makeDate(addMonths(t, 1).getUTCFullYear(), addMonths(t, 1).getUTCMonth() + 1, d);
    return iso(c);
  } },
];

const TIME_RE = /\b(?:(1[0-2]|0?[1-9])(?:[:.]([0-5]\d))?\s?(a\.m\.?|p\.m\.?|am|pm)(?![a-z])|([01]?\d|2[0-3]):([0-5]\d)(?!\d|[.,:]\d)(?:\s?(?:hrs|h)\b)?|(noon|midday|midnight))/gi;

/** A clock time "HH:MM" from a match of TIME_RE. */
function clock(m: RegExpExecArray): string | null {
  if (m[6]) return /midnight/i.test(m[6]) ? "00:00" : "12:00";
  let h: number;
  let min: number;
  if (m[3]) {
    h = Number(m[1]) % 12;
    if (/p/i.test(m[3])) h += 12;
    min = Number(m[2] ?? 0);
  } else {
    h = Number(m[4]);
    min = Number(m[5]);
  }
  return `${String(h).padStart(2, "0")}:${String(min).padStart(2, "0")}`;
}

const RELATIVE_TIME_RE = new RegExp(String.raw`\b(?:(in)\s+(${SMALL}|half\s+an)\s+(minutes?|mins?|hours?|hrs?)|(${SMALL})\s+(minutes?|mins?|hours?|hrs?)\s+ago)\b`, "gi");
const RANGE_RE = /\b(?:between|from)\s+(1[0-2]|[1-9])\s*(?:and|to|-|–)\s*(1[0-2]|[1-9])(?::[0-5]\d)?\s?(a\.?m\.?|p\.?m\.?)/gi;
const DOT_TIME_RE = /(?<=\b(?:at|by|around|from|until|till|after|before|about)\s+)([01]?\d|2[0-3])\.([0-5]\d)\b(?!\.\d)/gi;
const TIME_PREP_BEFORE = /\b(?:at|after|by|around|before|until|till|from)\s+$/i;
// "between 8 and 12" with no am/pm: business hours, when nothing after makes them counts.
const BARE_RANGE_RE = /\b(?:between|from)\s+(1[0-2]|[1-9])\s*(?:and|to|-|–)\s*(1[0-2]|[1-9])(?=\s*(?:[.,;!?]|$|but\b|and\b|or\b|o['’]?clock|tomorrow|today|on\b|this\b))/gi;
const BARE_HOUR_RE = /(?<=\b(?:at|by|around|after|before|until|till)\s+)(1[0-2]|[1-9])(?=\s*(?:[.,!?;]|$|o['’]?clock|tomorrow|today|tonight|on\b|this\b))/gi;
const MONTH_FIRST_COUNTRIES = new Set(["US", "CA", "PH", "FM"]);
const JOIN_DATE_TIME = /^\s*(?:,\s*)?(?:at|@|around|about|by|from|on|before|after)?\s*$/i;

/** Finds dates and times and resolves them against `now` (see the module comment for the forms). */
export function findDates(text: string, now: Date, country?: string): Candidate[] {
  const today = startOfDay(now);
  const dayFirst = country !== undefined && !MONTH_FIRST_COUNTRIES.has(country.toUpperCase());
  const dates: Candidate[] = [];
  for (const rule of RULES) {
    if (rule.hint && !rule.hint.test(text)) continue;
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(text); m; m = rule.re.exec(text)) {
      let start = m.index;
      const lead = /^on\s+/i.exec(m[0]);
      if (lead) start += lead[0].length;
      const end = m.index + m[0].length;
      const at = m.index;
      const value = rule.resolve(m, today, () => tenseAround(text, at, end), dayFirst);
      if (value) dates.push(candidate("date", start, end, value, 30));
    }
  }
  const times: Candidate[] = [];
  // "10 minutes ago", "in 2 hours": a moment relative to the message's own time.
  RELATIVE_TIME_RE.lastIndex = 0;
  for (let m = RELATIVE_TIME_RE.exec(text); m; m = RELATIVE_TIME_RE.exec(text)) {
    const word = (m[2] ?? m[4]).toLowerCase();
    const n = word.startsWith("half") ? 0.5 : num(word);
    const unit = (m[3] ?? m[5]).toLowerCase().startsWith("h") ? 3_600_000 : 60_000;
    const at = new Date(now.getTime() + (m[1] ? 1 : -1) * n * unit);
    times.push(candidate("time", m.index, m.index + m[0].length, at.toISOString().slice(0, 16), 33));
  }
  // "between 1 and 3pm", "from 9 to 11am": the bare hour takes the partner's am/pm.
  RANGE_RE.lastIndex = 0;
  for (let m = RANGE_RE.exec(text); m; m = RANGE_RE.exec(text)) {
    const pm = /p/i.test(m[3]);
    const h = (Number(m[1]) % 12) + (pm && Number(m[1]) <= Number(m[2]) ? 12 : 0);
    const start = m.index + m[0].indexOf(m[1], m[0].search(/\d/));
    times.push(candidate("time", start, start + m[1].length, `${String(h).padStart(2, "0")}:00`, 29));
  }
  // "at 10.30": the British dotted clock, only after a time preposition (else it is a decimal).
  DOT_TIME_RE.lastIndex = 0;
  for (let m = DOT_TIME_RE.exec(text); m; m = DOT_TIME_RE.exec(text)) {
    times.push(candidate("time", m.index, m.index + m[0].length, `${m[1].padStart(2, "0")}:${m[2]}`, 31));
  }
  BARE_RANGE_RE.lastIndex = 0;
  for (let m = BARE_RANGE_RE.exec(text); m; m = BARE_RANGE_RE.exec(text)) {
    const business = (h: number) => (h === 12 ? 12 : h <= 6 ? h + 12 : h);
    const first = m.index + m[0].search(/\d/);
    const second = m.index + m[0].length - m[2].length;
    times.push(candidate("time", first, first + m[1].length, `${String(business(Number(m[1]))).padStart(2, "0")}:00`, 29));
    times.push(candidate("time", second, second + m[2].length, `${String(business(Number(m[2]))).padStart(2, "0")}:00`, 29));
  }
  // "at 4", "by 5": a bare hour after a time preposition, read as business hours (1-6 pm, 7-11 am).
  BARE_HOUR_RE.lastIndex = 0;
  for (let m = BARE_HOUR_RE.exec(text); m; m = BARE_HOUR_RE.exec(text)) {
    const h = Number(m[1]);
    const hour = h === 12 ? 12 : h <= 6 ? h + 12 : h;
    times.push(candidate("time", m.index, m.index + m[1].length, `${String(hour).padStart(2, "0")}:00`, 29));
  }
  TIME_RE.lastIndex = 0;
  for (let m = TIME_RE.exec(text); m; m = TIME_RE.exec(text)) {
    let value = clock(m);
    // "call me after 4:30": an afternoon hour written without am/pm or a leading zero.
    if (value && m[4] && /^[1-6]$/.test(m[4]) && TIME_PREP_BEFORE.test(text.slice(Math.max(0, m.index - 10), m.index))) value = `${Number(m[4]) + 12}:${m[5]}`;
    if (value) times.push(candidate("time", m.index, m.index + m[0].length, value, 31));
  }
  // A date next to a time ("tomorrow at 5:30pm", "5pm on Friday") becomes one date-time.
  const joined: Candidate[] = [];
  for (const t of times) {
    for (const d of dates) {
      if (typeof d.value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(d.value)) continue;
      const gap = d.end <= t.start ? text.slice(d.end, t.start) : t.end <= d.start ? text.slice(t.end, d.start) : null;
      if (gap === null || gap.length > 8 || !JOIN_DATE_TIME.test(gap)) continue;
      joined.push(candidate("time", Math.min(d.start, t.start), Math.max(d.end, t.end), `${d.value}T${t.value}`, 32));
    }
  }
  return [...dates, ...times, ...joined];
}
