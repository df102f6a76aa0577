/** A small closed-loop HTTP load generator (autocannon is not installed): `connections` keep-alive sockets, each sending its next request as soon as the previous answer arrived. */
import http from "node:http";
import { summarize, round } from "./stats.ts";

/** One request to send: method, path (with query), optional JSON body and headers. */
export type RequestSpec = { method: string; path: string; body?: string; headers?: Record<string, string> };

/** Outcome of a load run. */
export type LoadOutcome = { requests: number; errors: number; statusCounts: Record<string, number>; rps: number; p50Ms: number | null; p99Ms: number | null; maxMs: number | null; meanMs: number | null; seconds: number };

/** Drives `connections` concurrent keep-alive loops against 127.0.0.1:port for `seconds` (and at most `maxRequests`); `next(i)` builds the i-th request. */
export async function httpLoad(options: { port: number; connections: number; seconds: number; maxRequests?: number; next: (i: number) => RequestSpec }): Promise<LoadOutcome> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections, maxFreeSockets: options.connections });
  const latencies: number[] = [];
  const statusCounts: Record<string, number> = {};
  let errors = 0;
  let issued = 0;
  const maxRequests = options.maxRequests ?? Number.MAX_SAFE_INTEGER;
  const started = performance.now();
  const deadline = started + options.seconds * 1000;

  const one = (spec: RequestSpec): Promise<void> =>
    new Promise((resolve) => {
      const t0 = performance.now();
      const headers: Record<string, string> = { ...(spec.headers ?? {}) };
      if (spec.body !== undefined) {
        headers["content-type"] = "application/json";
        headers["content-length"] = String(Buffer.byteLength(spec.body));
      }
      const req = http.request({ host: "127.0.0.1", port: options.port, method: spec.method, path: spec.path, headers, agent, timeout: 30_000 }, (res) => {
        res.on("data", () => undefined);
        res.on("end", () => {
          const status = String(res.statusCode);
          statusCounts[status] = (statusCounts[status] ?? 0) + 1;
          if ((res.statusCode ?? 0) >= 400) errors++;
          latencies.push(performance.now() - t0);
          resolve();
        });
        res.on("error", () => {
          errors++;
          resolve();
        });
      });
      req.on("timeout", () => req.destroy(new Error("timeout")));
      req.on("error", () => {
        errors++;
        statusCounts.error = (statusCounts.error ?? 0) + 1;
        resolve();
      });
      req.end(spec.body);
    });

  const loop = async (): Promise<void> => {
    while (performance.now() < deadline && issued < maxRequests) {
      await one(options.next(issued++));
    }
  };
  await Promise.all(Array.from({ length: options.connections }, loop));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  const s = summarize(latencies);
  return { requests: latencies.length, errors, statusCounts, rps: round(latencies.length / seconds, 1), p50Ms: s.p50, p99Ms: s.p99, maxMs: s.max, meanMs: s.mean, seconds: round(seconds) };
}
