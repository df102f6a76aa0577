/**
 * `npx tsx bench/forecast-backtest.ts [--now 2026-12-07T12:00:00Z]`: seeds the demo data (CRM and sales history) into
 * an in-memory PGlite as `npm start` does, then prints the revenue forecast's back-test on it as JSON: train on all but
 * the last 8 complete weeks, predict those 8, MAPE (%). Not a load benchmark: one small measurement for the docs.
 */
import { parseArgs } from "node:util";
import { openDatabase } from "../src/db/index.ts";
import { seedDemoData } from "../src/db/seed/seed.ts";
import { hashPassword } from "../src/modules/agents/passwords.ts";
import { getForecast } from "../src/modules/revenue/index.ts";

const { values } = parseArgs({ options: { now: { type: "string", default: "2026-12-07T12:00:00Z" } } });
const now = new Date(values.now);
const database = await openDatabase({ memory: true });
await database.migrate();
await seedDemoData(database.db, { agentPassword: "demo-password-1", hashPassword, now });
const forecast = await getForecast({ db: database.db, now: () => now }, { weeks: 12 });
console.log(
  JSON.stringify({
    now: now.toISOString(),
    currency: forecast.currency,
    historyWeeks: forecast.history.length,
    method: forecast.method,
    backtest: forecast.backtest,
    firstForecastWeek: forecast.weeks[0] ?? null,
  }),
);
await database.close();
