/**
 * `crm`: the CRM's read paths and its import at scale. A fresh database gets 100,000 customers (companies, tags,
 * phones in many formats, orders) and 1,000,000 messages (one customer with 1,000 of them), then the real server
 * (`switchboard start --demo`, its own process) answers, one request at a time over keep-alive HTTP as the admin:
 * search by name prefix, misspelt name, email, phone in another format, order number and company name; the heavy
 * customer's profile and timeline; and a 100,000-row CSV import through POST /api/v1/imports.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { openDatabase, type DatabaseTarget } from "../src/db/index.ts";
import type { BenchArgs } from "./lib/args.ts";
import type { BenchDatabase } from "./lib/database.ts";
import { cachedSeed, fileDigest } from "./lib/seed-cache.ts";
import { DEMO_ATTRIBUTE_DEFINITIONS } from "../src/db/seed/demo-crm.ts";
import { SEARCH_KINDS, type SearchKind, type SearchQuery } from "./lib/crm-queries.ts";
import { loadAverage } from "./lib/proc.ts";
import { ADMIN_EMAIL, ADMIN_PASSWORD, AGENT_PASSWORD, login, nextMessage, progress, sleep, spawnTs, startRedis, startServer, stopChild, tempDir } from "./lib/processes.ts";
import { monotonicUs, type ProfileWindow } from "./lib/profile.ts";
import { serverProfiler } from "./lib/server-profile.ts";
import { round, summarize } from "./lib/stats.ts";
import { keyValues, table } from "./lib/table.ts";

type Seeded = {
  counts: Record<string, number>;
  heavyCustomerId: string;
  randomCustomerIds: string[];
  queries: SearchQuery[];
  timings: Record<string, number>;
};

type Timed = { ms: number; status: number; body: string };

type Latency = { p50Ms: number | null; p99Ms: number | null; maxMs: number | null; requests: number; errors: number };

async function seedCrm(options: { dataDir: string; databaseUrl?: string; customers: number; messages: number; queriesPerKind: number; importRows: number; importCsvPath: string }): Promise<Seeded & { seconds: number }> {
  const started = performance.now();
  const { child, output } = spawnTs("bench/workers/crm-seed.ts");
  child.on("message", (m: { type?: string; line?: string }) => {
    if (m?.type === "progress" && m.line) progress(`seeding: ${m.line}`);
  });
  await nextMessage(child, "ready", 60_000, output);
  const done = nextMessage<Seeded & { type: string }>(child, "seeded", 3_600_000, output);
  child.send({ type: "seed", adminEmail: ADMIN_EMAIL, adminPassword: ADMIN_PASSWORD, agentPassword: AGENT_PASSWORD, ...options });
  const result = await done;
  await stopChild(child, 5000);
  const seconds = round((performance.now() - started) / 1000, 1);
  progress(`seeded ${JSON.stringify(result.counts)} in ${seconds} s`);
  return { ...result, seconds };
}

function latency(samples: Timed[]): Latency {
  const ok = samples.filter((s) => s.status === 200).map((s) => s.ms);
  const s = summarize(ok);
  return { p50Ms: s.p50, p99Ms: s.p99, maxMs: s.max, requests: samples.length, errors: samples.length - ok.length };
}

/** Why an endpoint cannot be measured (null when it answers 200). */
function unavailable(probe: Timed, what: string): string | null {
  return probe.status === 200 ? null : `${what} answered ${probe.status}: ${probe.body.slice(0, 200)}`;
}

type ImportOutcome = {
  seconds: number | null;
  reason?: string;
  rows: number;
  status?: string;
  created?: number;
  updated?: number;
  failed?: number;
  firstErrors?: { row: number; field: string; message: string }[];
  via?: string;
};

/** Defines the custom attributes the CSV has columns for (plan, seats), as an admin would before importing; an existing one is fine. */
async function defineAttributes(url: string, cookie: string): Promise<void> {
  for (const d of DEMO_ATTRIBUTE_DEFINITIONS.filter((a) => a.entity === "customer" && (a.key === "plan" || a.key === "seats"))) {
    const body = { entity: d.entity, key: d.key, label: d.label, type: d.type, ...(d.options.length ? { options: d.options } : {}) };
    const res = await fetch(`${url}/api/v1/attributes`, { method: "POST", headers: { cookie, "content-type": "application/json" }, body: JSON.stringify(body) });
    const text = await res.text();
    if (res.status !== 201 && res.status !== 409) progress(`defining attribute ${d.key} answered ${res.status}: ${text.slice(0, 200)}`);
  }
}

/** POSTs the CSV (multipart, field "file"; a raw text/csv body when the server wants that) and polls GET /imports/:id until it ends. */
async function runImport(url: string, cookie: string, csvPath: string, rows: number): Promise<ImportOutcome> {
  await defineAttributes(url, cookie);
  const csv = readFileSync(csvPath);
  const attempts: { via: string; init: () => RequestInit; path: string }[] = [
    {
      via: "multipart/form-data (file, kind=customers)",
      path: "/api/v1/imports",
      init: () => {
        const form = new FormData();
        form.append("kind", "customers");
        form.append("file", new Blob([csv], { type: "text/csv" }), path.basename(csvPath));
        return { method: "POST", headers: { cookie }, body: form };
      },
    },
    { via: "text/csv body (?kind=customers)", path: "/api/v1/imports?kind=customers", init: () => ({ method: "POST", headers: { cookie, "content-type": "text/csv" }, body: csv }) },
  ];
  let reason = "";
  for (const attempt of attempts) {
    const started = performance.now();
    const res = await fetch(url + attempt.path, attempt.init());
    const text = await res.text();
    if (res.status === 404 && !text.includes("IMPORT")) return { seconds: null, rows, reason: `POST /api/v1/imports answered 404 (no such route yet): ${text.slice(0, 160)}` };
    if (res.status !== 201 && res.status !== 202 && res.status !== 200) {
      reason += `${attempt.via}: ${res.status} ${text.slice(0, 200)}; `;
      continue;
    }
    const id = (JSON.parse(text) as { data: { id: string } }).data.id;
    for (;;) {
      const poll = await fetch(`${url}/api/v1/imports/${id}`, { headers: { cookie } });
      const body = (await poll.json()) as {
        data: { status: string; created: number; updated: number; failed: number; message: string | null; processed: number; errors: { row: number; field: string; message: string }[] };
      };
      const d = body.data;
      if (d.status === "completed" || d.status === "failed") {
        const seconds = round((performance.now() - started) / 1000, 2);
        progress(`import ${d.status} in ${seconds} s: ${d.created} created, ${d.updated} updated, ${d.failed} failed`);
        return {
          seconds: d.status === "completed" ? seconds : null,
          rows,
          status: d.status,
          created: d.created,
          updated: d.updated,
          failed: d.failed,
          firstErrors: d.errors.slice(0, 5),
          via: attempt.via,
          ...(d.message ? { reason: d.message } : {}),
        };
      }
      if (performance.now() - started > 900_000) return { seconds: null, rows, reason: `import still ${d.status} after 900 s (${d.processed} processed)` };
      await sleep(200);
    }
  }
  return { seconds: null, rows, reason: `POST /api/v1/imports refused the file: ${reason}` };
}

/** Runs a file of SQL statements on the seeded database before the server starts (`--try-sql FILE`: to measure a proposed index or setting). */
/** VACUUM ANALYZE of the seeded server database, as its autovacuum would have run after the seeding. */
async function vacuumAnalyze(target: DatabaseTarget): Promise<void> {
  const database = await openDatabase(target);
  try {
    const started = performance.now();
    await database.db.execute(sql`vacuum analyze`);
    progress(`vacuumed and analyzed the seeded database in ${Math.round(performance.now() - started)} ms`);
  } finally {
    await database.close();
  }
}

async function runSql(file: string, target: DatabaseTarget): Promise<void> {
  const database = await openDatabase(target);
  try {
    // One statement at a time (a prepared statement holds one): the file has one per line-ending semicolon.
    for (const statement of readFileSync(file, "utf8").split(/;\s*\n/).map((s) => s.trim()).filter(Boolean)) await database.db.execute(sql.raw(statement));
    progress(`ran ${file} on the seeded database`);
  } finally {
    await database.close();
  }
}

/**
 * Runs the benchmark: `--customers 100000 --messages 1000000 --requests 200` (per kind, after `--warmup 20`),
 * `--import-rows` (default: customers), `--db pglite|postgres`, `--try-sql FILE` (run before the server starts), `--cache DIR` (keep the seeded database there and
 * reuse it on later runs of the same size: seeding 1,000,000 messages takes minutes), `--profile`.
 */
export async function run(args: BenchArgs): Promise<Record<string, unknown>> {
  const customers = Math.max(20, args.num("customers", 100_000));
  const messages = args.num("messages", 1_000_000);
  const perKind = Math.max(1, args.num("requests", 200));
  const warmup = args.num("warmup", 20);
  const importRows = args.num("import-rows", customers);
  const profiler = serverProfiler(args.flag("profile"), "crm");
  const redis = await startRedis();
  const data = tempDir("crm");
  const files = tempDir("crm-csv");
  const importCsvPath = path.join(files.dir, "customers.csv");
  const windows: ProfileWindow[] = [];
  let result: Record<string, unknown>;
  let database: BenchDatabase | undefined;
  try {
    const kind = args.str("db", "pglite");
    // At least the default number of queries, so a cache seeded by a short run serves a full one.
    const queriesPerKind = Math.max(perKind + warmup, 220);
    const prepared = await cachedSeed({
      name: "crm",
      kind,
      cacheDir: args.str("cache", ""),
      dataDir: data.dir,
      key: { customers, messages, importRows, seed: fileDigest("bench/workers/crm-seed.ts") },
      files: { "import.csv": importCsvPath },
      usable: (seeded: Seeded & { seconds: number }) => seeded.queries.length >= SEARCH_KINDS.length * queriesPerKind,
      seed: (db) => seedCrm({ dataDir: data.dir, databaseUrl: db.url, importCsvPath, customers, messages, queriesPerKind, importRows }),
    });
    database = prepared.database;
    const seeded = { ...prepared.seeded, fromCache: prepared.fromCache };
    // A PostgreSQL server's autovacuum would long have vacuumed a table that took 100,000 rows (emptying its GIN
    // indexes' pending lists); a database copied from a template starts without the statistics that would trigger it.
    // PGlite has no autovacuum: the server's own housekeeping does this at start.
    if (database.url) await vacuumAnalyze({ url: database.url });
    const trySql = args.str("try-sql", "");
    if (trySql) await runSql(trySql, database.url ? { url: database.url } : { pgliteDir: data.dir });
    // A cached seed may hold more queries than this run asks for: the first of each kind.
    const taken: Record<string, number> = {};
    const queries = seeded.queries.filter((q) => (taken[q.kind] = (taken[q.kind] ?? 0) + 1) <= perKind + warmup);
    const server = await startServer({ dataDir: data.dir, redisUrl: redis.url, databaseUrl: database.url, cpuProfDir: profiler.dir, readyTimeoutMs: 600_000 });
    progress(`server ready in ${Math.round(server.readyMs)} ms (pid ${server.pid})`);
    try {
      const cookie = await login(server.url);
      const get = async (pathAndQuery: string): Promise<Timed> => {
        const started = performance.now();
        const res = await fetch(server.url + pathAndQuery, { headers: { cookie } });
        const body = await res.text();
        return { ms: performance.now() - started, status: res.status, body };
      };
      const repeat = async (paths: string[]): Promise<Timed[]> => {
        const out: Timed[] = [];
        for (const p of paths) out.push(await get(p));
        return out;
      };
      const loadAtMeasure = loadAverage();
      const from = monotonicUs();

      // Search: the first `warmup` queries of each kind warm up, the rest are measured.
      const searchPath = (q: SearchQuery): string => `/api/v1/customers?q=${encodeURIComponent(q.q)}&limit=20`;
      const searchProbe = await get(searchPath(queries[0]));
      const searchMissing = unavailable(searchProbe, "GET /api/v1/customers?q=");
      const seen: Record<string, number> = {};
      const samples: Record<SearchKind, Timed[]> = { namePrefix: [], typoName: [], email: [], phone: [], orderNumber: [], company: [] };
      const hits: Record<SearchKind, number> = { namePrefix: 0, typoName: 0, email: 0, phone: 0, orderNumber: 0, company: 0 };
      if (!searchMissing) {
        for (const q of queries) {
          const timed = await get(searchPath(q));
          seen[q.kind] = (seen[q.kind] ?? 0) + 1;
          if (seen[q.kind] <= warmup) continue;
          samples[q.kind].push(timed);
          if (timed.status !== 200) continue;
          const found = (JSON.parse(timed.body) as { data: { id: string; company: { name: string } | null }[] }).data;
          if (found.some((c) => c.id === q.customerId || (q.companyName !== undefined && c.company?.name === q.companyName))) hits[q.kind]++;
        }
      }
      const byKind = Object.fromEntries(
        SEARCH_KINDS.map((kind) => [kind, { ...latency(samples[kind]), foundOnFirstPage: samples[kind].length ? round(hits[kind] / samples[kind].length, 3) : null, example: queries.find((q) => q.kind === kind)?.q }]),
      );
      const overall = latency(SEARCH_KINDS.flatMap((k) => samples[k]));
      progress(`search: p50 ${overall.p50Ms} ms, p99 ${overall.p99Ms} ms ${searchMissing ?? ""}`);

      // Profile and timeline of the customer with 1,000 messages, and of random customers.
      const heavy = `/api/v1/customers/${seeded.heavyCustomerId}`;
      const profileMissing = unavailable(await get(heavy), "GET /api/v1/customers/:id");
      const profile = profileMissing ? null : latency((await repeat(Array(warmup + perKind).fill(heavy))).slice(warmup));
      const randomProfile = profileMissing ? null : latency(await repeat(Array.from({ length: perKind }, (_, i) => `/api/v1/customers/${seeded.randomCustomerIds[i % seeded.randomCustomerIds.length]}`)));
      progress(`profile: p99 ${profile?.p99Ms ?? "–"} ms (random customers ${randomProfile?.p99Ms ?? "–"}) ${profileMissing ?? ""}`);
      const timelinePath = `${heavy}/timeline`;
      const timelineMissing = unavailable(await get(timelinePath), "GET /api/v1/customers/:id/timeline");
      const timeline = timelineMissing ? null : latency((await repeat(Array(warmup + perKind).fill(timelinePath))).slice(warmup));
      progress(`timeline: p99 ${timeline?.p99Ms ?? "–"} ms ${timelineMissing ?? ""}`);
      windows.push([from, monotonicUs()]);

      const imported = importRows > 0 ? await runImport(server.url, cookie, importCsvPath, importRows) : { seconds: null, rows: 0, reason: "--import-rows 0" };
      result = {
        search: { p50Ms: overall.p50Ms, p99Ms: overall.p99Ms, maxMs: overall.maxMs, requests: overall.requests, errors: overall.errors, byKind, ...(searchMissing ? { unavailable: searchMissing } : {}) },
        profile: { p99Ms: profile?.p99Ms ?? null, p50Ms: profile?.p50Ms ?? null, requests: profile?.requests ?? 0, errors: profile?.errors ?? 0, randomCustomers: randomProfile, ...(profileMissing ? { unavailable: profileMissing } : {}) },
        timeline: { p99Ms: timeline?.p99Ms ?? null, p50Ms: timeline?.p50Ms ?? null, requests: timeline?.requests ?? 0, errors: timeline?.errors ?? 0, ...(timelineMissing ? { unavailable: timelineMissing } : {}) },
        importSeconds: imported.seconds,
        import: imported,
        seeding: { seconds: seeded.seconds, ...seeded.timings, fromCache: seeded.fromCache },
        counts: seeded.counts,
        setup: {
          db: database.kind,
          customers,
          messages,
          requestsPerKind: perKind,
          warmupPerKind: warmup,
          loadAverageAtMeasure: loadAtMeasure,
          serverReadyMs: Math.round(server.readyMs),
          client: "one request at a time (fetch, keep-alive) as the admin (session cookie); latency = request sent → body read",
          search: "GET /api/v1/customers?q=…&limit=20; the kinds interleaved; foundOnFirstPage = share whose target customer (or a customer of the company) is on the page",
          profile: "GET /api/v1/customers/:id of the customer with 1,000 messages (10 conversations, 5 tickets, 12 orders, 30 notes, 50 profile changes); randomCustomers: 200 others",
          timeline: "GET /api/v1/customers/:id/timeline (first page) of that customer",
          import: "POST /api/v1/imports with a CSV of import-rows customers (4 in 5 new, 1 in 5 an existing email), polled until completed; importSeconds = POST sent → status completed",
        },
      };
    } finally {
      await server.stop();
    }
  } finally {
    await redis.stop();
    data.remove();
    files.remove();
    database?.drop();
  }
  const cpu = profiler.report(windows);
  return cpu ? { ...result, cpuProfile: cpu } : result;
}

/** Human-readable form. */
export function format(result: Record<string, unknown>): string {
  const r = result as { search: { byKind: Record<string, Record<string, unknown>> } & Record<string, unknown>; profile: Record<string, unknown>; timeline: Record<string, unknown> } & Record<string, unknown>;
  return [
    table(
      [
        ...Object.entries(r.search.byKind).map(([kind, s]) => ({ request: `search ${kind}`, ...s })),
        { request: "search (all)", ...r.search },
        { request: "profile (1,000 messages)", ...r.profile },
        { request: "timeline (first page)", ...r.timeline },
      ],
      ["request", "p50Ms", "p99Ms", "maxMs", "requests", "errors", "foundOnFirstPage"],
    ),
    "",
    keyValues({ importSeconds: r.importSeconds, import: r.import, seeding: r.seeding, counts: r.counts, ...(r.setup as Record<string, unknown>) }),
  ].join("\n");
}
