/**
 * `soak`: N widget customers chat with one server at a steady rate for many minutes (default 10), measured window by
 * window: reply latency, CPU per exchange and resident memory, so a slow leak or a latency drift shows as a trend. At the
 * end the database is read: every customer message must have exactly one answer (the crash-free form of `kills`).
 */
import { openDatabase, type DatabaseTarget } from "../src/db/index.ts";
import { answeredMessages } from "../test/support/stored-answers.ts";
import type { BenchArgs } from "./lib/args.ts";
import { connectClients } from "./lib/clients.ts";
import { benchDatabase } from "./lib/database.ts";
import { meterProcess } from "./lib/proc.ts";
import { progress, startRedis, startServer, tempDir } from "./lib/processes.ts";
import { round, summarize } from "./lib/stats.ts";
import { keyValues, table } from "./lib/table.ts";
import { BOT_ANSWERED_MESSAGES } from "./data/messages.ts";

type Window = {
  window: number;
  sent: number;
  answered: number;
  lost: number;
  ackErrors: number;
  p50Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
  cpuMsPerExchange: number | null;
  rssMB: number;
  peakRssMB: number;
};

/** Runs the soak: `--minutes 10`, `--window 60` seconds, `--n 200` customers, `--rate 0.5` messages per customer per second, `--db pglite|postgres`. */
export async function run(args: BenchArgs): Promise<Record<string, unknown>> {
  const minutes = args.num("minutes", 10);
  const windowSeconds = Math.max(1, args.num("window", 60));
  const n = Math.max(1, args.num("n", 200));
  const rate = args.num("rate", 0.5);
  const windowsN = Math.max(1, Math.round((minutes * 60) / windowSeconds));
  const database = benchDatabase(args.str("db", "pglite"));
  const redis = await startRedis();
  const data = tempDir("soak");
  const started = performance.now();
  const startedAt = new Date();
  const windows: Window[] = [];
  const latencies: number[] = [];
  try {
    const server = await startServer({ dataDir: data.dir, redisUrl: redis.url, databaseUrl: database.url });
    progress(`soak: server ready in ${Math.round(server.readyMs)} ms; ${n} customers × ${rate}/s for ${windowsN} windows of ${windowSeconds} s`);
    try {
      const pool = await connectClients({ url: server.url, count: n, workers: Math.min(4, Math.max(1, Math.ceil(n / 250))), idPrefix: `soak-${Date.now().toString(36)}-` });
      try {
        for (let w = 0; w < windowsN; w++) {
          const meter = meterProcess(server.pid);
          // A short drain between windows keeps the load nearly continuous; the last window waits longer for late replies.
          const result = await pool.load({ ratePerSec: rate, seconds: windowSeconds, texts: BOT_ANSWERED_MESSAGES, drainMs: w === windowsN - 1 ? 15_000 : 2_000 });
          const usage = meter.stop();
          const s = summarize(result.latencies);
          latencies.push(...result.latencies);
          const row: Window = {
            window: w + 1,
            sent: result.sent,
            answered: result.answered,
            lost: result.lost,
            ackErrors: result.ackErrors,
            p50Ms: s.p50,
            p99Ms: s.p99,
            maxMs: s.max,
            cpuMsPerExchange: result.answered ? round((usage.cpuSeconds * 1000) / result.answered, 2) : null,
            rssMB: usage.rssMB,
            peakRssMB: usage.peakRssMB,
          };
          windows.push(row);
          progress(`soak window ${row.window}/${windowsN}: sent ${row.sent}, lost ${row.lost}, p50 ${row.p50Ms} ms, p99 ${row.p99Ms} ms, ${row.cpuMsPerExchange} ms CPU per exchange, rss ${row.rssMB} MB`);
        }
      } finally {
        await pool.close();
      }
    } finally {
      await server.stop();
    }
    const db = await openDatabase((database.url ? { url: database.url } : { pgliteDir: data.dir }) as DatabaseTarget);
    let stored: Awaited<ReturnType<typeof answeredMessages>>;
    try {
      // Since the start: demo mode's past CRM conversations are not this run's.
      stored = await answeredMessages(db.db, undefined, startedAt);
    } finally {
      await db.close();
    }
    const overall = summarize(latencies);
    const first = windows[0];
    const last = windows.at(-1) ?? first;
    return {
      database: database.kind,
      customers: n,
      ratePerClientPerSec: rate,
      minutes: round((windowsN * windowSeconds) / 60, 2),
      sent: windows.reduce((sum, w) => sum + w.sent, 0),
      lostByClients: windows.reduce((sum, w) => sum + w.lost, 0),
      p50Ms: overall.p50,
      p99Ms: overall.p99,
      maxMs: overall.max,
      p99FirstWindowMs: first.p99Ms,
      p99LastWindowMs: last.p99Ms,
      rssFirstWindowMB: first.rssMB,
      rssLastWindowMB: last.rssMB,
      rssGrowthMB: round(last.rssMB - first.rssMB, 1),
      storedCustomerMessages: stored.length,
      unanswered: stored.filter((m) => m.replies.length === 0).length,
      answeredTwice: stored.filter((m) => m.replies.length > 1).length,
      windows,
      setup: {
        server: "node bin/switchboard.js start --demo in its own process, fresh data, private redis-server; RATE_LIMITS=off",
        windows: "each window is one load phase of --window seconds (2 s drain between windows, 15 s after the last); rssMB is the server's resident memory at the window's end",
        exactlyOnce: "unanswered / answeredTwice: customer messages in the database with no bot reply keyed by them, or more than one",
      },
      seconds: round((performance.now() - started) / 1000, 1),
    };
  } finally {
    await redis.stop();
    data.remove();
    database.drop();
  }
}

/** Human-readable form. */
export function format(result: Record<string, unknown>): string {
  const { windows, setup: _setup, ...rest } = result as { windows: Record<string, unknown>[]; setup: unknown };
  return [table(windows), "", keyValues(rest)].join("\n");
}
