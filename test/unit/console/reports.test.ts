import { describe, expect, it } from "vitest";
import type { TopicsReportDTO } from "../../../src/contracts/api.ts";
import { consoleReducer, initialState, type ConsoleAction } from "../../../console/src/store/reducer.ts";
import { mayReadReports, reportRange } from "../../../console/src/store/reports.ts";
import type { ConsoleState } from "../../../console/src/store/types.ts";

const report = (messages: number): TopicsReportDTO => ({ from: "2026-12-02T00:00:00.000Z", to: "2026-12-08T12:00:00.000Z", channel: null, messages, topics: [], previousFrom: "2026-11-26T00:00:00.000Z", withoutTopic: [] });

function run(actions: ConsoleAction[], from: ConsoleState = initialState()): ConsoleState {
  return actions.reduce(consoleReducer, from);
}

describe("console reports", () => {
  it("opens the reports to managers and admins only", () => {
    expect(mayReadReports({ role: "manager" })).toBe(true);
    expect(mayReadReports({ role: "admin" })).toBe(true);
    expect(mayReadReports({ role: "agent" })).toBe(false);
    expect(mayReadReports(null)).toBe(false);
  });

  it("asks for whole days up to now: today and the days before it, from local midnight", () => {
    const now = new Date(2026, 11, 8, 14, 30);
    expect(reportRange(7, now)).toEqual({ from: new Date(2026, 11, 2).toISOString(), to: now.toISOString() });
    expect(reportRange(30, now).from).toBe(new Date(2026, 10, 9).toISOString());
    expect(reportRange(90, now).from).toBe(new Date(2026, 8, 10).toISOString());
  });

  it("starts on the inbox with the 7-day period, and goes back there on sign-out", () => {
    expect(initialState()).toMatchObject({ page: "inbox", report: { period: 7, report: null, loading: false, error: null } });
    const state = run([{ type: "page", page: "reports" }, { type: "auth/signedOut" }]);
    expect(state.page).toBe("inbox");
  });

  it("keeps the last report on screen while the next period loads, then replaces it", () => {
    const loading = run([{ type: "report/loading", period: 7 }, { type: "report/loaded", period: 7, report: report(3) }, { type: "report/loading", period: 30 }]);
    expect(loading.report).toMatchObject({ period: 30, loading: true, report: { messages: 3 } });
    const loaded = run([{ type: "report/loaded", period: 30, report: report(12) }], loading);
    expect(loaded.report).toMatchObject({ period: 30, loading: false, report: { messages: 12 } });
  });

  it("drops an answer for a period no longer chosen", () => {
    const state = run([
      { type: "report/loading", period: 7 },
      { type: "report/loading", period: 90 },
      { type: "report/loaded", period: 7, report: report(3) },
      { type: "report/failed", period: 7, message: "late failure" },
    ]);
    expect(state.report).toMatchObject({ period: 90, loading: true, report: null, error: null });
  });

  it("keeps the server's message when a report fails, and clears it on retry", () => {
    const failed = run([{ type: "report/loading", period: 7 }, { type: "report/failed", period: 7, message: "Reports are for managers and admins." }]);
    expect(failed.report).toMatchObject({ loading: false, error: "Reports are for managers and admins." });
    expect(run([{ type: "report/loading", period: 7 }], failed).report).toMatchObject({ loading: true, error: null });
  });
});
