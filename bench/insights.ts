/**
 * `insights`: customer features and segmentation over `--customers` seeded customers (100,000 by default; 0–6 orders
 * each over 400 days, two of three with a conversation of two scored messages, one in five with a ticket), in process
 * on PGlite: the two feature queries (now and as of the churn window's start), the modelling (segments with names and
 * rules, PCA map, churn model), scoring throughput of the churn model (encode + standardise + predict), and the p99 of
 * the Insights page's data (segments, map and first churn page fetched together over HTTP) after a refresh.
 */
import { sql } from "drizzle-orm";
import { createApp } from "../src/app.ts";
import { fitLogistic } from "../src/analytics/logistic.ts";
import { loadConfig } from "../src/config.ts";
import { createContainer } from "../src/container.ts";
import { ensureFirstAdmin } from "../src/modules/agents/index.ts";
import { featureDefinitions, featureTable, encodeFeatures } from "../src/modules/insights/insights.features.ts";
import { runModels } from "../src/modules/insights/insights.model.ts";
import { featureSource, latestRun, modelledAttributes } from "../src/modules/insights/insights.repo.ts";
import { runRefresh } from "../src/modules/insights/index.ts";
import type { BenchArgs } from "./lib/args.ts";
import { progress, startRedis, tempDir } from "./lib/processes.ts";
import { percentile, round } from "./lib/stats.ts";
import { keyValues } from "./lib/table.ts";

const ADMIN = { email: "bench-admin@switchboard.local", password: "bench-admin-password" };

/** Runs the benchmark: `--customers 100000 --requests 50`. */
export async function run(args: BenchArgs): Promise<Record<string, unknown>> {
  const customers = args.num("customers", 100_000);
  const requests = Math.max(5, args.num("requests", 50));
  const redis = await startRedis();
  const data = tempDir("insights");
  const config = loadConfig({ PORT: "0", HOST: "127.0.0.1", DATA_DIR: data.dir, LOG_LEVEL: "warn", REDIS_URL: redis.url, RATE_LIMITS: "off", INSIGHTS_REFRESH_HOURS: "0" });
  const container = await createContainer(config, { redisPrefix: "bench-insights" });
  try {
    const db = container.database.db;
    const seeding = performance.now();
    await db.execute(sql`insert into inboxes (id, name, channel) values ('bench', 'Bench', 'web') on conflict do nothing`);
    await db.execute(sql`insert into customers (name, email, created_at)
      select 'Customer ' || i, 'c' || i || '@bench.test', now() - make_interval(days => (30 + (i::bigint * 7919) % 1000)::int) from generate_series(1, ${customers}) i`);
    await db.execute(sql`insert into orders (number, customer_id, status, total_cents, placed_at)
      select 'B-' || c.n || '-' || j, c.id, 'delivered', 1000 + (c.n * 37 + j * 11) % 20000, now() - make_interval(days => ((c.n * 31 + j * 97) % 400)::int)
      from (select id, row_number() over (order by id) as n from customers) c, generate_series(0, 5) j where j < c.n % 7`);
    await db.execute(sql`insert into conversations (inbox_id, customer_id, channel, status, created_at, updated_at, last_message_at)
      select 'bench', c.id, case when c.n % 2 = 0 then 'web' else 'email' end, 'resolved', now() - make_interval(days => ((c.n * 13) % 200)::int), now(), now()
      from (select id, row_number() over (order by id) as n from customers) c where c.n % 3 <> 0`);
    await db.execute(sql`insert into messages (conversation_id, sender_type, text, annotation, created_at)
      select x.id, 'customer', 'About my order', jsonb_build_object(
        'sentiment', jsonb_build_object('score', case when x.n % 4 = 0 then -3 else 2 end, 'label', case when x.n % 4 = 0 then 'negative' else 'positive' end),
        'intent', jsonb_build_object('name', case when x.n % 4 = 0 then 'complaint' else 'order_status' end, 'confidence', 0.9), 'keyPhrases', '["delivery"]'::jsonb),
        x.created_at + make_interval(mins => j::int)
      from (select id, created_at, row_number() over (order by id) as n from conversations) x, generate_series(0, 1) j`);
    await db.execute(sql`insert into tickets (conversation_id, customer_id, subject, status, priority, reason, created_at, updated_at)
      select x.id, x.customer_id, 'Bench', 'open', 'normal', 'customer_request', x.created_at, x.created_at
      from (select id, customer_id, created_at, row_number() over (order by id) as n from conversations) x where x.n % 5 = 0`);
    progress(`seeded ${customers} customers in ${round((performance.now() - seeding) / 1000, 1)} s`);

    const now = new Date();
    const settings = config.insights;
    let started = performance.now();
    const definitions = featureDefinitions(await modelledAttributes(db));
    const current = await featureSource(db, now);
    const past = await featureSource(db, new Date(now.getTime() - settings.churnDays * 86_400_000), settings.churnDays);
    const featuresSeconds = (performance.now() - started) / 1000;
    progress(`features: ${round(featuresSeconds, 2)} s`);
    started = performance.now();
    const result = await runModels(current, past, definitions, { churnDays: settings.churnDays });
    const segmentSeconds = (performance.now() - started) / 1000;
    progress(`segments, rules, map and churn model: ${round(segmentSeconds, 2)} s (k = ${result.segmentation?.k ?? "none"})`);

    // Scoring: the churn model applied to every customer from their raw features (encoding, scaling, probability).
    const { table } = featureTable(current, definitions);
    const rows = current.map((_, i) => i);
    const encoded = encodeFeatures(table, definitions, rows);
    const model = fitLogistic(
      encoded.z,
      current.map((r) => ((r.recency_days ?? 0) >= settings.churnDays ? 1 : 0)),
    );
    started = performance.now();
    const scores = model.predict(encoded.encode(rows).z);
    const scorePerSecond = scores.length / ((performance.now() - started) / 1000);
    progress(`scoring: ${Math.round(scorePerSecond)} customers/s`);

    await runRefresh(container.deps, settings, {});
    const run = await latestRun(db);
    if (run?.status !== "succeeded") throw new Error(`the refresh did not succeed: ${run?.message ?? "no run"}`);
    const app = createApp(container);
    await new Promise<void>((resolve) => app.httpServer.listen(0, "127.0.0.1", () => resolve()));
    try {
      const address = app.httpServer.address();
      const url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
      await ensureFirstAdmin(container.deps, ADMIN);
      const login = await fetch(`${url}/api/v1/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(ADMIN) });
      const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0];
      const page = async (): Promise<number> => {
        const t0 = performance.now();
        await Promise.all(
          ["/api/v1/insights/segments", "/api/v1/insights/map", "/api/v1/insights/churn"].map(async (path) => {
            const res = await fetch(url + path, { headers: { cookie } });
            const body = await res.text();
            if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${body.slice(0, 200)}`);
          }),
        );
        return performance.now() - t0;
      };
      for (let i = 0; i < 3; i++) await page();
      const samples: number[] = [];
      for (let i = 0; i < requests; i++) samples.push(await page());
      return {
        customers,
        featuresSeconds: round(featuresSeconds, 2),
        segmentSeconds: round(segmentSeconds, 2),
        scorePerSecond: Math.round(scorePerSecond),
        pageP99Ms: round(percentile(samples, 99), 1),
        k: result.segmentation?.k ?? null,
        refreshSeconds: run.seconds,
        requests,
      };
    } finally {
      await app.stop();
    }
  } finally {
    await container.close().catch(() => undefined);
    await redis.stop();
    data.remove();
  }
}

/** Prints the figures as a table. */
export function format(result: Record<string, unknown>): string {
  return keyValues(result);
}
