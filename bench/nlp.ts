/** `nlp`: throughput and per-message latency of createAnalyzer().analyze over fifty realistic messages, and the pipeline's startup time in a fresh process. */
import type { BenchArgs } from "./lib/args.ts";
import { nextMessage, progress, spawnTs, stopChild } from "./lib/processes.ts";
import { median, round, summarize } from "./lib/stats.ts";
import { keyValues } from "./lib/table.ts";
import { CUSTOMER_MESSAGES } from "./data/messages.ts";
import { demoProducts } from "../src/db/seed/demo-data.ts";

type StartupSample = { importMs: number; loadMs: number; startupMs: number; firstAnalyzeMs: number; processUptimeMs: number };

async function measureStartup(): Promise<StartupSample> {
  const wallStart = performance.now();
  const { child, output } = spawnTs("bench/workers/nlp-startup.ts");
  const result = await nextMessage<StartupSample & { type: string }>(child, "result", 120_000, output);
  await stopChild(child, 2000);
  progress(`nlp startup: ${Math.round(result.startupMs)} ms in-process, ${Math.round(performance.now() - wallStart)} ms wall`);
  return result;
}

/** Runs the benchmark: `--n` passes over the messages (default 200), capped at `--seconds` (default 20); `--startup-runs` fresh processes (default 3). */
export async function run(args: BenchArgs): Promise<Record<string, unknown>> {
  const passes = args.num("n", 200);
  const seconds = args.num("seconds", 20);
  const startupRuns = Math.max(1, args.num("startup-runs", passes <= 5 ? 1 : 3));

  const startups: StartupSample[] = [];
  for (let i = 0; i < startupRuns; i++) startups.push(await measureStartup());

  const { createAnalyzer } = await import("../src/nlp/index.ts");
  const analyzer = await createAnalyzer();
  // The server passes the product catalogue and the message time; do the same.
  const context = { now: new Date("2026-03-10T12:00:00Z"), products: demoProducts.map((p, i) => ({ id: `p${i}`, name: p.name, sku: p.sku })) };
  for (const text of CUSTOMER_MESSAGES) analyzer.analyze(text, context); // warm-up (JIT, lazy tables)

  const latencies: number[] = [];
  const perMessage = CUSTOMER_MESSAGES.map(() => [] as number[]);
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  let done = 0;
  outer: for (let pass = 0; pass < Math.max(1, passes); pass++) {
    for (const [i, text] of CUSTOMER_MESSAGES.entries()) {
      const t0 = performance.now();
      analyzer.analyze(text, context);
      const ms = performance.now() - t0;
      latencies.push(ms);
      perMessage[i].push(ms);
      done++;
      if (performance.now() > deadline) break outer;
    }
  }
  const elapsed = (performance.now() - started) / 1000;
  const s = summarize(latencies);
  return {
    messagesPerSecond: round(done / elapsed, 1),
    p50Ms: s.p50,
    p99Ms: s.p99,
    maxMs: s.max,
    meanMs: s.mean,
    startupMs: round(median(startups.map((x) => x.startupMs))),
    startupDetail: {
      runs: startups.length,
      importMs: round(median(startups.map((x) => x.importMs))),
      loadModelsMs: round(median(startups.map((x) => x.loadMs))),
      firstAnalyzeMs: round(median(startups.map((x) => x.firstAnalyzeMs))),
      processUptimeMs: round(median(startups.map((x) => x.processUptimeMs))),
    },
    slowestMessages: perMessage
      .map((samples, i) => ({ medianMs: round(median(samples)), chars: CUSTOMER_MESSAGES[i].length, text: CUSTOMER_MESSAGES[i].slice(0, 60) }))
      .sort((a, b) => (b.medianMs ?? 0) - (a.medianMs ?? 0))
      .slice(0, 3),
    messages: CUSTOMER_MESSAGES.length,
    averageChars: round(CUSTOMER_MESSAGES.reduce((n, m) => n + m.length, 0) / CUSTOMER_MESSAGES.length, 1),
    analyzed: done,
    seconds: round(elapsed),
  };
}

/** Human-readable form. */
export function format(result: Record<string, unknown>): string {
  return keyValues(result);
}
