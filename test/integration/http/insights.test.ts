import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InsightChurnDTO, InsightFeaturesDTO, InsightMapDTO, InsightRunDTO, InsightSegmentsDTO, InsightStatusDTO } from "../../../src/contracts/insights.ts";
import type { CustomerProfileDTO, CustomerSummaryDTO } from "../../../src/contracts/crm.ts";
import { demoAgents } from "../../../src/db/seed/demo-data.ts";
import { insightChurnDTO, insightFeaturesDTO, insightMapDTO, insightSegmentsDTO, insightStatusDTO } from "../../../src/http/openapi/schemas-insights.ts";
import { api } from "../../support/api-client.ts";
import { createTestApp, type TestApp } from "../../support/create-test-app.ts";
import { testEngines } from "../../support/engines.ts";

// A fixed clock: the demo customers the test app seeds are created at the machine's time, after it, so only the
// planted customers exist as of NOW (features count customers created by then).
const NOW = new Date("2026-06-01T12:00:00Z");
const daysAgo = (days: number): string => new Date(NOW.getTime() - days * 86_400_000).toISOString();

let t: TestApp;
let admin: string;
let manager: string;
let agent: string;
const loyal: string[] = [];
const unhappy: string[] = [];

type Err = { error: { code: string; message: string; fields?: Record<string, string> } };
const get = <T>(path: string, cookie = manager) => api<{ data: T } & Partial<Err>>(t.url, "GET", path, { cookie });

async function refreshAndWait(): Promise<InsightRunDTO> {
  const res = await api<{ data: InsightRunDTO }>(t.url, "POST", "/api/v1/insights/refresh", { cookie: manager, body: {} });
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  expect(res.body.data.status).toBe("queued");
  const deadline = Date.now() + 90_000;
  for (;;) {
    const status = (await get<InsightStatusDTO>("/api/v1/insights/status")).body.data;
    if (status.latest?.id === res.body.data.id && (status.latest.status === "succeeded" || status.latest.status === "failed")) return status.latest;
    if (Date.now() > deadline) throw new Error(`refresh did not finish: ${JSON.stringify(status)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Thirty customers in two planted groups with the same orders up to 90 days ago (the churn window's start): the loyal
 * kept ordering and wrote kindly; the unhappy wrote angrily, opened a ticket, and ordered nothing in the last 90 days.
 */
async function plant(): Promise<void> {
  const db = t.container.database.db;
  const rows = <T>(r: unknown) => (r as { rows: T[] }).rows;
  await db.execute(sql`insert into attribute_definitions (entity, key, label, type) values ('customer', 'seats', 'seats', 'number')`);
  for (const [group, ids] of [
    ["loyal", loyal],
    ["unhappy", unhappy],
  ] as const) {
    for (let i = 0; i < 15; i++) {
      const [c] = rows<{ id: string }>(
        await db.execute(sql`insert into customers (name, email, attributes, created_at) values (${`${group} ${i}`}, ${`${group}${i}@example.test`},
          ${JSON.stringify({ seats: 5 + (i % 3) })}::jsonb, ${daysAgo(400 + i)}::timestamptz) returning id`),
      );
      ids.push(c.id);
      // Monthly orders from 95 days ago back to a year; the loyal also ordered in the last 90 days.
      const days = [95, 125, 155, 185, 215, 245, 275, 305, 335, ...(group === "loyal" ? [5 + (i % 3), 35, 65] : [])];
      for (const [n, d] of days.entries()) {
        await db.execute(sql`insert into orders (number, customer_id, status, total_cents, placed_at) values (${`ORD-${group}-${i}-${n}`}, ${c.id}::uuid, 'delivered', ${6000 + i * 50}, ${daysAgo(d)}::timestamptz)`);
      }
      const mood = group === "loyal" ? { score: 3, label: "positive", intent: "order_status" } : { score: -3, label: "negative", intent: "complaint" };
      const annotation = JSON.stringify({ sentiment: { score: mood.score, comparative: 0, label: mood.label, confidence: 0.9, drivers: [] }, intent: { name: mood.intent, confidence: 0.9 }, keyPhrases: ["delivery"] });
      for (const d of [150 + i, 20]) {
        const [conversation] = rows<{ id: string }>(
          await db.execute(sql`insert into conversations (inbox_id, customer_id, channel, status, created_at, updated_at, last_message_at)
            values ('demo', ${c.id}::uuid, 'web', 'resolved', ${daysAgo(d)}::timestamptz, ${daysAgo(d)}::timestamptz, ${daysAgo(d)}::timestamptz) returning id`),
        );
        for (const offset of [0, 0.01]) {
          await db.execute(sql`insert into messages (conversation_id, sender_type, text, annotation, created_at)
            values (${conversation.id}::uuid, 'customer', 'About my order', ${annotation}::jsonb, ${daysAgo(d - offset)}::timestamptz)`);
        }
        if (group === "unhappy" && d === 20) {
          await db.execute(sql`insert into tickets (conversation_id, customer_id, subject, status, priority, reason, created_at, updated_at)
            values (${conversation.id}::uuid, ${c.id}::uuid, 'Complaint', 'open', 'normal', 'customer_request', ${daysAgo(d)}::timestamptz, ${daysAgo(d)}::timestamptz)`);
        }
      }
    }
  }
}

describe.each(testEngines())("insights on $name", (engine) => {
  beforeAll(async () => {
    loyal.length = 0;
    unhappy.length = 0;
    t = await createTestApp({ now: () => NOW, database: await engine.open() });
    admin = await t.login();
    manager = await t.login(demoAgents[2].email);
    agent = await t.login(demoAgents[0].email);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await engine.cleanup();
  });

  describe("insights before any data", () => {
    it("before the first refresh, every read answers an empty result that says why, not an error", async () => {
      const segments = await get<InsightSegmentsDTO>("/api/v1/insights/segments");
      expect(segments.status).toBe(200);
      expect(insightSegmentsDTO.parse(segments.body.data)).toMatchObject({ runId: null, segments: [], k: null });
      expect(segments.body.data.message).toMatch(/first refresh/);
      const map = await get<InsightMapDTO>("/api/v1/insights/map");
      expect(insightMapDTO.parse(map.body.data)).toMatchObject({ runId: null, points: [], total: 0 });
      const churn = await get<InsightChurnDTO>("/api/v1/insights/churn");
      expect(insightChurnDTO.parse(churn.body.data)).toMatchObject({ runId: null, customers: [], model: null, churnDays: 90 });
      const status = await get<InsightStatusDTO>("/api/v1/insights/status");
      expect(insightStatusDTO.parse(status.body.data)).toMatchObject({ latest: null, lastSucceeded: null, schedule: { everyHours: 24, churnDays: 90, segments: null } });
    });

    it("a refresh with no customers succeeds and says there are too few to segment", async () => {
      const run = await refreshAndWait();
      expect(run).toMatchObject({ status: "succeeded", customers: 0, progress: 1 });
      expect(run.message).toMatch(/Segments need at least 10 customers; there are 0/);
      const segments = (await get<InsightSegmentsDTO>("/api/v1/insights/segments")).body.data;
      expect(segments).toMatchObject({ runId: run.id, customers: 0, segments: [] });
      expect(segments.message).toMatch(/at least 10 customers/);
      const churn = (await get<InsightChurnDTO>("/api/v1/insights/churn")).body.data;
      expect(churn).toMatchObject({ customers: [], model: null });
      expect(churn.message).toMatch(/Churn needs at least 10 customers/);
    }, 120_000);
  });

  describe("access and input", () => {
    it("agents get 403 FORBIDDEN on every insights endpoint; managers and admins get in", async () => {
      for (const [method, path] of [
        ["GET", "/api/v1/insights/segments"],
        ["GET", "/api/v1/insights/map"],
        ["GET", "/api/v1/insights/churn"],
        ["GET", "/api/v1/insights/features"],
        ["GET", "/api/v1/insights/status"],
        ["POST", "/api/v1/insights/refresh"],
      ] as const) {
        const res = await api<Err>(t.url, method, path, { cookie: agent, body: method === "POST" ? {} : undefined });
        expect(res.status, `${method} ${path}`).toBe(403);
        expect(res.body.error.code).toBe("FORBIDDEN");
      }
      expect((await get("/api/v1/insights/segments", admin)).status).toBe(200);
      expect((await api(t.url, "GET", "/api/v1/insights/segments")).status).toBe(401);
    });

    it("bad parameters answer 400 VALIDATION_FAILED naming the field", async () => {
      const cases: [string, string][] = [
        ["/api/v1/insights/churn?sort=name", "sort"],
        ["/api/v1/insights/churn?limit=0", "limit"],
        ["/api/v1/insights/churn?limit=501", "limit"],
        ["/api/v1/insights/churn?cursor=not-a-cursor", "cursor"],
        ["/api/v1/insights/map?limit=lots", "limit"],
        ["/api/v1/insights/map?segmentId=7", "segmentId"],
        ["/api/v1/insights/features?customerId=nobody", "customerId"],
        ["/api/v1/insights/segments?k=3", "k"],
      ];
      for (const [path, field] of cases) {
        const res = await get(path);
        expect(res.status, path).toBe(400);
        expect(res.body.error?.code).toBe("VALIDATION_FAILED");
        expect(Object.keys(res.body.error?.fields ?? {}).join(" ") + (res.body.error?.message ?? ""), path).toContain(field);
      }
      const body = await api<Err>(t.url, "POST", "/api/v1/insights/refresh", { cookie: manager, body: { k: 3 } });
      expect(body.status).toBe(400);
      expect(body.body.error.code).toBe("VALIDATION_FAILED");
    });

    it("an unknown customer's features answer 404 CUSTOMER_NOT_FOUND", async () => {
      const res = await get("/api/v1/insights/features?customerId=00000000-0000-4000-8000-000000000000");
      expect(res.status).toBe(404);
      expect(res.body.error?.code).toBe("CUSTOMER_NOT_FOUND");
    });

    it("while a refresh is queued or running, another answers 409 INSIGHTS_REFRESH_RUNNING naming it", async () => {
      const db = t.container.database.db;
      const inserted = await db.execute(sql`insert into insight_runs (status, trigger, created_at) values ('running', 'manual', ${NOW.toISOString()}::timestamptz) returning id`);
      const [run] = (inserted as unknown as { rows: { id: string }[] }).rows;
      const res = await api<Err & { error: { existingId?: string } }>(t.url, "POST", "/api/v1/insights/refresh", { cookie: manager, body: {} });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe("INSIGHTS_REFRESH_RUNNING");
      expect(res.body.error.existingId).toBe(run.id);
      await db.execute(sql`update insight_runs set status = 'failed', finished_at = ${NOW.toISOString()}::timestamptz where id = ${run.id}::uuid`);
    });
  });

  describe("insights on two planted groups of customers", () => {
    let run: InsightRunDTO;
    let segments: InsightSegmentsDTO;
    const segmentOf = (list: CustomerSummaryDTO[], id: string) => list.find((c) => c.id === id)?.segment;

    beforeAll(async () => {
      await plant();
      run = await refreshAndWait();
      segments = (await get<InsightSegmentsDTO>("/api/v1/insights/segments")).body.data;
    }, 180_000);

    it("finds the two groups as two named segments, each with its medians in people's units and its rules", () => {
      expect(run).toMatchObject({ status: "succeeded", customers: 30 });
      insightSegmentsDTO.parse(segments);
      expect(segments.k).toBe(2);
      expect(segments.segments.map((s) => s.size)).toEqual([15, 15]);
      const [a, b] = segments.segments;
      expect(a.name).not.toBe(b.name);
      const lapsed = segments.segments.find((s) => s.medians.recencyDays! > 90)!;
      const recent = segments.segments.find((s) => s.medians.recencyDays! < 90)!;
      expect(lapsed.medians).toMatchObject({ orders12m: 9, negativeShare: 1, tickets90d: 1 });
      expect(recent.medians).toMatchObject({ orders12m: 12, negativeShare: 0, tickets90d: 0 });
      // Purchase words first, then service words: "occasional small spenders, unhappy".
      expect(lapsed.name).toMatch(/^occasional .*, unhappy$/);
      expect(recent.name).toMatch(/^frequent /);
      expect(lapsed.topIntents[0]).toEqual({ intent: "complaint", customers: 15 });
      expect(recent.topIntents[0]).toEqual({ intent: "order_status", customers: 15 });
      for (const s of segments.segments) {
        expect(s.accuracy).toBe(1);
        expect(s.rules[0]).toMatchObject({ support: 15, confidence: 1 });
        expect(s.rules[0].text).toContain(`in "${s.name}"`);
      }
    });

    it("writes each customer's segment on the record, so the CRM list filters by it", async () => {
      const lapsed = segments.segments.find((s) => s.medians.recencyDays! > 90)!;
      const list = await get<CustomerSummaryDTO[]>(`/api/v1/customers?segment=${encodeURIComponent(lapsed.name)}&limit=100`, admin);
      expect(list.status).toBe(200);
      expect(list.body.data.map((c) => c.id).sort()).toEqual([...unhappy].sort());
      expect(segmentOf(list.body.data, unhappy[0])).toBe(lapsed.name);
    });

    it("recovers the planted churn rule: customers who wrote negatively churned", async () => {
      const res = await get<InsightChurnDTO>("/api/v1/insights/churn?limit=15");
      expect(res.status).toBe(200);
      const churn = insightChurnDTO.parse(res.body.data);
      expect(churn.model).toMatchObject({ rows: 30, churned: 15, baseRate: 0.5 });
      expect(churn.model!.auc).toBeGreaterThan(0.9);
      const top = churn.rules[0];
      expect(top).toMatchObject({ support: 15, positives: 15, confidence: 1 });
      expect(top.conditions.join(" ")).toMatch(/negative share|mean sentiment/);
      expect(top.text).toMatch(/→ 100 % churn, 15 rows$/);
      expect(churn.rulesAccuracy).toBe(1);
      // The riskiest 15 are exactly the unhappy customers, with what drives their risk.
      expect(churn.customers.map((c) => c.customerId).sort()).toEqual([...unhappy].sort());
      expect(churn.customers[0].churnRisk).toBeGreaterThan(0.5);
      expect(churn.customers[0].daysSinceLastOrder).toBe(95);
      expect(churn.customers[0].drivers.map((d) => d.label).join(" ")).toMatch(/negative share|mean sentiment/);
      const risks = churn.customers.map((c) => c.churnRisk);
      expect(risks).toEqual([...risks].sort((x, y) => y - x));
    });

    it("pages the churn list by risk with a cursor, highest or lowest first", async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: InsightChurnDTO = (await get<InsightChurnDTO>(`/api/v1/insights/churn?limit=7${cursor ? `&cursor=${cursor}` : ""}`)).body.data;
        seen.push(...page.customers.map((c) => c.customerId));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toHaveLength(30);
      expect(new Set(seen).size).toBe(30);
      const lowest = (await get<InsightChurnDTO>("/api/v1/insights/churn?sort=churnRisk&limit=15")).body.data;
      expect(lowest.customers.map((c) => c.customerId).sort()).toEqual([...loyal].sort());
    });

    it("draws the PCA map with the explained variance and loadings, capped by limit as a sample", async () => {
      const map = insightMapDTO.parse((await get<InsightMapDTO>("/api/v1/insights/map")).body.data);
      expect(map).toMatchObject({ total: 30, sampled: false });
      expect(map.points).toHaveLength(30);
      expect(map.explainedVariance![0]).toBeGreaterThan(0.3);
      expect(map.explainedVariance![0] + map.explainedVariance![1]).toBeLessThanOrEqual(1);
      expect(map.loadings.map((l) => l.component)).toEqual([1, 2]);
      // The two groups lie on either side of the first component.
      const xs = (ids: string[]) => map.points.filter((p) => ids.includes(p.customerId)).map((p) => Math.sign(p.x));
      expect(new Set(xs(loyal)).size).toBe(1);
      expect(new Set(xs(unhappy)).size).toBe(1);
      expect(xs(loyal)[0]).not.toBe(xs(unhappy)[0]);
      const sample = insightMapDTO.parse((await get<InsightMapDTO>("/api/v1/insights/map?limit=10")).body.data);
      expect(sample).toMatchObject({ total: 30, sampled: true });
      expect(sample.points).toHaveLength(10);
      const oneSegment = (await get<InsightMapDTO>(`/api/v1/insights/map?segmentId=${segments.segments[0].id}`)).body.data;
      expect(oneSegment.points.every((p) => p.segment === segments.segments[0].name)).toBe(true);
      expect(oneSegment.total).toBe(15);
    });

    it("shows a customer's features: raw in units, standardised, intents, and the custom attribute", async () => {
      const res = await get<InsightFeaturesDTO>(`/api/v1/insights/features?customerId=${unhappy[0]}`);
      expect(res.status).toBe(200);
      const body = insightFeaturesDTO.parse(res.body.data);
      expect(body.features.map((f) => f.key)).toEqual([
        "recencyDays",
        "orders12m",
        "spend12m",
        "averageOrderValue",
        "conversations90d",
        "tickets90d",
        "negativeShare",
        "meanSentiment",
        "channelsUsed",
        "tenureDays",
        "attr.seats",
      ]);
      const row = body.customers[0];
      expect(row.raw).toMatchObject({ recencyDays: 95, orders12m: 9, spend12m: 540, averageOrderValue: 60, conversations90d: 1, tickets90d: 1, negativeShare: 1, meanSentiment: -3, channelsUsed: 1, tenureDays: 400, "attr.seats": 5 });
      expect(row.standardized.negativeShare).toBeCloseTo(1, 3);
      expect(row.topIntents).toEqual(["complaint"]);
      expect(row.channels).toEqual(["web"]);
      expect(row.history).toHaveLength(1);
      const page = (await get<InsightFeaturesDTO>("/api/v1/insights/features?limit=20")).body.data;
      expect(page.customers).toHaveLength(20);
      const rest = (await get<InsightFeaturesDTO>(`/api/v1/insights/features?limit=20&cursor=${page.nextCursor}`)).body.data;
      expect(rest.customers).toHaveLength(10);
      expect(rest.nextCursor).toBeNull();
    });

    it("puts the segment and churn risk on the customer's profile", async () => {
      const res = await get<CustomerProfileDTO>(`/api/v1/customers/${unhappy[0]}`, admin);
      expect(res.status).toBe(200);
      const lapsed = segments.segments.find((s) => s.medians.recencyDays! > 90)!;
      expect(res.body.data.segment).toBe(lapsed.name);
      expect(res.body.data.churnRisk).toBeGreaterThan(0.5);
    });

    it("keeps history: a customer who turns unhappy and stops ordering moves segment, and the move is shown", async () => {
      const db = t.container.database.db;
      const mover = loyal[0];
      const before = segments.segments.find((s) => s.medians.recencyDays! < 90)!.name;
      await db.execute(sql`delete from orders where customer_id = ${mover}::uuid and placed_at > ${daysAgo(90)}::timestamptz`);
      await db.execute(sql`update messages set annotation = jsonb_set(jsonb_set(annotation, '{sentiment}', '{"score": -3, "comparative": 0, "label": "negative", "confidence": 0.9, "drivers": []}'), '{intent}', '{"name": "complaint", "confidence": 0.9}')
        where conversation_id in (select id from conversations where customer_id = ${mover}::uuid)`);
      await db.execute(sql`insert into tickets (conversation_id, customer_id, subject, status, priority, reason, created_at, updated_at)
        select id, customer_id, 'Complaint', 'open', 'normal', 'customer_request', created_at, created_at from conversations where customer_id = ${mover}::uuid and created_at > ${daysAgo(30)}::timestamptz`);
      const second = await refreshAndWait();
      expect(second.status).toBe("succeeded");
      const now = (await get<InsightSegmentsDTO>("/api/v1/insights/segments")).body.data;
      const after = now.segments.find((s) => s.medians.recencyDays! > 90)!.name;
      expect(now.movements).toEqual([{ from: before, to: after, customers: 1 }]);
      const features = (await get<InsightFeaturesDTO>(`/api/v1/insights/features?customerId=${mover}`)).body.data.customers[0];
      expect(features.history).toHaveLength(2);
      expect(features.history[0]).toMatchObject({ segment: after, until: null });
      expect(features.history[1]).toMatchObject({ segment: before });
      expect(features.history[1].until).not.toBeNull();
    }, 120_000);
  });
});
