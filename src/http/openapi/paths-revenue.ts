/** Operations of the sales summary, targets and forecast. */
import { z } from "zod";
import { forecastQuery, putTargetBody, summaryQuery, targetsQuery } from "../../modules/revenue/revenue.schemas.ts";
import type { Operation } from "./operation.ts";
import { forecastDTO, salesSummaryDTO, targetRowDTO } from "./schemas-revenue.ts";

const V1 = "/api/v1";
const report = { auth: "actor", actions: ["sales.report"] } as const;

/** Every operation of the sales summary, targets and forecast. */
export const revenueOperations: Operation[] = [
  {
    method: "get",
    path: `${V1}/sales/summary`,
    tag: "Sales figures",
    summary: "Sales totals and groups over a period",
    description:
      "Orders placed in [from, to) (ISO dates are midnight UTC; default: the last 30 UTC days, today included), cancelled ones left out, in one currency: the one asked for, else the only one sold in the period (USD when none; several: 400 naming `currency`). Total amount = Σ unit price × quantity; average order value = total ÷ orders; average unit price = total ÷ units (null when nothing was sold). Groups add up to the totals; day, week (ISO, key: the Monday) and month (key: YYYY-MM-01) groups include empty buckets; with groupBy=product an order counts once per product it has, so the groups' order counts can add up to more than the total.",
    access: report,
    query: summaryQuery,
    success: { status: 200, description: "The summary.", data: salesSummaryDTO },
  },
  {
    method: "get",
    path: `${V1}/sales/targets`,
    tag: "Sales figures",
    summary: "Targets of a period and their attainment",
    description:
      "One row per rep, then team, with a target in the period (default: the current UTC month): won = deals in a won stage closed in the period; attainment = won ÷ target × 100 (one decimal, null for a target of 0); weighted pipeline = Σ amount × probability of the open deals expected to close in the period; gap = max(0, target − won). Deals count in the target's currency; team `all` counts everyone's.",
    access: report,
    query: targetsQuery,
    success: { status: 200, description: "The rows.", data: z.array(targetRowDTO) },
  },
  {
    method: "put",
    path: `${V1}/sales/targets`,
    tag: "Sales figures",
    summary: "Set a rep's or the team's target for a month or quarter",
    description: "Creates or replaces the target of `ownerId` or `team` (exactly one; team is `all`, everyone) for the period. Currency defaults to USD.",
    access: { auth: "actor", actions: ["sales.target"] },
    body: putTargetBody,
    success: { status: 200, description: "The target's row, measured.", data: targetRowDTO },
    errors: ["USER_NOT_FOUND"],
  },
  {
    method: "get",
    path: `${V1}/sales/forecast`,
    tag: "Sales figures",
    summary: "Weekly revenue forecast with a 95% prediction interval",
    description:
      "History: revenue per complete ISO week before the current one, from the first week with a sale (at most 156 weeks). Forecast: the current week and the next `weeks` − 1, by least squares on trend, week-of-year Fourier terms and the weighted pipeline expected to close that week. With fewer than 8 weeks of history, `weeks` is empty and `method` is \"insufficient history\". `backtest`: MAPE (%) of the last 8 history weeks predicted by a model trained on the weeks before them.",
    access: report,
    query: forecastQuery,
    success: { status: 200, description: "The forecast.", data: forecastDTO },
  },
];
