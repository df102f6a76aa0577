/** `npm run bench -- <name> [--json] [--n …] [--seconds …]`: runs one benchmark and prints one JSON object (--json) or a table. */
import os from "node:os";
import { parseArgs, type BenchArgs } from "./lib/args.ts";
import { loadAverage } from "./lib/proc.ts";

/** What every benchmark module exports. */
export type Benchmark = {
  run(args: BenchArgs): Promise<Record<string, unknown>>;
  /** The human-readable form of a result. */
  format(result: Record<string, unknown>): string;
};

const BENCHMARKS: Record<string, () => Promise<Benchmark>> = {
  nlp: () => import("./nlp.ts"),
  e2e: () => import("./e2e.ts"),
  connections: () => import("./connections.ts"),
  api: () => import("./api.ts"),
  widget: () => import("./widget.ts"),
  startup: () => import("./startup.ts"),
  reports: () => import("./reports.ts"),
  limits: () => import("./limits.ts"),
  kills: () => import("./kills.ts"),
  soak: () => import("./soak.ts"),
  crm: () => import("./crm.ts"),
  sales: () => import("./sales.ts"),
  channels: () => import("./channels.ts"),
  insights: () => import("./insights.ts"),
};

const USAGE = `usage: npm run bench -- <${Object.keys(BENCHMARKS).join("|")}> [--json] [--n N] [--seconds S] [options]
  nlp          NLP pipeline throughput and latency; --n passes over the message set, --seconds cap
  e2e          widget customers against the real server and a bare socket.io echo; --n 1,50,200,1000 --seconds 20 --rate 0.5 --ramp-rates … --db pglite|postgres
  connections  idle widget connections to one server; --n 10000 --workers 4
  api          REST list and agent reply at 50 connections vs bare express; --n 50 (connections) --seconds 10 --messages 100000
  widget       widget script size and launcher-ready time in headless Chromium; --n 9 (page loads)
  startup      time to /healthz 200 and idle RSS on an empty and a warm data dir; --n 3 (runs) --messages 100000 --settle 3 --db pglite|postgres
  limits       cost of the rate-limit check on a widget message, Redis up and down; --n 5000 --visitors 200 --rounds 25
  kills        kill -9 the server K times with customers chatting, restart on the same data: acknowledged messages lost, unanswered or answered twice; --kills 20 --customers 20 --seconds 3 --db pglite|postgres
  soak         customers chatting with one server for minutes, window by window (latency, CPU, memory), then exactly-once from the database; --minutes 10 --window 60 --n 200 --rate 0.5 --db pglite|postgres
  crm          CRM search, profile, timeline and CSV import over a seeded CRM; --customers 100000 --messages 1000000 --requests 200 (per kind) --warmup 20 --import-rows N --db pglite|postgres --cache DIR (reuse the seed) --try-sql FILE
  sales        sales summary (a year by week, by product) and pipeline p99, lead assignment (2,000 deals to 50 reps) and effort plan (20 segments × 1,000 hours) over a seeded year; --lines 1000000 --open-deals 10000 --unowned 2000 --reps 50 --segments 20 --rep-segments 4 --budget-hours 1000 --requests 100 --warmup 10 --plans 3 --db pglite|postgres --cache DIR
  channels     Telegram webhook to stored and acknowledged at --rate 200/s (p99) for --seconds 10; message.deliver throughput to a local fake Bot API over --outbound 5000 replies; inbound email (10 KB, one attachment) to stored message through the server's SMTP_PORT, p99, over --mails 300 --mail-warmup 30
  insights     customer features, segments (+ rules, map, churn model), scoring and the Insights page's data p99 over seeded customers; --customers 100000 --requests 50
  reports      sentiment, service, topics reports over 90 and 365 days, and the drill-down (p95); --messages 1000000 --n 20 --db pglite|postgres --cache DIR
  every benchmark: --profile writes the server's --cpu-prof and prints its top self-time functions to stderr`;

async function main(): Promise<number> {
  const { positional, args } = parseArgs(process.argv.slice(2));
  const name = positional[0];
  const load = name ? BENCHMARKS[name] : undefined;
  if (!load || args.flag("help")) {
    process.stderr.write(USAGE + "\n");
    return name && !args.flag("help") ? 2 : 0;
  }
  // Libraries may print to stdout while loading; with --json only the result object may appear there.
  const stdoutWrite = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) =>
    (process.stderr.write as (c: string | Uint8Array, ...r: unknown[]) => boolean)(chunk, ...rest)) as typeof process.stdout.write;
  const bench = await load();
  const startedAt = new Date();
  const loadBefore = loadAverage();
  const result = await bench.run(args);
  const meta = {
    startedAt: startedAt.toISOString(),
    seconds: Math.round((Date.now() - startedAt.getTime()) / 100) / 10,
    cpus: os.cpus().length,
    loadAverage: { before: loadBefore, after: loadAverage() },
    node: process.version,
  };
  const output = { benchmark: name, ...result, meta };
  await new Promise<void>((resolve) => stdoutWrite(args.json ? JSON.stringify(output) + "\n" : bench.format(output) + "\n", () => resolve()));
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
