/** `e2e`: N widget customers (socket.io clients in worker processes) against the real server, each sending at a fixed rate and timing the bot's reply; the same load against a bare socket.io echo server; then the highest rate whose p99 stays ≤ 100 ms. */
import type { BenchArgs } from "./lib/args.ts";
import { connectClients, type LoadResult } from "./lib/clients.ts";
import { meterProcess } from "./lib/proc.ts";
import { nextMessage, progress, spawnTs, startRedis, startServer, stopChild, tempDir } from "./lib/processes.ts";
import { monotonicUs, type ProfileWindow } from "./lib/profile.ts";
import { benchDatabase } from "./lib/database.ts";
import { serverProfiler } from "./lib/server-profile.ts";
import { round, summarize } from "./lib/stats.ts";
import { keyValues, table } from "./lib/table.ts";
import { BOT_ANSWERED_MESSAGES } from "./data/messages.ts";

const workersFor = (n: number): number => Math.min(4, Math.max(1, Math.ceil(n / 250)));

type Summary = ReturnType<typeof summarize>;
type TimelineStep = { second: number; answered: number; p50Ms: number | null; p99Ms: number | null; maxMs: number | null };
type Measured = LoadResult & {
  p50: number | null;
  p99: number | null;
  max: number | null;
  ack: Summary;
  firstMessages: Summary;
  laterMessages: Summary;
  timeline: TimelineStep[];
  cpuCores: number;
  /** CPU time of the server process (all its threads: the event loop and PGlite's) per answered message. */
  cpuMsPerExchange: number | null;
  rssMB: number;
  peakRssMB: number;
  connectFailed: number;
};

/** Reply latencies grouped by the second of the run in which their message was sent. */
function timelineOf(result: LoadResult): TimelineStep[] {
  const bySecond: number[][] = [];
  result.latencies.forEach((ms, i) => {
    const second = Math.floor(result.sentOffsets[i] / 1000);
    (bySecond[second] ??= []).push(ms);
  });
  return Array.from(bySecond, (samples = [], second) => {
    const s = summarize(samples);
    return { second, answered: s.count, p50Ms: s.p50, p99Ms: s.p99, maxMs: s.max };
  });
}

// Load phases against our server, so that --profile summarises them without the startup.
const windows: ProfileWindow[] = [];

async function measure(url: string, pid: number, n: number, ratePerSec: number, seconds: number, drainMs: number, label: string): Promise<Measured> {
  const pool = await connectClients({ url, count: n, workers: workersFor(n), idPrefix: `${label}-${Date.now().toString(36)}-`, concurrency: 50 });
  try {
    if (pool.failed > 0) progress(`${label}: ${pool.failed} of ${n} connections failed: ${JSON.stringify(pool.errors)}`);
    const meter = meterProcess(pid);
    const from = monotonicUs();
    const result = await pool.load({ ratePerSec, seconds, texts: BOT_ANSWERED_MESSAGES, drainMs });
    if (!label.startsWith("echo") && !label.startsWith("warmup")) windows.push([from, monotonicUs()]);
    const usage = meter.stop();
    const s = summarize(result.latencies);
    const firstMessages = summarize(result.latencies.filter((_, i) => result.firstMessage[i]));
    const laterMessages = summarize(result.latencies.filter((_, i) => !result.firstMessage[i]));
    progress(
      `${label} n=${n} rate=${ratePerSec}/s: sent ${result.sent}, answered ${result.answered}, lost ${result.lost}, p50 ${s.p50} ms, p99 ${s.p99} ms, max ${s.max} ms (first messages p50 ${firstMessages.p50} / p99 ${firstMessages.p99} ms, later p50 ${laterMessages.p50} / p99 ${laterMessages.p99} ms), cpu ${usage.cpuCores} cores (${result.answered ? round((usage.cpuSeconds * 1000) / result.answered, 2) : "-"} ms per exchange), rss ${usage.rssMB} MB`,
    );
    return {
      ...result,
      p50: s.p50,
      p99: s.p99,
      max: s.max,
      ack: summarize(result.ackLatencies),
      firstMessages,
      laterMessages,
      timeline: timelineOf(result),
      cpuCores: usage.cpuCores,
      cpuMsPerExchange: result.answered ? round((usage.cpuSeconds * 1000) / result.answered, 2) : null,
      rssMB: usage.rssMB,
      peakRssMB: usage.peakRssMB,
      connectFailed: pool.failed,
    };
  } finally {
    await pool.close();
  }
}

/** Runs the benchmark: `--n 1,50,200,1000` customers, `--rate 0.5` messages per customer per second, `--seconds 20` per run, `--ramp-n`, `--ramp-rates 0.005,0.01,0.025,0.05,0.1,0.25,0.5,1,2,4,8,16`, `--ramp-seconds`, `--drain 15` seconds to wait for late replies, `--warmup 4` seconds (0 skips), `--db pglite|postgres`, `--profile` (profiles the server of the largest N). */
export async function run(args: BenchArgs): Promise<Record<string, unknown>> {
  const ns = args.nums("n", [1, 50, 200, 1000]);
  const seconds = args.num("seconds", 20);
  const rate = args.num("rate", 0.5);
  const drainMs = args.num("drain", 15) * 1000;
  const rampN = args.num("ramp-n", ns.includes(200) ? 200 : Math.max(...ns));
  const rampRates = args.nums("ramp-rates", [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 16]);
  const rampSeconds = args.num("ramp-seconds", Math.min(seconds, 10));
  const warmupSeconds = args.num("warmup", 4);
  const dbKind = args.str("db", "pglite");
  const profiler = serverProfiler(args.flag("profile"), "e2e");
  const profiledN = Math.max(...ns);

  // Each N (and the ramp) gets a fresh server, database and Redis: an overloaded run leaves thousands of owed answers behind that would spill into the next one.
  const withServer = async <T>(label: string, profiled: boolean, body: (server: { url: string; pid: number }) => Promise<T>): Promise<T> => {
    const database = benchDatabase(dbKind);
    const redis = await startRedis();
    const data = tempDir("e2e");
    const server = await startServer({ dataDir: data.dir, redisUrl: redis.url, cpuProfDir: profiled ? profiler.dir : undefined, databaseUrl: database.url });
    progress(`${label}: server ready in ${Math.round(server.readyMs)} ms (pid ${server.pid})`);
    try {
      // Warm-up (JIT, caches, lazy loads): a few gentle messages, not counted.
      if (warmupSeconds > 0) await measure(server.url, server.pid, 5, 0.5, warmupSeconds, 10_000, "warmup");
      return await body(server);
    } finally {
      await server.stop();
      await redis.stop();
      data.remove();
      database.drop();
    }
  };

  const echoProcess = spawnTs("bench/workers/echo-server.ts");
  const { port: echoPort } = await nextMessage<{ type: string; port: number }>(echoProcess.child, "listening", 60_000, echoProcess.output);
  const echoUrl = `http://127.0.0.1:${echoPort}`;

  const runs: Record<string, unknown>[] = [];
  const ramp: Record<string, unknown>[] = [];
  let maxRate: { n: number; ratePerClientPerSec: number; totalPerSec: number; p99Ms: number | null } | null = null;
  let profile: unknown;
  try {
    if (warmupSeconds > 0) await measure(echoUrl, echoProcess.child.pid!, 5, 0.5, warmupSeconds, 5000, "warmup-echo");
    // Rates ascend on one server and stop at the first that fails, so a failed step's backlog never reaches a later one.
    let rampDone = false;
    const runRamp = async (server: { url: string; pid: number }): Promise<void> => {
      rampDone = true;
      for (const r of rampRates) {
        const m = await measure(server.url, server.pid, rampN, r, rampSeconds, drainMs, "ramp");
        const ok = m.lost === 0 && m.p99 !== null && m.p99 <= 100;
        ramp.push({ n: rampN, ratePerClientPerSec: r, totalPerSec: round(rampN * r, 2), sent: m.sent, lost: m.lost, p50Ms: m.p50, p99Ms: m.p99, serverCpuCores: m.cpuCores, serverCpuMsPerExchange: m.cpuMsPerExchange, ok });
        if (!ok) break;
        maxRate = { n: rampN, ratePerClientPerSec: r, totalPerSec: round(rampN * r, 2), p99Ms: m.p99 };
      }
    };
    for (const [index, n] of ns.entries()) {
      const ours = await withServer(`n=${n}`, n === profiledN, async (server) => {
        const measured = await measure(server.url, server.pid, n, rate, seconds, drainMs, "switchboard");
        // The last run's server is reused for the ramp when it kept up (nothing lost, so no backlog): one server start less.
        if (index === ns.length - 1 && measured.lost === 0 && !(args.flag("profile") && n === profiledN)) await runRamp(server);
        return measured;
      });
      const echo = await measure(echoUrl, echoProcess.child.pid!, n, rate, seconds, drainMs, "echo");
      runs.push({
        n,
        ratePerClientPerSec: rate,
        seconds,
        sent: ours.sent,
        answered: ours.answered,
        lost: ours.lost,
        p50Ms: ours.p50,
        p99Ms: ours.p99,
        maxMs: ours.max,
        echoP50Ms: echo.p50,
        echoP99Ms: echo.p99,
        ratioP50: ours.p50 !== null && echo.p50 ? round(ours.p50 / echo.p50, 1) : null,
        ackP50Ms: ours.ack.p50,
        ackP99Ms: ours.ack.p99,
        firstMessageP50Ms: ours.firstMessages.p50,
        firstMessageP99Ms: ours.firstMessages.p99,
        laterMessagesP50Ms: ours.laterMessages.p50,
        laterMessagesP99Ms: ours.laterMessages.p99,
        ackErrors: ours.ackErrors,
        ackErrorCodes: ours.ackErrorCodes,
        unsolicited: ours.unsolicited,
        connectFailed: ours.connectFailed,
        serverCpuCores: ours.cpuCores,
        serverCpuMsPerExchange: ours.cpuMsPerExchange,
        serverRssMB: ours.rssMB,
        serverPeakRssMB: ours.peakRssMB,
        echoLost: echo.lost,
        echoCpuCores: echo.cpuCores,
        timeline: ours.timeline,
      });
    }

    if (!rampDone) await withServer(`ramp n=${rampN}`, false, runRamp);
  } finally {
    await stopChild(echoProcess.child, 2000);
    profile = profiler.report(windows);
  }
  return {
    runs,
    maxRateP99Under100ms: maxRate ? (maxRate as { totalPerSec: number }).totalPerSec : 0,
    maxRateDetail: maxRate,
    ramp,
    setup: {
      server: `node bin/switchboard.js start (separate process, fresh ${dbKind === "pglite" ? "PGlite DATA_DIR" : "database on the local PostgreSQL"} and private redis-server per N and for the ramp)`,
      database: dbKind,
      clients: "socket.io-client over websocket in worker processes (≤250 customers each); latency = emit of message:send → first bot message:new",
      firstMessage: "firstMessage* = each customer's first message of the run (it creates the customer and the conversation); laterMessages* = the rest; timeline = latencies by the second of the run their message was sent in",
      maxRate: "maxRateP99Under100ms = messages per second in total (rampN × per-client rate) of the highest ramp step with p99 ≤ 100 ms and nothing lost",
      cpu: "serverCpuMsPerExchange = CPU time (user + system, all threads, from /proc/<pid>/stat) the server process used during the load phase, drain included, divided by the answered messages",
      texts: BOT_ANSWERED_MESSAGES,
      drainSeconds: drainMs / 1000,
    },
    ...(profile ? { profile } : {}),
  };
}

/** Human-readable form. */
export function format(result: Record<string, unknown>): string {
  const { runs, ramp, ...rest } = result as { runs: Record<string, unknown>[]; ramp: Record<string, unknown>[]; maxRateP99Under100ms?: unknown; maxRateDetail?: unknown };
  return [
    table(runs, ["n", "ratePerClientPerSec", "sent", "answered", "lost", "p50Ms", "p99Ms", "maxMs", "echoP50Ms", "echoP99Ms", "ratioP50", "firstMessageP99Ms", "laterMessagesP99Ms", "ackP99Ms", "serverCpuCores", "serverCpuMsPerExchange", "serverRssMB"]),
    "",
    "rate ramp:",
    table(ramp),
    "",
    keyValues({ maxRateP99Under100ms: rest.maxRateP99Under100ms, maxRateDetail: rest.maxRateDetail }),
  ].join("\n");
}
