/** Revenue module: the sales summary (from the daily rollups), targets and attainment, the weekly forecast. */
export { getSalesSummary, averageCents, chooseCurrency, type SummaryQuery } from "./summary.service.ts";
export { listTargets, setTarget, attainmentPercent, type TargetInput } from "./targets.service.ts";
export { getForecast, INSUFFICIENT_HISTORY } from "./forecast.service.ts";
export { fitWeeklyModel, backtest, mape, type WeekPoint } from "./forecast.model.ts";
export { forecastQuery, putTargetBody, summaryQuery, targetsQuery } from "./revenue.schemas.ts";
