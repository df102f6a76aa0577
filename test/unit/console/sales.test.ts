import { describe, expect, it } from "vitest";
import type { DealDTO, DealStageDTO, ForecastDTO, PipelineDTO } from "../../../src/contracts/sales.ts";
import { consoleReducer, initialState } from "../../../console/src/store/reducer.ts";
import { buildColumns, moveDeal, replaceDeal } from "../../../console/src/store/pipeline-board.ts";
import { mayOpen, parseRoute, routePath } from "../../../console/src/store/route.ts";
import { formatChance, formatProbability, parseAmount } from "../../../console/src/sales-format.ts";
import { periodRange } from "../../../console/src/views/sales/dashboard-period.ts";
import { forecastSeries } from "../../../console/src/views/sales/forecast-series.ts";

const stage = (key: string, position: number, probability: number, outcome: DealStageDTO["outcome"] = "open"): DealStageDTO => ({ id: `s-${key}`, key, name: key, position, probability, outcome });
const LEAD = stage("lead", 1, 10);
const PROPOSAL = stage("proposal", 2, 50);
const WON = stage("won", 3, 100, "won");

function deal(id: string, s: DealStageDTO, amountCents: number): DealDTO {
  return {
    id,
    title: `Deal ${id}`,
    customer: { id: "c1", name: "Ada", email: null },
    company: null,
    owner: null,
    amountCents,
    currency: "USD",
    stage: s,
    probability: s.probability,
    weightedAmountCents: Math.round((amountCents * s.probability) / 100),
    expectedCloseDate: null,
    conversationId: null,
    source: "manual",
    closedAt: null,
    createdAt: "2026-12-01T00:00:00.000Z",
    updatedAt: "2026-12-01T00:00:00.000Z",
  };
}

describe("the pipeline board", () => {
  const columns = buildColumns([WON, LEAD, PROPOSAL], { [LEAD.id]: [deal("a", LEAD, 10_000), deal("b", LEAD, 5_000)], [PROPOSAL.id]: [deal("c", PROPOSAL, 20_000)] }, null);

  it("orders the columns by stage position and totals the deals shown when no pipeline figures are given", () => {
    expect(columns.map((c) => c.stage.key)).toEqual(["lead", "proposal", "won"]);
    expect(columns[0]).toMatchObject({ count: 2, amountCents: 15_000, weightedAmountCents: 1_500 });
    expect(columns[2]).toMatchObject({ count: 0, amountCents: 0, weightedAmountCents: 0 });
  });

  it("takes the server's totals per stage when the pipeline is known (deals beyond the shown ones count)", () => {
    const pipeline: PipelineDTO = { currency: "USD", stages: [{ stage: LEAD, count: 40, amountCents: 1_000_000, weightedAmountCents: 100_000 }], forecast: { from: "", to: "", weightedAmountCents: 0, dealCount: 0 } };
    expect(buildColumns([LEAD], { [LEAD.id]: [deal("a", LEAD, 10_000)] }, pipeline)[0]).toMatchObject({ count: 40, amountCents: 1_000_000 });
  });

  it("moves a card to another stage: both columns' count, amount and weighted amount follow, at the new stage's probability", () => {
    const moved = moveDeal(columns, "c", WON.id);
    expect(moved[1]).toMatchObject({ count: 0, amountCents: 0, weightedAmountCents: 0, deals: [] });
    expect(moved[2]).toMatchObject({ count: 1, amountCents: 20_000, weightedAmountCents: 20_000 });
    expect(moved[2]?.deals[0]).toMatchObject({ id: "c", stage: { key: "won" }, probability: 100 });
  });

  it("moving back restores the totals (the rollback of a refused move), and a move to the same stage changes nothing", () => {
    const back = moveDeal(moveDeal(columns, "c", WON.id), "c", PROPOSAL.id);
    expect(back.map((c) => [c.count, c.amountCents, c.weightedAmountCents])).toEqual(columns.map((c) => [c.count, c.amountCents, c.weightedAmountCents]));
    expect(moveDeal(columns, "a", LEAD.id)).toBe(columns);
    expect(moveDeal(columns, "nope", WON.id)).toBe(columns);
  });

  it("replaces a deal with the server's answer in its column", () => {
    const updated = { ...deal("a", LEAD, 10_000), title: "Renamed" };
    expect(replaceDeal(columns, updated)[0]?.deals[0]?.title).toBe("Renamed");
  });
});

describe("the Sales area's addresses and who may open them", () => {
  it("reads and writes each Sales page's address, a deal's and an order's id included", () => {
    for (const [path, page] of [
      ["/console/sales/pipeline", "pipeline"],
      ["/console/sales/orders", "orders"],
      ["/console/sales/products", "products"],
      ["/console/sales/dashboard", "salesDashboard"],
      ["/console/sales/plans", "plans"],
    ] as const) {
      expect(parseRoute(path, "")).toMatchObject({ page });
      expect(routePath({ page, customerId: null, search: "" })).toBe(path);
    }
    expect(parseRoute("/console/sales/deals/d%201", "")).toEqual({ page: "deal", customerId: null, search: "", salesId: "d 1" });
    expect(routePath({ page: "deal", customerId: null, search: "", salesId: "d 1" })).toBe("/console/sales/deals/d%201");
    expect(parseRoute("/console/sales/orders/o1", "")).toMatchObject({ page: "order", salesId: "o1" });
    expect(parseRoute("/console/sales/orders/o1/x", "")).toMatchObject({ page: "inbox" });
  });

  it("shows agents the pipeline, orders and catalogue, and only managers and admins the dashboard and the plans", () => {
    const roles = ["agent", "manager", "admin"] as const;
    for (const page of ["pipeline", "deal", "orders", "order", "products"] as const) expect(roles.map((role) => mayOpen({ role }, page))).toEqual([true, true, true]);
    for (const page of ["salesDashboard", "plans"] as const) expect(roles.map((role) => mayOpen({ role }, page))).toEqual([false, true, true]);
  });

  it("keeps the open deal's id with the page, forgets it elsewhere, and counts the socket's deal changes", () => {
    const open = consoleReducer(initialState(), { type: "page", page: "deal", salesId: "d1" });
    expect(open).toMatchObject({ page: "deal", salesId: "d1" });
    expect(consoleReducer(open, { type: "page", page: "orders" }).salesId).toBeNull();
    expect(consoleReducer(consoleReducer(open, { type: "deals/changed" }), { type: "deals/changed" }).dealsVersion).toBe(2);
  });
});

describe("the Sales pages' figures", () => {
  it("reads typed amounts as cents and refuses what is not an amount", () => {
    expect(parseAmount("1,250.5")).toBe(125_050);
    expect(parseAmount("0")).toBe(0);
    expect(["", "-1", "abc", "1.234"].map(parseAmount)).toEqual([null, null, null, null]);
  });

  it("shows a stage's whole-percent probability and a plan's 0..1 P(win) as percents", () => {
    expect(formatProbability(35)).toBe("35%");
    expect(formatChance(0.4251)).toBe("42.5%");
  });

  it("gives each dashboard period half-open bounds that include today, and the targets' month or quarter", () => {
    const now = new Date("2026-11-15T10:00:00Z");
    expect(periodRange("thisMonth", now)).toEqual({ from: "2026-11-01", to: "2026-11-16", targets: "2026-11" });
    expect(periodRange("thisQuarter", now)).toEqual({ from: "2026-10-01", to: "2026-11-16", targets: "2026-Q4" });
    expect(periodRange("last30", now).from).toBe("2026-10-17");
    expect(periodRange("last12", now).from).toBe("2025-11-16");
  });

  it("joins the forecast line and its band to the last actual week", () => {
    const forecast: ForecastDTO = {
      currency: "USD",
      method: "ols",
      history: [
        { weekStart: "2026-11-02", amountCents: 100 },
        { weekStart: "2026-11-09", amountCents: 200 },
      ],
      weeks: [{ weekStart: "2026-11-16", amountCents: 300, lowCents: 250, highCents: 350 }],
      backtest: null,
    };
    const [xs, actual, line, high, low] = forecastSeries(forecast);
    expect(xs).toHaveLength(3);
    expect(actual).toEqual([100, 200, null]);
    expect(line).toEqual([null, 200, 300]);
    expect(high).toEqual([null, 200, 350]);
    expect(low).toEqual([null, 200, 250]);
  });
});
