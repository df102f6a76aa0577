/** The sales dashboard's periods: half-open [from, to) in UTC, and the targets' period that goes with each. */
import { DASHBOARD_TEXT } from "../../sales-strings.ts";
import { monthPeriod, quarterPeriod } from "../../sales-format.ts";

/** A period the dashboard offers. */
export type DashboardPeriod = "thisMonth" | "last30" | "thisQuarter" | "last12";

/** The periods, in the order the selector shows them. */
export const PERIODS: { value: DashboardPeriod; label: string }[] = [
  { value: "thisMonth", label: DASHBOARD_TEXT.thisMonth },
  { value: "last30", label: DASHBOARD_TEXT.last30 },
  { value: "thisQuarter", label: DASHBOARD_TEXT.thisQuarter },
  { value: "last12", label: DASHBOARD_TEXT.last12 },
];

const DAY_MS = 86_400_000;

/** The period's bounds as ISO dates (to is exclusive: tomorrow, so today counts) and the targets' period ("2026-12" or "2026-Q4"). */
export function periodRange(period: DashboardPeriod, now: Date): { from: string; to: string; targets: string } {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const tomorrow = new Date(today + DAY_MS);
  const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
  switch (period) {
    case "thisMonth":
      return { from: iso(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)), to: iso(tomorrow.getTime()), targets: monthPeriod(now) };
    case "last30":
      return { from: iso(today - 29 * DAY_MS), to: iso(tomorrow.getTime()), targets: monthPeriod(now) };
    case "thisQuarter":
      return { from: iso(Date.UTC(now.getUTCFullYear(), Math.floor(now.getUTCMonth() / 3) * 3, 1)), to: iso(tomorrow.getTime()), targets: quarterPeriod(now) };
    case "last12":
      return { from: iso(Date.UTC(now.getUTCFullYear() - 1, now.getUTCMonth(), now.getUTCDate() + 1)), to: iso(tomorrow.getTime()), targets: monthPeriod(now) };
  }
}
