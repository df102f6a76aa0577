/**
 * `reports`: the manager reports over a year of `--messages` messages (1,000,000 by default; ten per conversation, half
 * from customers, four channels, 20 agents, 40 % handed off): p95 of the sentiment, service and "top topics" reports
 * over 90 days and over a year, and of the drill-down's first page, each request a new question (uncached), over HTTP,
 * on PGlite or `--db postgres`. `--cache DIR` keeps the seeded database for later runs.
 */
import type { BenchArgs } from "./lib/args.ts";
import type { BenchDatabase } from "./lib/database.ts";
import { loadAverage } from "./lib/proc.ts";
import { login, progress, startRedis, startServer, tempDir } from "./lib/processes.ts";
import { seedInWorker } from "./lib/seed-worker.ts";
import { cachedSeed, fileDigest } from "./lib/seed-cache.ts";
import { percentile, round } from "./lib/stats.ts";
import { keyValues } from "./lib/table.ts";

type Seeded = { counts: Record<string, number>; seconds: number };
const DAY = 86_400_000;

async function seedReports(options: { dataDir: string; databaseUrl?: string; messages: number }): Promise<Seeded> {
  const result = await seedInWorker<Seeded>("bench/workers/reports-seed.ts", options);
  progress(`seeded ${JSON.stringify(result.counts)} in ${result.seconds} s`);
  return { counts: result.counts, seconds: result.seconds };
}

/** Runs the benchmark: `--messages 1000000 --n 20` (requests per report and range) `--db pglite|postgres --cache DIR`. */
export async function run(args: BenchArgs): Promise<Record<string, unknown>> {
  const messages = args.num("messages", 1_000_000);
  const runs = Math.max(1, args.num("n", 20));
  const kind = args.str("db", "pglite");
  const redis = await startRedis();
  const data = tempDir("reports");
  let database: BenchDatabase | undefined;
  try {
    const cached = await cachedSeed({
      name: "reports",
      kind,
      cacheDir: args.str("cache", ""),
      dataDir: data.dir,
      key: { messages, seed: fileDigest("bench/workers/reports-seed.ts") },
      seed: (db) => seedReports({ dataDir: data.dir, databaseUrl: db.url, messages }),
    });
    database = cached.database;
    const server = await startServer({ dataDir: data.dir, redisUrl: redis.url, databaseUrl: database.url, readyTimeoutMs: 600_000 });
    try {
      const cookie = await login(server.url);
      const ask = async (pathAndQuery: string): Promise<{ ms: number; body: string }> => {
        const started = performance.now();
        const res = await fetch(server.url + pathAndQuery, { headers: { cookie } });
        const body = await res.text();
        if (res.status !== 200) throw new Error(`${pathAndQuery} answered ${res.status}: ${body.slice(0, 300)}`);
        return { ms: performance.now() - started, body };
      };
      // Each request ends a minute later than the one before, so none is the same question (the topics report remembers answers for 30 s).
      const end = Math.ceil(Date.now() / 60_000) * 60_000;
      const range = (days: number, i: number) => {
        const to = new Date(end - i * 60_000);
        return `from=${new Date(to.getTime() - days * DAY).toISOString()}&to=${to.toISOString()}&timezone=UTC`;
      };
      const p95 = async (label: string, query: (i: number) => string): Promise<number> => {
        await ask(query(runs));
        const times: number[] = [];
        for (let i = 0; i < runs; i++) times.push((await ask(query(i))).ms);
        const p = round(percentile(times, 95) ?? 0, 1);
        progress(`${label}: p95 ${p} ms`);
        return p;
      };
      const sentimentGroups = ["channel", "agent", "intent", "inbox"];
      const serviceGroups = ["channel", "agent", "inbox"];
      const loadAtStart = loadAverage();
      const reports = {
        sentiment: {
          p95Ms90d: await p95("sentiment 90 days", (i) => `/api/v1/reports/sentiment?${range(90, i)}&interval=day&groupBy=${sentimentGroups[i % 4]}`),
          p95Ms365d: await p95("sentiment 365 days", (i) => `/api/v1/reports/sentiment?${range(365, i)}&interval=week&groupBy=${sentimentGroups[i % 4]}`),
        },
        service: {
          p95Ms90d: await p95("service 90 days", (i) => `/api/v1/reports/service?${range(90, i)}&interval=day&groupBy=${serviceGroups[i % 3]}`),
          p95Ms365d: await p95("service 365 days", (i) => `/api/v1/reports/service?${range(365, i)}&interval=week&groupBy=${serviceGroups[i % 3]}`),
        },
        topics: {
          p95Ms90d: await p95("topics 90 days", (i) => `/api/v1/reports/topics?${range(90, i).replace("&timezone=UTC", "")}`),
          p95Ms365d: await p95("topics 365 days", (i) => `/api/v1/reports/topics?${range(365, i).replace("&timezone=UTC", "")}`),
        },
        drill: {
          // A day's point of one agent, as a click on the chart asks for it.
          p95Ms: await p95("drill-down", (i) => {
            const day = new Date(Math.floor((end - (1 + (i * 7) % 80) * DAY) / DAY) * DAY).toISOString();
            return `/api/v1/reports/messages?${range(90, 0)}&interval=day&groupBy=agent&bucket=${encodeURIComponent(day.replace(".000Z", "Z"))}&group=e1000000-0000-4000-8000-${(i % 20).toString(16).padStart(12, "0")}&limit=50`;
          }),
        },
      };
      return {
        messages: cached.seeded.counts.messages,
        reports,
        db: kind,
        loadAverage: { start: loadAtStart, end: loadAverage() },
        setup: { ...cached.seeded, fromCache: cached.fromCache, requestsPerMeasure: runs, sentimentGroupBy: sentimentGroups, serviceGroupBy: serviceGroups, intervals: "day over 90 days, week over a year" },
      };
    } finally {
      await server.stop();
    }
  } finally {
    await redis.stop();
    data.remove();
    database?.drop();
  }
}

/** Human-readable form. */
export function format(result: Record<string, unknown>): string {
  const reports = result.reports as Record<string, Record<string, number>>;
  const flat: Record<string, unknown> = { messages: result.messages, db: result.db };
  for (const [name, figures] of Object.entries(reports)) for (const [k, v] of Object.entries(figures)) flat[`${name}.${k}`] = v;
  return keyValues({ ...flat, loadAverage: JSON.stringify(result.loadAverage) });
}
