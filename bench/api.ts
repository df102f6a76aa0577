/** `api`: GET /api/v1/conversations (a page of 50) and POST an agent reply at 50 concurrent keep-alive connections against a server whose PGlite DATA_DIR holds 100,000 messages; the same load against a bare express endpoint. */
import type { BenchArgs } from "./lib/args.ts";
import { httpLoad, type LoadOutcome } from "./lib/http-load.ts";
import { meterProcess } from "./lib/proc.ts";
import { login, nextMessage, progress, spawnTs, startRedis, startServer, stopChild, tempDir } from "./lib/processes.ts";
import { seedDataDir } from "./lib/seed.ts";
import { benchDatabase } from "./lib/database.ts";
import { monotonicUs, type ProfileWindow } from "./lib/profile.ts";
import { serverProfiler } from "./lib/server-profile.ts";
import { keyValues, table } from "./lib/table.ts";

type Phase = LoadOutcome & { serverCpuCores: number; serverRssMB: number };

/** Runs the benchmark: `--n 50` connections, `--seconds 10` per phase, `--messages 100000` seeded (over `--conversations`, default messages/10), `--db pglite|postgres`, `--analyze` (ANALYZE after seeding: what the proposed fix would do), `--profile`. */
export async function run(args: BenchArgs): Promise<Record<string, unknown>> {
  const connections = args.num("n", 50);
  const seconds = args.num("seconds", 10);
  const messages = args.num("messages", 100_000);
  const conversations = args.num("conversations", Math.max(1, Math.round(messages / 10)));
  const warmupSeconds = Math.min(2, seconds);
  const profiler = serverProfiler(args.flag("profile"), "api");

  const database = benchDatabase(args.str("db", "pglite"));
  const redis = await startRedis();
  const data = tempDir("api");
  const seeded = await seedDataDir({ dataDir: data.dir, messages, conversations, status: "mixed", databaseUrl: database.url, analyze: args.flag("analyze") });
  const server = await startServer({ dataDir: data.dir, redisUrl: redis.url, cpuProfDir: profiler.dir, databaseUrl: database.url });
  progress(`server ready in ${Math.round(server.readyMs)} ms (pid ${server.pid})`);
  const baselineProcess = spawnTs("bench/workers/express-baseline.ts");
  const { port: baselinePort } = await nextMessage<{ type: string; port: number }>(baselineProcess.child, "listening", 60_000, baselineProcess.output);

  const port = Number(new URL(server.url).port);
  const cookie = await login(server.url);
  const ids = seeded.conversationIds ?? [];
  const windows: ProfileWindow[] = [];
  const phase = async (label: string, target: { port: number; pid: number }, next: (i: number) => { method: string; path: string; body?: string; headers?: Record<string, string> }): Promise<Phase> => {
    await httpLoad({ port: target.port, connections, seconds: warmupSeconds, next });
    const meter = meterProcess(target.pid);
    const from = monotonicUs();
    const outcome = await httpLoad({ port: target.port, connections, seconds, next });
    if (target.pid === server.pid) windows.push([from, monotonicUs()]);
    const usage = meter.stop();
    progress(`${label}: ${outcome.rps} req/s, p50 ${outcome.p50Ms} ms, p99 ${outcome.p99Ms} ms, errors ${outcome.errors} ${JSON.stringify(outcome.statusCounts)}, cpu ${usage.cpuCores}`);
    return { ...outcome, serverCpuCores: usage.cpuCores, serverRssMB: usage.rssMB };
  };

  let list: Phase, reply: Phase, baseline: Phase;
  let profile: unknown;
  try {
    list = await phase("list", { port, pid: server.pid }, () => ({ method: "GET", path: "/api/v1/conversations?limit=50", headers: { cookie } }));
    reply = await phase("reply", { port, pid: server.pid }, (i) => ({
      method: "POST",
      path: `/api/v1/conversations/${ids[i % ids.length]}/messages`,
      headers: { cookie },
      body: JSON.stringify({ text: `Agent reply ${i}: your order has shipped and should arrive on Thursday.` }),
    }));
    baseline = await phase("baseline", { port: baselinePort, pid: baselineProcess.child.pid! }, () => ({ method: "GET", path: "/api/v1/ping" }));
  } finally {
    await stopChild(baselineProcess.child, 2000);
    await server.stop();
    await redis.stop();
    data.remove();
    database.drop();
    profile = profiler.report(windows);
  }
  const brief = (p: Phase): Record<string, unknown> => ({ rps: p.rps, p99Ms: p.p99Ms, p50Ms: p.p50Ms, maxMs: p.maxMs, requests: p.requests, errors: p.errors, statusCounts: p.statusCounts, serverCpuCores: p.serverCpuCores, serverRssMB: p.serverRssMB });
  return {
    list: brief(list),
    reply: brief(reply),
    baseline: brief(baseline),
    ratio: {
      listRps: list.rps && baseline.rps ? Math.round((baseline.rps / list.rps) * 10) / 10 : null,
      listP99: list.p99Ms && baseline.p99Ms ? Math.round((list.p99Ms / baseline.p99Ms) * 10) / 10 : null,
      replyRps: reply.rps && baseline.rps ? Math.round((baseline.rps / reply.rps) * 10) / 10 : null,
    },
    setup: {
      connections,
      secondsPerPhase: seconds,
      analyzed: args.flag("analyze"),
      seededMessages: seeded.messages,
      seededConversations: seeded.conversations,
      database:
        database.kind === "pglite"
          ? "PGlite in the server's DATA_DIR, filled by bench/workers/seed.ts with set-based SQL before the server starts"
          : "throw-away database on the local PostgreSQL server (DATABASE_URL), filled by bench/workers/seed.ts before the server starts",
      load: "bench/lib/http-load.ts: node:http keep-alive agent, closed loop (autocannon is not installed)",
      list: "GET /api/v1/conversations?limit=50 (status open = bot + handoff)",
      reply: "POST /api/v1/conversations/:id/messages over 2,000 conversations in turn",
      baseline: "GET on a bare express 5 app returning a small JSON object (own process)",
    },
    ...(profile ? { profile } : {}),
  };
}

/** Human-readable form. */
export function format(result: Record<string, unknown>): string {
  const r = result as Record<string, Record<string, unknown>>;
  return [
    table(
      ["list", "reply", "baseline"].map((k) => ({ endpoint: k, ...r[k] })),
      ["endpoint", "rps", "p50Ms", "p99Ms", "maxMs", "requests", "errors", "serverCpuCores"],
    ),
    "",
    keyValues({ ratio: r.ratio, ...r.setup }),
  ].join("\n");
}
