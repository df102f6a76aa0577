/** `connections`: 10,000 idle widget connections held by one server process (open-files limit raised), from several client processes: connect time, server RSS per connection, and a broadcast that must reach each of them. */
import type { BenchArgs } from "./lib/args.ts";
import { connectClients, visitorIdsFor } from "./lib/clients.ts";
import { httpLoad } from "./lib/http-load.ts";
import { procSnapshot } from "./lib/proc.ts";
import { login, openFilesLimit, progress, sleep, startRedis, startServer, tempDir } from "./lib/processes.ts";
import { seedDataDir } from "./lib/seed.ts";
import { benchDatabase } from "./lib/database.ts";
import { serverProfiler } from "./lib/server-profile.ts";
import { round } from "./lib/stats.ts";
import { keyValues } from "./lib/table.ts";

async function steadyRssKB(pid: number, samples = 5, gapMs = 200): Promise<number> {
  const values: number[] = [];
  for (let i = 0; i < samples; i++) {
    values.push(procSnapshot(pid)?.rssKB ?? 0);
    await sleep(gapMs);
  }
  return values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

/** Runs the benchmark: `--n 10000` connections over `--workers 4` client processes, `--settle 5` seconds before measuring RSS, `--broadcast 1000|all` conversations (evenly spread) that get an agent reply, `--seconds` caps the broadcast phase (default 300). */
export async function run(args: BenchArgs): Promise<Record<string, unknown>> {
  const connections = args.num("n", 10_000);
  const workers = args.num("workers", Math.min(4, Math.max(1, Math.ceil(connections / 2500))));
  const settleMs = args.num("settle", 5) * 1000;
  const broadcastCap = args.str("broadcast", "1000") === "all" ? connections : Math.min(connections, args.num("broadcast", 1000));
  const broadcastSeconds = args.num("seconds", 300);
  const profiler = serverProfiler(args.flag("profile"), "connections");

  const idPrefix = `conn-${Date.now().toString(36)}-`;
  const visitorIds = visitorIdsFor(idPrefix, connections, workers);
  const database = benchDatabase(args.str("db", "pglite"));
  const redis = await startRedis();
  const data = tempDir("connections");
  // Every visitor gets a conversation beforehand (in a handoff state, so the bot stays quiet) so that an agent can write into each one.
  const seeded = await seedDataDir({ dataDir: data.dir, messages: 0, visitorIds, status: "handoff", databaseUrl: database.url });
  const server = await startServer({ dataDir: data.dir, redisUrl: redis.url, ulimit: 65535, cpuProfDir: profiler.dir, databaseUrl: database.url });
  const fdLimit = openFilesLimit(server.pid);
  progress(`server ready in ${Math.round(server.readyMs)} ms (pid ${server.pid}, open files limit ${fdLimit})`);
  const cookie = await login(server.url);

  let result: Record<string, unknown>;
  let profile: unknown;
  try {
    await sleep(2000);
    const rssBeforeKB = await steadyRssKB(server.pid);
    progress(`connecting ${connections} idle customers from ${workers} processes…`);
    const pool = await connectClients({ url: server.url, count: connections, workers, idPrefix, concurrency: 100, timeoutMs: 60_000 });
    progress(`connected ${pool.connected} (failed ${pool.failed}) in ${round(pool.connectMs / 1000)} s ${pool.failed ? JSON.stringify(pool.errors) : ""}`);
    try {
      await sleep(settleMs);
      const rssAfterKB = await steadyRssKB(pool.connected > 0 ? server.pid : server.pid);
      const rssPerConnectionKB = pool.connected > 0 ? round((rssAfterKB - rssBeforeKB) / pool.connected, 1) : null;
      progress(`server RSS ${Math.round(rssBeforeKB / 1024)} MB → ${Math.round(rssAfterKB / 1024)} MB: ${rssPerConnectionKB} KB per connection`);

      // An agent replies over REST into each conversation; the server broadcasts "message:new" to the visitor's widget room.
      const ids = (seeded.conversationIds ?? []).filter((_, i) => i % Math.max(1, Math.floor(connections / broadcastCap)) === 0).slice(0, broadcastCap);
      const port = Number(new URL(server.url).port);
      const posted = await httpLoad({
        port,
        connections: 20,
        seconds: broadcastSeconds,
        maxRequests: ids.length,
        next: (i) => ({ method: "POST", path: `/api/v1/conversations/${ids[i]}/messages`, headers: { cookie }, body: JSON.stringify({ text: `Hello from the connections benchmark (${i})` }) }),
      });
      progress(`posted ${posted.requests} agent replies in ${posted.seconds} s (${posted.rps}/s, errors ${posted.errors})`);
      const wanted = posted.requests - posted.errors;
      let report = await pool.broadcastReport();
      const deadline = performance.now() + 15_000;
      while (report.receivedAgentMessage < wanted && performance.now() < deadline) {
        await sleep(500);
        report = await pool.broadcastReport();
      }
      progress(`broadcast received by ${report.receivedAgentMessage} of ${wanted}; still connected ${report.connected}, disconnects ${report.disconnects}`);
      result = {
        connections: pool.connected,
        requested: connections,
        connectFailed: pool.failed,
        connectErrors: pool.errors,
        connectSeconds: round(pool.connectMs / 1000),
        rssPerConnectionKB,
        serverRssBeforeMB: round(rssBeforeKB / 1024, 1),
        serverRssAfterMB: round(rssAfterKB / 1024, 1),
        broadcastReceived: report.receivedAgentMessage,
        broadcastSent: wanted,
        broadcastAllReceived: wanted > 0 && report.receivedAgentMessage === wanted,
        broadcastSeconds: posted.seconds,
        broadcastPostRps: posted.rps,
        stillConnected: report.connected,
        disconnects: report.disconnects,
        openFilesLimit: fdLimit,
        database: database.kind,
        clientProcesses: workers,
        check: "each conversation (one per connected visitor, seeded before start) gets an agent reply via POST /api/v1/conversations/:id/messages; broadcastReceived counts clients that got it as message:new",
      };
    } finally {
      await pool.close();
    }
  } finally {
    await server.stop();
    await redis.stop();
    data.remove();
    database.drop();
    profile = profiler.report();
  }
  return { ...result, ...(profile ? { profile } : {}) };
}

/** Human-readable form. */
export function format(result: Record<string, unknown>): string {
  return keyValues(result);
}
