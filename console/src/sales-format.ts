/** Formatting helpers of the Sales pages: probabilities, amounts typed by people, periods. */

/** A deal's or a stage's win probability, a whole percent 0..100 as the API gives it ("35%"). */
export function formatProbability(percent: number | null): string {
  if (percent === null || !Number.isFinite(percent)) return "—";
  return `${Math.round(percent)}%`;
}

/** A probability 0..1 (a plan's P(win)) as a percent with one decimal ("42.5%"). */
export function formatChance(p: number): string {
  return `${(p * 100).toFixed(1)}%`;
}

/** An amount typed in major units ("1,250.50") as integer cents, or null when it is not a non-negative number. */
export function parseAmount(text: string): number | null {
  const cleaned = text.replace(/[\s,]/g, "");
  if (cleaned === "" || !/^\d+(\.\d{0,2})?$/.test(cleaned)) return null;
  return Math.round(Number(cleaned) * 100);
}

/** Cents as the text an amount field starts with ("1250.5" → "1250.50"). */
export function amountInput(cents: number | null): string {
  return cents === null ? "" : (cents / 100).toFixed(2);
}

/** The month period of a date ("2026-12"), as targets name it. */
export function monthPeriod(date: Date): string {
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, "0")}`;
}

/** The quarter period of a date ("2026-Q4"). */
export function quarterPeriod(date: Date): string {
  return `${date.getUTCFullYear()}-Q${Math.floor(date.getUTCMonth() / 3) + 1}`;
}

/** A date as an input[type=date] value ("2026-12-07"). */
export function dateInput(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** An ISO date ("2026-12-07") as a short label ("7 Dec"). */
export function shortDate(iso: string): string {
  return new Date(iso).toLocaleDateString(undefined, { day: "numeric", month: "short", timeZone: "UTC" });
}
