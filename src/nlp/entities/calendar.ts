/** Calendar arithmetic on UTC dates and the tense cue that decides whether "3 March" is past or future. */

/** Direction a date without a year or week points to, read from the words around it. */
export type Tense = "past" | "future" | "none";

const DAY = 86_400_000;

/** A UTC midnight for the given calendar day (months 1-based); null for impossible dates like 31 February. */
export function makeDate(y: number, m: number, d: number): Date | null {
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null;
  return t;
}

/** The UTC midnight of the day that contains `now`. */
export function startOfDay(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/** Adds whole days. */
export function addDays(d: Date, n: number): Date {
  return new Date(d.getTime() + n * DAY);
}

/** Adds calendar months, clamping the day to the month's length. */
export function addMonths(d: Date, n: number): Date {
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + n;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(d.getUTCDate(), last)));
}

/** "2026-11-27". */
export function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** "2026-11". */
export function isoMonth(y: number, m: number): string {
  return `${y}-${String(m).padStart(2, "0")}`;
}

/** ISO week "2026-W48" of a date. */
export function isoWeek(d: Date): string {
  const t = new Date(d.getTime());
  const dow = (t.getUTCDay() + 6) % 7;
  t.setUTCDate(t.getUTCDate() - dow + 3);
  const firstThursday = new Date(Date.UTC(t.getUTCFullYear(), 0, 4));
  const week = 1 + Math.round(((t.getTime() - firstThursday.getTime()) / DAY - 3 + ((firstThursday.getUTCDay() + 6) % 7)) / 7);
  return `${t.getUTCFullYear()}-W${String(week).padStart(2, "0")}`;
}

/** Picks the year for a month/day written without one: the last past one, the next future one, or the closest. */
export function pickYear(today: Date, m: number, d: number, tense: Tense): Date | null {
  const y = today.getUTCFullYear();
  const options = [y - 1, y, y + 1].map((yy) => makeDate(yy, m, d)).filter((x): x is Date => x !== null);
  if (!options.length) return null;
  const t = today.getTime();
  if (tense === "past") return options.filter((o) => o.getTime() <= t).pop() ?? options[0];
  if (tense === "future") return options.find((o) => o.getTime() >= t) ?? options[options.length - 1];
  return options.reduce((a, b) => (Math.abs(b.getTime() - t) < Math.abs(a.getTime() - t) ? b : a));
}

const DATED_THING = /\b(?:order|purchase|email|e-mail|message|call|invoice|receipt|charge|payment|ticket|complaint|letter|statement)s?\s+(?:from|of|dated|placed\s+on|made\s+on)\s+(?:the\s+)?$/i;
const SENTENCE_END = /[.!?\n](?=\s|$)/g;
const PAST = /\b(?:was|were|wasn'?t|weren'?t|did|didn'?t|had|hadn'?t|has\s+been|have\s+been|ago|last|since|already|yesterday|got|paid|bought|sent|made|came|left|took|gave|spent|went|said|told|supposed|meant|[a-z]{3,}ed)\b/gi;
const FUTURE = /\b(?:will|won'?t|shall|going\s+to|gonna|by|until|till|before|next|upcoming|coming|expect|expecting|can|could|would|please|scheduled|need|needs|want|tomorrow|planned|plan|hope)\b|'ll\b/gi;
// Bare verbs that point forward only when nothing stronger is said ("supposed to arrive" is past).
const WEAK_FUTURE = /\b(?:book|arrange|visit|come|deliver|arrive|ship|send|call|due|should|expected)\b/gi;

/** Reads the tense of the clause around a date: the nearest past or future cue wins, preceding cues first. */
export function tenseAround(text: string, start: number, end: number): Tense {
  const left = text.slice(0, start);
  let boundary = -1;
  SENTENCE_END.lastIndex = 0;
  for (let m = SENTENCE_END.exec(left); m; m = SENTENCE_END.exec(left)) boundary = m.index;
  const clause = text.slice(boundary + 1, start);
  const lastCue = (re: RegExp, s: string): number => {
    let pos = -1;
    re.lastIndex = 0;
    for (let m = re.exec(s); m; m = re.exec(s)) {
      // "scheduled", "expected", "planned" read as future even though they end in -ed.
      if (re === PAST && /^(?:scheduled|expected|planned|need|speed|bed|red|shed)$/i.test(m[0])) continue;
      pos = m.index;
    }
    return pos;
  };
  // "my order from 14 September", "the email of the 3rd": an existing thing dated then.
  if (DATED_THING.test(clause)) return "past";
  const p = lastCue(PAST, clause);
  const f = lastCue(FUTURE, clause);
  if (p >= 0 || f >= 0) return p > f ? "past" : "future";
  if (lastCue(WEAK_FUTURE, clause) >= 0) return "future";
  const after = text.slice(end, end + 60).split(/[.!?\n](?:\s|$)/)[0];
  const pa = after.search(PAST);
  const fa = after.search(FUTURE);
  if (pa < 0 && fa < 0) return "none";
  if (pa < 0) return "future";
  if (fa < 0) return "past";
  return pa < fa ? "past" : "future";
}
