/** The reports page's state: who may open it, which period it covers and how its requests went. */
import { REPORT_ROLES, type TopicsReportDTO, type UserDTO } from "../../../src/contracts/api.ts";
import type { ReportPeriod, ReportState } from "./types.ts";

/** What can happen to the report on screen; each carries the period (and channel, absent: every channel) it was asked for. */
export type ReportAction =
  | { type: "report/loading"; period: ReportPeriod; channel?: string | null }
  | { type: "report/loaded"; period: ReportPeriod; channel?: string | null; report: TopicsReportDTO }
  | { type: "report/failed"; period: ReportPeriod; channel?: string | null; message: string };

/** The periods offered, shortest first; the first is the default. */
export const REPORT_PERIODS: readonly ReportPeriod[] = [7, 30, 90];

/** Whether the user may open the reports: managers and admins, as the server enforces. */
export function mayReadReports(user: Pick<UserDTO, "role"> | null): boolean {
  return user !== null && REPORT_ROLES.includes(user.role);
}

/**
 * The [from, to) a period asks the server for: from local midnight `period - 1` days ago up to now, so "Last 7 days"
 * is today and the six days before it, whole days as the summary names them.
 */
export function reportRange(period: ReportPeriod, now: Date): { from: string; to: string } {
  const from = new Date(now.getFullYear(), now.getMonth(), now.getDate() - (period - 1));
  return { from: from.toISOString(), to: now.toISOString() };
}

/** The report before anything is loaded: the default period. */
export function initialReport(): ReportState {
  return { period: REPORT_PERIODS[0], channel: null, report: null, loading: false, error: null };
}

/** Applies a report action; answers for a period or channel no longer chosen are dropped. */
export function reportReducer(state: ReportState, action: ReportAction): ReportState {
  const stale = action.period !== state.period || (action.channel ?? null) !== state.channel;
  switch (action.type) {
    case "report/loading":
      // The previous report stays on screen (dimmed) until the new one arrives, so the page does not jump.
      return { ...state, period: action.period, channel: action.channel ?? null, loading: true, error: null };
    case "report/loaded":
      if (stale) return state;
      return { ...state, report: action.report, loading: false, error: null };
    case "report/failed":
      if (stale) return state;
      return { ...state, loading: false, error: action.message };
  }
}
