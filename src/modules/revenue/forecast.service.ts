/** The weekly revenue forecast: history from the rollups, the next weeks from the regression, and its back-test. */
import type { ForecastDTO } from "../../contracts/sales.ts";
import type { ServiceDeps } from "../deps.ts";
import { backtest, fitWeeklyModel, MIN_HISTORY_WEEKS, type WeekPoint } from "./forecast.model.ts";
import { revenueByPeriod } from "../sales/index.ts";
import { currenciesBetween, weeklyPipeline } from "./forecast.repo.ts";
import { addDays, bucketStart, isoDay } from "./periods.ts";
import { chooseCurrency } from "./summary.service.ts";

// Three years of weeks: enough for the yearly cycle, little enough to stay a few hundred rollup rows.
const MAX_HISTORY_WEEKS = 156;

/** What the forecast says when there is too little history to fit (fewer than MIN_HISTORY_WEEKS complete weeks). */
export const INSUFFICIENT_HISTORY = "insufficient history";

function weeksFrom(first: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => addDays(first, 7 * i));
}

/**
 * Revenue per complete ISO week before the current one (from the first week with a sale, at most three years back), and
 * for the current week and the `weeks` after it less one: the regression's prediction and 95% interval, with the
 * back-test's MAPE on the last 8 history weeks.
 */
export async function getForecast(deps: Pick<ServiceDeps, "db" | "now">, query: { weeks: number; currency?: string }): Promise<ForecastDTO> {
  const currentWeek = bucketStart(isoDay(deps.now()), "week");
  const earliest = addDays(currentWeek, -7 * MAX_HISTORY_WEEKS);
  const currency = chooseCurrency(query.currency, query.currency ? [] : await currenciesBetween(deps.db, earliest, currentWeek));
  const revenue = new Map((await revenueByPeriod(deps.db, { unit: "week", fromDay: earliest, toDay: currentWeek, currency })).map((r) => [r.periodStart, r.amountCents]));
  const firstWeek = [...revenue.keys()].sort()[0];
  const historyLength = firstWeek === undefined ? 0 : Math.round((Date.parse(currentWeek) - Date.parse(firstWeek)) / (7 * 86_400_000));
  const futureWeeks = weeksFrom(currentWeek, query.weeks);
  const pipeline = await weeklyPipeline(deps.db, firstWeek ?? currentWeek, addDays(currentWeek, 7 * query.weeks), currency);
  const history: WeekPoint[] = weeksFrom(firstWeek ?? currentWeek, historyLength).map((weekStart, index) => ({
    weekStart,
    index,
    pipelineCents: pipeline.get(weekStart) ?? 0,
    amountCents: revenue.get(weekStart) ?? 0,
  }));
  const shownHistory = history.map((p) => ({ weekStart: p.weekStart, amountCents: p.amountCents ?? 0 }));
  if (history.length < MIN_HISTORY_WEEKS) return { currency, method: INSUFFICIENT_HISTORY, history: shownHistory, weeks: [], backtest: null };
  const model = fitWeeklyModel(history);
  const future = futureWeeks.map((weekStart, i) => ({ weekStart, index: history.length + i, pipelineCents: pipeline.get(weekStart) ?? 0 }));
  return {
    currency,
    method: `multiple linear regression (least squares) on ${model.regressors.join(", ")}; 95% prediction interval`,
    history: shownHistory,
    weeks: model.predict(future),
    backtest: backtest(history),
  };
}
