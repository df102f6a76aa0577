/** The weekly revenue chart's series: the actual weeks, then the forecast and its interval, joined at the last actual week. */
import type { ForecastDTO } from "../../../../src/contracts/sales.ts";

/** How many past weeks the chart shows before the forecast. */
const HISTORY_WEEKS = 26;

/** The chart's aligned series: x (seconds), actual, forecast, high, low (null where a series has no point). */
export function forecastSeries(forecast: ForecastDTO): [number[], ...(number | null)[][]] {
  const history = forecast.history.slice(-HISTORY_WEEKS);
  const xs = [...history.map((h) => h.weekStart), ...forecast.weeks.map((w) => w.weekStart)].map((d) => Date.parse(d) / 1000);
  const gap = history.map(() => null);
  const last = history[history.length - 1];
  // The forecast line starts at the last actual week, so the two lines join.
  const lead = (value: number | null): (number | null)[] => [...gap.slice(1), value];
  const joined = last ? last.amountCents : null;
  return [
    xs,
    [...history.map((h) => h.amountCents), ...forecast.weeks.map(() => null)],
    [...(history.length ? lead(joined) : []), ...forecast.weeks.map((w) => w.amountCents)],
    [...(history.length ? lead(joined) : []), ...forecast.weeks.map((w) => w.highCents)],
    [...(history.length ? lead(joined) : []), ...forecast.weeks.map((w) => w.lowCents)],
  ];
}

