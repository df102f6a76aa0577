import { describe, expect, it } from "vitest";
import type { SentimentFigures, SentimentReportDTO } from "../../../src/contracts/reports.ts";
import { consoleReducer, initialState } from "../../../console/src/store/reducer.ts";
import { parseRoute, routePath } from "../../../console/src/store/route.ts";
import { driverPieces } from "../../../console/src/views/reports/drill-panel.tsx";
import { allBuckets, formatChange, formatDuration, periodTotals } from "../../../console/src/views/reports/report-figures.ts";
import { parseReportsSearch, periodInterval, reportsSearch, trendQueries } from "../../../console/src/views/reports/report-query.ts";

const figures = (messages: number, meanScore: number | null, negativeShare: number | null, more: Partial<SentimentFigures> = {}): SentimentFigures => ({
  messages, meanScore, negativeShare, neutralShare: null, positiveShare: null, conversations: 0, worsened: 0, turnedAround: 0, agentChange: null, agentConversations: 0, ...more,
});

describe("the console's Reports area", () => {
  it("keeps its tab, period, grouping, plot and drill-down in the address, and reads them back", () => {
    const state = parseReportsSearch("?groupBy=agent&group=3f0c7d2e-1111-4222-8333-444455556666&bucket=2026-12-05T00:00:00%2B01:00&sentiment=negative&period=90");
    expect(state).toEqual({
      tab: "sentiment", period: 90, sentimentGroupBy: "agent", serviceGroupBy: "channel", metric: "negative", filters: {},
      drill: { group: "3f0c7d2e-1111-4222-8333-444455556666", bucket: "2026-12-05T00:00:00+01:00", sentiment: "negative" },
      alertStatus: "open", alertDrill: null,
    });
    expect(parseReportsSearch(reportsSearch(state))).toEqual(state);
    // The group without a key ("no agent") is an empty group, not no group.
    expect(parseReportsSearch("?groupBy=agent&group=").drill).toEqual({ group: "", bucket: undefined, sentiment: undefined });
    expect(reportsSearch(parseReportsSearch(""))).toBe("");
    expect(parseReportsSearch("?tab=service&groupBy=agent&period=12")).toMatchObject({ tab: "service", serviceGroupBy: "agent", period: 30, drill: null });
    expect(parseReportsSearch("?tab=nope&groupBy=planet&metric=mean")).toMatchObject({ tab: "sentiment", sentimentGroupBy: "channel", metric: "mean" });
  });

  it("keeps the sentiment and service filters in the address, and the Alerts tab's list and open alert", () => {
    const filtered = parseReportsSearch("?tab=service&channel=web&intent=refund&segment=&planet=mars");
    expect(filtered.filters).toEqual({ channel: "web", intent: "refund" });
    expect(reportsSearch(filtered)).toBe("?tab=service&channel=web&intent=refund");
    // Other tabs do not carry them.
    expect(reportsSearch({ ...filtered, tab: "topics" })).toBe("?tab=topics");
    const alerts = parseReportsSearch("?tab=alerts&status=acknowledged&alert=a1");
    expect([alerts.alertStatus, alerts.alertDrill]).toEqual(["acknowledged", { id: "a1", sentiment: "negative" }]);
    expect(reportsSearch(alerts)).toBe("?tab=alerts&status=acknowledged&alert=a1");
    const every = parseReportsSearch("?tab=alerts&alert=a1&sentiment=all");
    expect(every.alertDrill).toEqual({ id: "a1", sentiment: undefined });
    expect(reportsSearch(every)).toBe("?tab=alerts&alert=a1&sentiment=all");
    // The filters reach both periods' queries.
    const { current, previous } = trendQueries(30, "channel", new Date(2026, 11, 8, 15), { agent: "u1" });
    expect([current.agent, previous.agent]).toEqual(["u1", "u1"]);
  });

  it("routes /console/reports with its query, so a drill-down link opens the same view", () => {
    expect(parseRoute("/console/reports", "?groupBy=agent")).toEqual({ page: "reports", customerId: null, search: "?groupBy=agent" });
    expect(routePath({ page: "reports", customerId: null, search: "?tab=topics" })).toBe("/console/reports?tab=topics");
    const opened = consoleReducer(initialState(), { type: "page", page: "reports", search: "?groupBy=agent" });
    expect(consoleReducer(opened, { type: "reports/search", search: "?tab=service" }).reportsSearch).toBe("?tab=service");
    // The customers list's query is its own.
    expect(opened.customersSearch).toBe("");
  });

  it("asks for whole local days up to now, the same length before for the comparison, in readable buckets", () => {
    const now = new Date(2026, 11, 8, 15, 30);
    const { current, previous } = trendQueries(30, "agent", now);
    expect(new Date(current.from)).toEqual(new Date(2026, 10, 9));
    expect(current.to).toBe(now.toISOString());
    expect(new Date(previous.from)).toEqual(new Date(2026, 9, 10));
    expect(previous.to).toBe(current.from);
    expect([7, 30, 90, 365].map((p) => periodInterval(p as 7))).toEqual(["day", "day", "week", "month"]);
  });

  it("totals a report over its groups, weighting means and shares by messages, and says the change in points", () => {
    const report = { groups: [{ total: figures(3, -1, 1, { turnedAround: 1, conversations: 2 }) }, { total: figures(1, 3, 0, { worsened: 1, conversations: 1 }) }] } as unknown as SentimentReportDTO;
    expect(periodTotals(report)).toEqual({ messages: 4, meanScore: 0, negativeShare: 0.75, turnedAround: 1, worsened: 1, conversations: 3 });
    expect(formatChange(0.625, 0.5, "share")).toBe("▲ 13 pts");
    expect(formatChange(-1.11, 0, "score")).toBe("▼ 1.11");
    expect(formatChange(3, 3, "count")).toBe("no change");
    expect(formatChange(3, null, "count")).toBeNull();
    expect([30, 120, 5400, 200_000, null].map(formatDuration)).toEqual(["30 s", "2 min", "1.5 h", "2.3 d", "—"]);
  });

  it("narrows the topics to a channel, and drops an answer for a channel no longer chosen", () => {
    const asked = consoleReducer(initialState(), { type: "report/loading", period: 30, channel: "telegram" });
    expect(asked.report).toMatchObject({ period: 30, channel: "telegram", loading: true });
    const report = { from: "2026-11-09T00:00:00.000Z", to: "2026-12-08T12:00:00.000Z", channel: null, messages: 3, topics: [], previousFrom: "2026-10-10T12:00:00.000Z", withoutTopic: [] };
    expect(consoleReducer(asked, { type: "report/loaded", period: 30, channel: null, report }).report.report).toBeNull();
    expect(consoleReducer(asked, { type: "report/loaded", period: 30, channel: "telegram", report }).report).toMatchObject({ loading: false, report });
  });

  it("aligns the groups' buckets in time order", () => {
    const groups = [{ series: [{ bucket: "2026-12-05T00:00:00+00:00" }] }, { series: [{ bucket: "2026-12-03T00:00:00+00:00" }, { bucket: "2026-12-05T00:00:00+00:00" }] }];
    expect(allBuckets(groups)).toEqual(["2026-12-03T00:00:00+00:00", "2026-12-05T00:00:00+00:00"]);
  });

  it("marks the words that drove a score, whole words only, whatever their case, and leaves markup as text", () => {
    const pieces = driverPieces("Slow, so SLOW; <b>useless</b> slowly", [{ text: "slow", weight: -1 }, { text: "useless", weight: -2 }]);
    expect(pieces.filter((p) => p.driver).map((p) => p.text)).toEqual(["Slow", "SLOW", "useless"]);
    expect(pieces.map((p) => p.text).join("")).toBe("Slow, so SLOW; <b>useless</b> slowly");
    expect(driverPieces("fine", [])).toEqual([{ text: "fine", driver: null }]);
  });
});
