/**
 * `sales`: the sales figures and plans at scale. A fresh database gets a year of orders with 1,000,000 order lines (the
 * daily rollups rebuilt from them), 20 customer segments, 50 reps each covering a few segments, a history of closed
 * deals, 10,000 open deals of which 2,000 have no owner, and a year of agent messages; then the real server
 * (`switchboard start --demo`, its own process) answers over keep-alive HTTP as the admin: the sales summary for a year
 * by week and by product, the pipeline, a lead assignment of the 2,000 unowned deals (reps covering their segments,
 * then every rep covering any segment: the dense case), and an effort plan of 1,000 hours over the 20 segments.
 * Endpoints another slice has not landed answer 404: they are reported `unavailable` with the answer.
 */
import type { BenchArgs } from "./lib/args.ts";
import type { BenchDatabase } from "./lib/database.ts";
import { cachedSeed, fileDigest } from "./lib/seed-cache.ts";
import { loadAverage } from "./lib/proc.ts";
import { ADMIN_EMAIL, ADMIN_PASSWORD, AGENT_PASSWORD, login, nextMessage, progress, spawnTs, startRedis, startServer, stopChild, tempDir } from "./lib/processes.ts";
import { median, round, summarize } from "./lib/stats.ts";
import { keyValues } from "./lib/table.ts";

type Sizes = { lines: number; customers: number; segments: number; reps: number; repSegments: number; openOwned: number; unowned: number; closed: number; agentMessages: number };
type Seeded = { counts: Record<string, number>; capacityPerRep: number; seconds: number };
type Timed = { ms: number; status: number; body: string };

/** Why an endpoint cannot be measured (null when it answers 200). */
function unavailable(probe: Timed, what: string): string | null {
  return probe.status === 200 ? null : `${what} answered ${probe.status}: ${probe.body.slice(0, 200)}`;
}

async function seedSales(options: { dataDir: string; databaseUrl?: string } & Sizes): Promise<Seeded> {
  const { child, output } = spawnTs("bench/workers/sales-seed.ts");
  child.on("message", (m: { type?: string; line?: string }) => {
    if (m?.type === "progress" && m.line) progress(`seeding: ${m.line}`);
  });
  await nextMessage(child, "ready", 60_000, output);
  const done = nextMessage<Seeded & { type: string }>(child, "seeded", 3_600_000, output);
  child.send({ type: "seed", adminEmail: ADMIN_EMAIL, adminPassword: ADMIN_PASSWORD, agentPassword: AGENT_PASSWORD, ...options });
  const result = await done;
  await stopChild(child, 5000);
  progress(`seeded ${JSON.stringify(result.counts)} in ${result.seconds} s`);
  return { counts: result.counts, capacityPerRep: result.capacityPerRep, seconds: result.seconds };
}

/**
 * Runs the benchmark: `--lines 1000000 --open-deals 10000 --unowned 2000 --reps 50 --segments 20 --rep-segments 4
 * --budget-hours 1000 --requests 100 (per summary and pipeline kind, after --warmup 10) --plans 3 (lead-assignment and
 * effort runs, median) --db pglite|postgres --cache DIR`.
 */
export async function run(args: BenchArgs): Promise<Record<string, unknown>> {
  const unowned = args.num("unowned", 2000);
  const sizes: Sizes = {
    lines: args.num("lines", 1_000_000),
    customers: args.num("customers", 20_000),
    segments: Math.max(1, args.num("segments", 20)),
    reps: Math.max(1, args.num("reps", 50)),
    repSegments: args.num("rep-segments", 4),
    openOwned: Math.max(0, args.num("open-deals", 10_000) - unowned),
    unowned,
    closed: args.num("closed-deals", 20_000),
    agentMessages: args.num("agent-messages", 100_000),
  };
  const requests = Math.max(1, args.num("requests", 100));
  const warmup = args.num("warmup", 10);
  const plans = Math.max(1, args.num("plans", 3));
  const budgetHours = args.num("budget-hours", 1000);
  const redis = await startRedis();
  const data = tempDir("sales");
  let database: BenchDatabase | undefined;
  try {
    const kind = args.str("db", "pglite");
    const cached = await cachedSeed({
      name: "sales",
      kind,
      cacheDir: args.str("cache", ""),
      dataDir: data.dir,
      key: { sizes, seed: fileDigest("bench/workers/sales-seed.ts") },
      seed: (db) => seedSales({ dataDir: data.dir, databaseUrl: db.url, ...sizes }),
    });
    const prepared = { database: cached.database, seeded: { ...cached.seeded, fromCache: cached.fromCache } };
    database = prepared.database;
    const server = await startServer({ dataDir: data.dir, redisUrl: redis.url, databaseUrl: database.url, readyTimeoutMs: 600_000 });
    progress(`server ready in ${Math.round(server.readyMs)} ms (pid ${server.pid})`);
    try {
      const cookie = await login(server.url);
      const send = async (method: string, pathAndQuery: string, body?: unknown): Promise<Timed> => {
        const started = performance.now();
        const res = await fetch(server.url + pathAndQuery, {
          method,
          headers: { cookie, ...(body === undefined ? {} : { "content-type": "application/json" }) },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await res.text();
        return { ms: performance.now() - started, status: res.status, body: text };
      };
      const latency = async (pathAndQuery: string, what: string) => {
        const missing = unavailable(await send("GET", pathAndQuery), what);
        if (missing) return { p99Ms: null, unavailable: missing };
        for (let i = 0; i < warmup; i++) await send("GET", pathAndQuery);
        const samples: Timed[] = [];
        for (let i = 0; i < requests; i++) samples.push(await send("GET", pathAndQuery));
        const ok = samples.filter((s) => s.status === 200).map((s) => s.ms);
        const s = summarize(ok);
        return { p50Ms: round(s.p50), p99Ms: round(s.p99), maxMs: round(s.max), requests: samples.length, errors: samples.length - ok.length };
      };
      const loadAtMeasure = loadAverage();
      // A year of whole UTC days up to today included, as the console's dashboard asks (ISO dates).
      const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
      const yearBefore = new Date(Date.parse(tomorrow) - 365 * 86_400_000).toISOString().slice(0, 10);
      const period = `from=${yearBefore}&to=${tomorrow}`;
      const byWeek = await latency(`/api/v1/sales/summary?${period}&groupBy=week`, "GET /api/v1/sales/summary");
      progress(`summary by week: p99 ${byWeek.p99Ms ?? "–"} ms`);
      const byProduct = await latency(`/api/v1/sales/summary?${period}&groupBy=product`, "GET /api/v1/sales/summary");
      progress(`summary by product: p99 ${byProduct.p99Ms ?? "–"} ms`);
      const pipeline = await latency("/api/v1/deals/pipeline", "GET /api/v1/deals/pipeline");
      progress(`pipeline: p99 ${pipeline.p99Ms ?? "–"} ms`);

      const leadAssignment = async (label: string) => {
        const runs: { solveMs: number; wallMs: number; objectiveCents: number; baselineObjectiveCents: number; deals: number }[] = [];
        for (let i = 0; i < plans; i++) {
          const res = await send("POST", "/api/v1/sales/plans/lead-assignment", {});
          const missing = unavailable(res, "POST /api/v1/sales/plans/lead-assignment");
          if (missing) return { unavailable: missing };
          const plan = (JSON.parse(res.body) as { data: { solveMs: number; objectiveCents: number; baselineObjectiveCents: number; assignments: unknown[] } }).data;
          runs.push({ solveMs: plan.solveMs, wallMs: round(res.ms, 1), objectiveCents: plan.objectiveCents, baselineObjectiveCents: plan.baselineObjectiveCents, deals: plan.assignments.length });
          progress(`lead assignment (${label}) run ${i + 1}: solve ${plan.solveMs} ms, request ${Math.round(res.ms)} ms`);
        }
        return {
          deals: runs[0].deals,
          reps: sizes.reps,
          solveMs: round(median(runs.map((r) => r.solveMs))),
          requestMs: round(median(runs.map((r) => r.wallMs))),
          objectiveCents: runs[0].objectiveCents,
          baselineObjectiveCents: runs[0].baselineObjectiveCents,
          runs,
        };
      };
      const sparse = await leadAssignment(`${sizes.repSegments || "all"} segments per rep`);
      // The dense case: every rep covers every segment (50 candidate reps per deal).
      const reps = JSON.parse((await send("GET", "/api/v1/sales/plans/reps")).body) as { data?: { user: { id: string }; segments: string[] }[] };
      let dense: Record<string, unknown> = { unavailable: "GET /api/v1/sales/plans/reps did not answer" };
      if (reps.data && sizes.repSegments > 0) {
        const benchReps = reps.data.filter((r) => r.segments.length > 0);
        for (const r of benchReps) await send("PUT", `/api/v1/sales/plans/reps/${r.user.id}`, { segments: [] });
        dense = await leadAssignment("every rep any segment");
        for (const r of benchReps) await send("PUT", `/api/v1/sales/plans/reps/${r.user.id}`, { segments: r.segments });
      }

      const segments = Array.from({ length: sizes.segments }, (_, i) => `seg-${i + 1}`);
      const effortRuns: number[] = [];
      let effortMissing: string | null = null;
      let effortFirstMs: number | null = null;
      for (let i = 0; i <= plans && !effortMissing; i++) {
        const res = await send("POST", "/api/v1/sales/plans/effort", { budgetHours, segments });
        effortMissing = unavailable(res, "POST /api/v1/sales/plans/effort");
        // The first request reads the year's history (cached for 5 minutes): reported apart.
        if (i === 0) effortFirstMs = round(res.ms, 1);
        else effortRuns.push(res.ms);
      }
      progress(`effort: first ${effortFirstMs} ms, then median ${round(median(effortRuns))} ms`);
      return {
        summary: { p99Ms: byWeek.p99Ms === null || byProduct.p99Ms === null ? null : Math.max(byWeek.p99Ms, byProduct.p99Ms), byWeek, byProduct },
        pipeline,
        leadAssignment: sparse,
        leadAssignmentDense: dense,
        effort: effortMissing ? { ms: null, unavailable: effortMissing } : { ms: round(median(effortRuns)), firstMs: effortFirstMs, segments: sizes.segments, budgetHours, runs: effortRuns.map((ms) => round(ms, 1)) },
        seeding: { seconds: prepared.seeded.seconds, fromCache: prepared.seeded.fromCache },
        counts: prepared.seeded.counts,
        setup: {
          db: database.kind,
          ...sizes,
          capacityPerRep: prepared.seeded.capacityPerRep,
          requests,
          warmup,
          plans,
          loadAverageAtMeasure: loadAtMeasure,
          serverReadyMs: Math.round(server.readyMs),
          client: "one request at a time (fetch, keep-alive) as the admin (session cookie); latency = request sent → body read",
          summary: "GET /api/v1/sales/summary over the last 365 whole UTC days (ISO dates, as the console asks), groupBy=week and groupBy=product; p99Ms = the larger",
          leadAssignment: "POST /api/v1/sales/plans/lead-assignment {} (the unowned open deals); solveMs = HiGHS's own time (median of --plans runs), requestMs = the whole request",
          effort: "POST /api/v1/sales/plans/effort {budgetHours, segments: the 20}; ms = median of --plans requests after the first (which reads the history)",
        },
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
  return keyValues(result);
}
