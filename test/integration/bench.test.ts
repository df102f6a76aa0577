/** Each benchmark (`npm run bench -- <name> --json`) starts, stops by itself on a tiny run, and prints one JSON object with the documented fields. Figures are not asserted: timing belongs in bench/. */
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Runs bench/run.ts with --json and returns its stdout parsed (it must be exactly one JSON line). */
function bench(name: string, args: string[]): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "bench/run.ts", name, "--json", ...args], {
      cwd: root,
      env: { ...process.env, LOG_LEVEL: "warn" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code !== 0) return reject(new Error(`bench ${name} exited with ${code}:\n${stderr}`));
      const lines = stdout.trim().split("\n");
      if (lines.length !== 1) return reject(new Error(`bench ${name} printed ${lines.length} lines on stdout, expected one JSON object:\n${stdout.slice(0, 2000)}`));
      try {
        resolve(JSON.parse(lines[0]) as Record<string, unknown>);
      } catch (error) {
        reject(new Error(`bench ${name} did not print valid JSON: ${String(error)}\n${stdout.slice(0, 2000)}`));
      }
    });
  });
}

const isNumber = expect.any(Number);
const numberOrNull = (value: unknown): boolean => value === null || typeof value === "number";

// They run side by side (each starts its own server, Redis and clients on free ports) to keep the file short.
describe.concurrent("benchmarks print their documented JSON on a tiny run", () => {
  it("nlp prints messagesPerSecond, p50Ms, p99Ms and startupMs", { timeout: 600_000 }, async () => {
    const r = await bench("nlp", ["--n", "1", "--seconds", "2", "--startup-runs", "1"]);
    expect(r).toMatchObject({ benchmark: "nlp", messagesPerSecond: isNumber, p50Ms: isNumber, p99Ms: isNumber, startupMs: isNumber });
    expect(r.messagesPerSecond).toBeGreaterThan(0);
  });

  it("e2e prints one run per N with sent, answered, lost, latencies and the echo baseline, and maxRateP99Under100ms", { timeout: 600_000 }, async () => {
    const r = await bench("e2e", ["--n", "2", "--seconds", "2", "--warmup", "0", "--ramp-rates", "1", "--ramp-seconds", "1", "--drain", "8"]);
    const runs = r.runs as Record<string, unknown>[];
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ n: 2, ratePerClientPerSec: isNumber, sent: isNumber, answered: isNumber, lost: isNumber });
    for (const key of ["p50Ms", "p99Ms", "maxMs", "echoP50Ms", "echoP99Ms", "ratioP50"]) expect(numberOrNull(runs[0][key]), key).toBe(true);
    expect(runs[0].sent).toBeGreaterThan(0);
    expect(r.maxRateP99Under100ms).toEqual(isNumber);
  });

  it("connections prints connections, connectSeconds, rssPerConnectionKB and broadcastReceived", { timeout: 600_000 }, async () => {
    const r = await bench("connections", ["--n", "20", "--broadcast", "5", "--settle", "1", "--seconds", "30"]);
    expect(r).toMatchObject({ connections: 20, connectSeconds: isNumber, rssPerConnectionKB: isNumber, broadcastReceived: isNumber });
    expect(r.broadcastReceived).toBe(r.broadcastSent);
  });

  it("api prints rps and p99Ms for list, reply and the express baseline", { timeout: 600_000 }, async () => {
    const r = await bench("api", ["--n", "4", "--seconds", "1", "--messages", "500"]);
    for (const key of ["list", "reply", "baseline"]) {
      expect(r[key], key).toMatchObject({ rps: isNumber, p99Ms: isNumber, errors: 0 });
    }
  });

  it("widget prints bytes, gzipBytes, loaderGzipBytes and launcherReadyMs (Chromium required)", { timeout: 600_000 }, async () => {
    const r = await bench("widget", ["--n", "2"]);
    expect(r).toMatchObject({ bytes: isNumber, gzipBytes: isNumber, launcherReadyMs: isNumber, launcherOpensPanel: true });
    expect(numberOrNull(r.loaderGzipBytes)).toBe(true);
  });

  it("startup prints emptySeconds, warmSeconds and the idle server's resident memory (idleRssMB, warmIdleRssMB)", { timeout: 600_000 }, async () => {
    const r = await bench("startup", ["--n", "1", "--messages", "500", "--settle", "0"]);
    expect(r).toMatchObject({ emptySeconds: isNumber, warmSeconds: isNumber, warmMessages: isNumber, idleRssMB: isNumber, warmIdleRssMB: isNumber });
    // The warm data dir holds the 500 bulk messages plus what the demo start wrote (the demo CRM's past conversations).
    expect(r.warmMessages as number).toBeGreaterThanOrEqual(500);
    expect(r.idleRssMB as number).toBeGreaterThan(0);
  });

  it("kills prints acknowledged, lost, unanswered and answeredTwice after killing the server with customers chatting", { timeout: 480_000 }, async () => {
    const r = await bench("kills", ["--kills", "1", "--customers", "3", "--seconds", "1"]);
    expect(r).toMatchObject({ benchmark: "kills", kills: 1, customers: 3, acknowledged: isNumber, lost: 0, unanswered: 0, answeredTwice: 0, duplicateAcks: 0 });
    expect(r.acknowledged).toBeGreaterThan(0);
  });

  it("soak prints per-window latency, CPU and memory, then unanswered and answeredTwice from the database", { timeout: 480_000 }, async () => {
    const r = await bench("soak", ["--minutes", "0.1", "--window", "3", "--n", "3", "--rate", "1"]);
    expect(r).toMatchObject({ benchmark: "soak", customers: 3, p99Ms: isNumber, rssGrowthMB: isNumber, unanswered: 0, answeredTwice: 0 });
    expect((r.windows as unknown[]).length).toBe(2);
    expect(r.storedCustomerMessages as number).toBeGreaterThan(0);
  });

  it("crm prints search p50Ms/p99Ms (overall and by kind), profile and timeline p99Ms and importSeconds over a seeded CRM", { timeout: 600_000 }, async () => {
    const r = await bench("crm", ["--customers", "2000", "--messages", "20000", "--requests", "5", "--warmup", "1"]);
    const search = r.search as { p50Ms: unknown; p99Ms: unknown; errors: number; byKind: Record<string, { p99Ms: unknown; requests: number; errors: number }> };
    expect(Object.keys(search.byKind)).toEqual(["namePrefix", "typoName", "email", "phone", "orderNumber", "company"]);
    for (const kind of Object.values(search.byKind)) expect(kind).toMatchObject({ p99Ms: isNumber, requests: 5, errors: 0 });
    expect(search).toMatchObject({ p50Ms: isNumber, p99Ms: isNumber, errors: 0 });
    expect(r.profile).toMatchObject({ p99Ms: isNumber, errors: 0 });
    expect(r.timeline).toMatchObject({ p99Ms: isNumber, errors: 0 });
    expect(r.importSeconds).toEqual(isNumber);
    expect(r.counts).toMatchObject({ messages: 20000, heavyCustomerMessages: 1000 });
    expect((r.counts as { customers: number }).customers).toBeGreaterThanOrEqual(2000);
  });

  it("sales prints summary and pipeline p99Ms (or why they are unavailable), the lead assignment's solveMs and objectives, and the effort plan's ms", { timeout: 600_000 }, async () => {
    const r = await bench("sales", ["--lines", "3000", "--customers", "300", "--open-deals", "120", "--unowned", "40", "--reps", "8", "--closed-deals", "200", "--agent-messages", "500", "--requests", "3", "--warmup", "1", "--plans", "1"]);
    for (const part of [r.pipeline, (r.summary as { byWeek: unknown }).byWeek, (r.summary as { byProduct: unknown }).byProduct] as { p99Ms: unknown; unavailable?: string }[]) {
      if (part.unavailable === undefined) expect(part.p99Ms).toEqual(isNumber);
      else expect(part.unavailable).toMatch(/answered 404/);
    }
    expect(r.leadAssignment).toMatchObject({ deals: 40, reps: 8, solveMs: isNumber, objectiveCents: isNumber, baselineObjectiveCents: isNumber });
    const lead = r.leadAssignment as { objectiveCents: number; baselineObjectiveCents: number };
    expect(lead.objectiveCents).toBeGreaterThanOrEqual(lead.baselineObjectiveCents);
    expect(r.leadAssignmentDense).toMatchObject({ deals: 40, solveMs: isNumber });
    expect(r.effort).toMatchObject({ ms: isNumber, segments: 20, budgetHours: 1000 });
    expect(r.counts).toMatchObject({ orderLines: expect.any(Number), unownedDeals: 40 });
    // The server runs in demo mode: the demo's own open deals come on top of the 120 seeded.
    expect((r.counts as { openDeals: number }).openDeals).toBeGreaterThanOrEqual(120);
  });

  it("reports prints the p95 of the sentiment, service and topics reports over 90 and 365 days and of the drill-down", { timeout: 600_000 }, async () => {
    const r = await bench("reports", ["--n", "2", "--messages", "2000"]);
    expect(r).toMatchObject({ messages: 2000, db: "pglite" });
    const reports = r.reports as Record<string, Record<string, unknown>>;
    for (const name of ["sentiment", "service", "topics"]) expect(reports[name]).toEqual({ p95Ms90d: isNumber, p95Ms365d: isNumber });
    expect(reports.drill).toEqual({ p95Ms: isNumber });
  });
});
