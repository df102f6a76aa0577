/** `limits`: what the rate limits add to a widget message: the latency of one message check (per visitor and per address, in Redis) one at a time and with many visitors at once, on a private redis-server and with Redis down (the in-memory stand-in). */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Redis } from "ioredis";
import type { BenchArgs } from "./lib/args.ts";
import { freePort, progress, startRedis } from "./lib/processes.ts";
import { round, summarize } from "./lib/stats.ts";
import { keyValues } from "./lib/table.ts";
import { loadConfig } from "../src/config.ts";
import { createRateLimits, type RateLimits } from "../src/limits/index.ts";

async function sequential(limits: RateLimits, n: number): Promise<Record<string, unknown>> {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    await limits.widgetMessage(`visitor-${i}`, `10.0.${(i >> 8) & 255}.${i & 255}`);
    samples.push(performance.now() - started);
  }
  const s = summarize(samples);
  return { checks: n, p50Ms: round(s.p50, 3), p99Ms: round(s.p99, 3), maxMs: round(s.max, 3) };
}

async function concurrent(limits: RateLimits, visitors: number, rounds: number): Promise<Record<string, unknown>> {
  const started = performance.now();
  for (let r = 0; r < rounds; r++) {
    await Promise.all(Array.from({ length: visitors }, (_, i) => limits.widgetMessage(`c-${r}-${i}`, `10.1.${(i >> 8) & 255}.${i & 255}`)));
  }
  const seconds = (performance.now() - started) / 1000;
  return { visitors, checks: visitors * rounds, checksPerSec: Math.round((visitors * rounds) / seconds) };
}

/** Runs the benchmark: `--n` sequential checks (default 5000), `--visitors` checked at once (default 200) for `--rounds` (default 25). */
export async function run(args: BenchArgs): Promise<Record<string, unknown>> {
  const n = args.num("n", 5000);
  const visitors = args.num("visitors", 200);
  const rounds = args.num("rounds", 25);
  // The production defaults (burst included), so a check costs what it costs in the product.
  const settings = loadConfig({ DATA_DIR: mkdtempSync(path.join(tmpdir(), "switchboard-bench-limits-")) }).rateLimits;
  const redisServer = await startRedis();
  const up = new Redis(redisServer.url, { maxRetriesPerRequest: 2 });
  const down = new Redis(`redis://127.0.0.1:${await freePort()}`, { maxRetriesPerRequest: 1 });
  down.on("error", () => undefined);
  try {
    // Until the connection is ready the limits would run on the in-memory stand-in.
    await up.ping();
    const withRedis = createRateLimits(up, "bench", settings);
    await sequential(withRedis, 500); // warm-up: connection, Lua script load, JIT
    progress("limits: Redis up");
    if (up.status !== "ready") throw new Error("Redis connection not ready");
    const redisUp = { sequential: await sequential(withRedis, n), concurrent: await concurrent(withRedis, visitors, rounds) };
    const inMemory = createRateLimits(down, "bench", settings);
    progress("limits: Redis down");
    const redisDown = { sequential: await sequential(inMemory, n), concurrent: await concurrent(inMemory, visitors, rounds) };
    return { redisUp, redisDown, method: "limits.widgetMessage(visitor, address) with the default limits (per visitor 1/1 + burst 10/60, per address 300/60), fresh keys each call, private redis-server" };
  } finally {
    up.disconnect();
    down.disconnect();
    await redisServer.stop();
  }
}

/** Human-readable form. */
export function format(result: Record<string, unknown>): string {
  return keyValues(result);
}
