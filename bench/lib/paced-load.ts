/**
 * An open-loop HTTP load at a fixed rate: request i leaves at start + i/rate whatever the earlier ones are doing, so a
 * slow answer cannot hold the next requests back (no coordinated omission); latency is counted from the scheduled time.
 */
import http from "node:http";
import { round, summarize } from "./stats.ts";
import type { RequestSpec } from "./http-load.ts";

/** Outcome of a paced run. */
export type PacedOutcome = { targetRps: number; rps: number; requests: number; errors: number; statusCounts: Record<string, number>; p50Ms: number | null; p99Ms: number | null; maxMs: number | null; seconds: number };

/** Sends `rate` requests a second for `seconds` to 127.0.0.1:port (`next(i)` builds the i-th) and waits for every answer. */
export async function pacedLoad(options: { port: number; rate: number; seconds: number; next: (i: number) => RequestSpec }): Promise<PacedOutcome> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const latencies: number[] = [];
  const statusCounts: Record<string, number> = {};
  let errors = 0;
  const total = Math.round(options.rate * options.seconds);
  const started = performance.now();
  const pending: Promise<void>[] = [];
  const one = (spec: RequestSpec, scheduled: number): Promise<void> =>
    new Promise((resolve) => {
      const headers: Record<string, string> = { ...(spec.headers ?? {}) };
      if (spec.body !== undefined) {
        headers["content-type"] ??= "application/json";
        headers["content-length"] = String(Buffer.byteLength(spec.body));
      }
      const count = (status: string): void => {
        statusCounts[status] = (statusCounts[status] ?? 0) + 1;
      };
      const req = http.request({ host: "127.0.0.1", port: options.port, method: spec.method, path: spec.path, headers, agent, timeout: 30_000 }, (res) => {
        res.on("data", () => undefined);
        res.on("end", () => {
          count(String(res.statusCode));
          if ((res.statusCode ?? 0) >= 400) errors++;
          latencies.push(performance.now() - scheduled);
          resolve();
        });
      });
      req.on("timeout", () => req.destroy(new Error("timeout")));
      req.on("error", () => {
        errors++;
        count("error");
        resolve();
      });
      req.end(spec.body);
    });
  for (let i = 0; i < total; i++) {
    const scheduled = started + (i * 1000) / options.rate;
    const wait = scheduled - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(one(options.next(i), scheduled));
  }
  await Promise.all(pending);
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  const s = summarize(latencies);
  return { targetRps: options.rate, rps: round(latencies.length / seconds, 1), requests: latencies.length, errors, statusCounts, p50Ms: s.p50, p99Ms: s.p99, maxMs: s.max, seconds: round(seconds) };
}
