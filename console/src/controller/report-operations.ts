/** The reports page's use cases: switching pages and loading the topics report for a period. */
import * as api from "../api/endpoints.ts";
import { ApiRequestError } from "../api/http.ts";
import type { ConsoleAction } from "../store/reducer.ts";
import { reportRange } from "../store/reports.ts";
import { mayOpen } from "../store/route.ts";
import type { ConsolePage, ConsoleState, ReportPeriod } from "../store/types.ts";
import { ERROR_TEXT } from "../strings.ts";

/** What a page is about: the customer or sales record it shows, or the customers list's query. */
export type PageAbout = { customerId?: string; salesId?: string; search?: string };

/** What the views can ask of the reports. */
export type ReportOperations = {
  /** Opens a page (with the customer or the customers list's query it is about), if the user's role may. */
  showPage: (page: ConsolePage, about?: PageAbout) => Promise<void>;
  setReportPeriod: (period: ReportPeriod) => Promise<void>;
  /** Narrows the topics to one channel (null: every channel). */
  setReportChannel: (channel: string | null) => Promise<void>;
  reloadReport: () => Promise<void>;
};

/** Builds the report operations over the console's dispatcher and state reader. */
export function createReportOperations(dispatch: (action: ConsoleAction) => void, getState: () => ConsoleState): ReportOperations {
  async function load(period: ReportPeriod, channel: string | null = getState().report.channel): Promise<void> {
    dispatch({ type: "report/loading", period, channel });
    try {
      const report = await api.topicsReport(reportRange(period, new Date()), channel);
      dispatch({ type: "report/loaded", period, channel, report });
    } catch (error) {
      if (error instanceof ApiRequestError && error.status === 401) {
        dispatch({ type: "auth/signedOut", reason: ERROR_TEXT.sessionEnded });
        return;
      }
      // Shown on the page beside a Retry button rather than in the banner, which closes itself.
      const message = error instanceof Error && error.message ? error.message : ERROR_TEXT.unexpected;
      dispatch({ type: "report/failed", period, channel, message });
    }
  }

  return {
    showPage: async (page, about) => {
      if (!mayOpen(getState().user, page)) return;
      dispatch({ type: "page", page, customerId: about?.customerId, salesId: about?.salesId, search: about?.search });
      // Every visit asks again: the period ends now, and customers keep writing.
      if (page === "reports") await load(getState().report.period);
    },
    setReportPeriod: (period) => load(period),
    setReportChannel: (channel) => load(getState().report.period, channel),
    reloadReport: () => load(getState().report.period),
  };
}
