/** A report's period and time zone: validated, defaulted, and whether the hourly rollups can serve it. */
import { AppError } from "../../errors.ts";
import type { ServiceDeps } from "../deps.ts";
import type { ReportInterval } from "../../contracts/reports.ts";
import { MAX_REPORT_DAYS } from "./reports.service.ts";
import { instantsIn, offsetsAreWholeHours } from "./period.repo.ts";
export { offsetText } from "./offset.ts";

const DAY = 24 * 60 * 60 * 1000;
const HOUR = 60 * 60 * 1000;
/** Period the sentiment and service reports cover when the caller gives no start. */
export const DEFAULT_TREND_DAYS = 30;

/** A resolved report period: [from, to) in `timezone`, bucketed by `interval`. */
export type ReportPeriod = { from: Date; to: Date; timezone: string; interval: ReportInterval };

/** The installation's time zone: the server's (TZ), UTC when it has none. */
export function installationTimezone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

/** Whether Node's time-zone database knows the zone (the database is asked too, in resolvePeriod). */
function knownToIntl(timezone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}

const unknownZone = (timezone: string): AppError =>
  new AppError("VALIDATION_FAILED", `timezone "${timezone}" is not a known IANA time zone.`, { timezone: `"${timezone}" is not a known IANA time zone` });

/** The zone asked for, or the installation's; 400 VALIDATION_FAILED naming `timezone` when Node does not know it. */
export function resolveTimezone(timezone: string | undefined): string {
  const zone = timezone ?? installationTimezone();
  if (!knownToIntl(zone)) throw unknownZone(zone);
  return zone;
}

/** Resolves from/to (local text in the zone, or instants) and the zone; 400 VALIDATION_FAILED naming the field when one is wrong. */
export async function resolvePeriod(
  deps: Pick<ServiceDeps, "db" | "now">,
  query: { from?: string; to?: string; timezone?: string; interval: ReportInterval },
): Promise<ReportPeriod> {
  const timezone = resolveTimezone(query.timezone);
  let bounds: { from: Date | null; to: Date | null };
  try {
    bounds = await instantsIn(deps.db, timezone, query.from, query.to);
  } catch (error) {
    // The database knows fewer zones than ICU for a few aliases, or a date it cannot read ("2026-02-30").
    const message = String((error as { cause?: { message?: string } }).cause?.message ?? (error as Error).message);
    if (/time zone/i.test(message)) throw unknownZone(timezone);
    throw new AppError("VALIDATION_FAILED", "from or to is not a real date.", { [query.from && !query.to ? "from" : "to"]: "is not a real date" });
  }
  const to = bounds.to ?? new Date(Math.ceil(deps.now().getTime() / 60_000) * 60_000);
  const from = bounds.from ?? new Date(to.getTime() - DEFAULT_TREND_DAYS * DAY);
  if (from.getTime() >= to.getTime()) throw new AppError("VALIDATION_FAILED", "from must be before to.", { from: "must be before to" });
  if (to.getTime() - from.getTime() > MAX_REPORT_DAYS * DAY) {
    throw new AppError("VALIDATION_FAILED", `A report covers at most ${MAX_REPORT_DAYS} days.`, { from: `must be at most ${MAX_REPORT_DAYS} days before to` });
  }
  if (query.interval === "hour" && to.getTime() - from.getTime() > 31 * DAY) {
    throw new AppError("VALIDATION_FAILED", "An hourly report covers at most 31 days.", { interval: "hour covers at most 31 days; use day" });
  }
  return { from, to, timezone, interval: query.interval };
}

/** The part of a period the hourly rollups serve exactly: its whole UTC hours, when the zone's offsets are whole hours; null otherwise. */
export async function rollupHours(deps: Pick<ServiceDeps, "db">, period: ReportPeriod): Promise<{ from: Date; to: Date } | null> {
  const from = new Date(Math.ceil(period.from.getTime() / HOUR) * HOUR);
  const to = new Date(Math.floor(period.to.getTime() / HOUR) * HOUR);
  if (from.getTime() >= to.getTime()) return null;
  if (!(await offsetsAreWholeHours(deps.db, period.timezone, period.from, period.to))) return null;
  return { from, to };
}
