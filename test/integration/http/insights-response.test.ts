import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CampaignDTO, CampaignForecastDTO } from "../../../src/contracts/campaigns.ts";
import type { CustomerProfileDTO } from "../../../src/contracts/crm.ts";
import type { InsightEscalationDTO, InsightResponseDTO, InsightResponseScoresDTO, InsightRunDTO, InsightStatusDTO } from "../../../src/contracts/insights.ts";
import { demoAgents } from "../../../src/db/seed/demo-data.ts";
import { api } from "../../support/api-client.ts";
import { createTestApp, type TestApp } from "../../support/create-test-app.ts";
import { testEngines } from "../../support/engines.ts";
import { plantResponseCampaigns, plantResponseCustomers } from "../../support/plant-response.ts";

// A fixed clock: the demo customers the test app seeds are created at the machine's time, after it, so only the
// planted customers exist as of NOW.
const NOW = new Date("2026-06-01T12:00:00Z");
const CAMPAIGNS = 12;

let t: TestApp;
let manager: string;
let agent: string;
const buyers: string[] = [];
const dormant: string[] = [];

type Err = { error: { code: string; message: string; fields?: Record<string, string> } };
const get = <T>(path: string) => api<{ data: T } & Partial<Err>>(t.url, "GET", path, { cookie: manager });
const post = <T>(path: string, body: unknown) => api<{ data: T } & Partial<Err>>(t.url, "POST", path, { cookie: manager, body });
const rows = <T>(r: unknown) => (r as { rows: T[] }).rows;

async function refreshAndWait(): Promise<InsightRunDTO> {
  const res = await post<InsightRunDTO>("/api/v1/insights/refresh", {});
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  const deadline = Date.now() + 120_000;
  for (;;) {
    const status = (await get<InsightStatusDTO>("/api/v1/insights/status")).body.data;
    if (status.latest?.id === res.body.data.id && (status.latest.status === "succeeded" || status.latest.status === "failed")) return status.latest;
    if (Date.now() > deadline) throw new Error(`refresh did not finish: ${JSON.stringify(status)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function plantCustomers(): Promise<void> {
  const planted = await plantResponseCustomers(t.container.database.db, NOW);
  buyers.push(...planted.buyers);
  dormant.push(...planted.dormant);
}

const plantCampaigns = () => plantResponseCampaigns(t.container.database.db, NOW, { buyers, dormant }, CAMPAIGNS);

describe.each(testEngines())("response models, escalation drivers and the campaign forecast on $name", (engine) => {
  beforeAll(async () => {
    buyers.length = 0;
    dormant.length = 0;
    t = await createTestApp({ now: () => NOW, database: await engine.open() });
    manager = await t.login(demoAgents[2].email);
    agent = await t.login(demoAgents[0].email);
    await plantCustomers();
  }, 180_000);
  afterAll(async () => {
    await t?.close();
    await engine.cleanup();
  });

  it("before any refresh, the response model says no_run and the scores list is empty", async () => {
    const res = await get<InsightResponseDTO>("/api/v1/insights/response");
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ status: "no_run", chosen: null, models: [], examples: 0 });
    expect(res.body.data.message).toMatch(/first refresh/);
    const scores = await get<InsightResponseScoresDTO>("/api/v1/insights/response/scores");
    expect(scores.body.data).toMatchObject({ status: "no_run", customers: [], nextCursor: null });
  });

  it("with no campaign outcomes, the response model is insufficient and says what it needs; top-N audiences and the forecast say so too", async () => {
    const run = await refreshAndWait();
    expect(run.status).toBe("succeeded");
    const res = (await get<InsightResponseDTO>("/api/v1/insights/response")).body.data;
    expect(res).toMatchObject({ status: "insufficient", chosen: null, models: [], examples: 0, responders: 0, scored: 0, needs: { examples: 50, perClass: 5 } });
    expect(res.message).toMatch(/at least 50 delivered campaign sends/);
    expect((await get<InsightResponseScoresDTO>("/api/v1/insights/response/scores")).body.data).toMatchObject({ status: "insufficient", customers: [] });
    const created = await post<CampaignDTO>("/api/v1/campaigns", { name: "Top", audience: { topResponse: { limit: 5 } }, channel: "widget", message: "Hi" });
    expect(created.status).toBe(400);
    expect(created.body.error).toMatchObject({ code: "VALIDATION_FAILED", fields: { audience: "no response scores yet" } });
    const forecast = await post<CampaignForecastDTO>("/api/v1/campaigns/forecast", { audience: { filter: { q: "buyer" } }, channel: "widget", message: "Hello" });
    expect(forecast.status).toBe(200);
    expect(forecast.body.data).toMatchObject({ status: "insufficient", responseRate: null, revenue: null });
    expect(forecast.body.data.message).toMatch(/needs at least \d+ past campaigns/);
  }, 180_000);

  it("with past outcomes, both models are reported with AUC, accuracy and calibration; the better one scores every customer", async () => {
    await plantCampaigns();
    await refreshAndWait();
    const res = (await get<InsightResponseDTO>("/api/v1/insights/response")).body.data;
    expect(res.status).toBe("ready");
    expect(res.message).toBeNull();
    expect(res.examples).toBe(CAMPAIGNS * 30);
    expect(res.campaigns).toBe(CAMPAIGNS);
    expect(res.models.map((m) => m.name)).toEqual(["logistic", "svm"]);
    for (const model of res.models) {
      expect(model.auc).toBeGreaterThan(0.9);
      expect(model.accuracy).toBeGreaterThan(0.8);
      expect(model.calibration).toHaveLength(10);
      expect(model.calibration.reduce((s, b) => s + b.examples, 0)).toBe(res.examples);
    }
    const best = res.models.reduce((a, b) => (b.auc > a.auc ? b : a));
    expect(res.chosen).toBe(best.name);
    expect(res.scored).toBe(60);
    // Buyers (who always replied) rank above every dormant customer.
    const page = (await get<InsightResponseScoresDTO>("/api/v1/insights/response/scores?limit=30")).body.data;
    expect(page.customers).toHaveLength(30);
    expect(new Set(page.customers.map((c) => c.customerId))).toEqual(new Set(buyers));
    const scores = page.customers.map((c) => c.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    const next = (await get<InsightResponseScoresDTO>(`/api/v1/insights/response/scores?limit=30&cursor=${page.nextCursor}`)).body.data;
    expect(new Set(next.customers.map((c) => c.customerId))).toEqual(new Set(dormant));
    expect(Math.max(...next.customers.map((c) => c.score))).toBeLessThan(Math.min(...scores));
    // The profile shows the score beside the segment and churn risk.
    const profile = (await get<CustomerProfileDTO>(`/api/v1/customers/${buyers[0]}`)).body.data;
    expect(profile.responseScore).toBe(page.customers.find((c) => c.customerId === buyers[0])?.score);
  }, 240_000);

  it('a "top N by response score" campaign reaches exactly the N highest-scored customers', async () => {
    const top = (await get<InsightResponseScoresDTO>("/api/v1/insights/response/scores?limit=7")).body.data.customers.map((c) => c.customerId);
    const created = await post<CampaignDTO>("/api/v1/campaigns", { name: "Top seven", audience: { topResponse: { limit: 7 } }, channel: "widget", message: "Hi {{name}}" });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.data.audience).toEqual({ topResponse: { limit: 7 } });
    await post(`/api/v1/campaigns/${created.body.data.id}/start`, {});
    await expect
      .poll(async () => (await get<CampaignDTO>(`/api/v1/campaigns/${created.body.data.id}`)).body.data.status, { timeout: 30_000 })
      .toBe("completed");
    const sent = rows<{ customer_id: string }>(await t.container.database.db.execute(sql`select customer_id from campaign_sends where campaign_id = ${created.body.data.id}::uuid`));
    expect(new Set(sent.map((r) => r.customer_id))).toEqual(new Set(top));
    expect(sent).toHaveLength(7);
  }, 120_000);

  it("rejects a top-N audience without a whole positive limit with VALIDATION_FAILED", async () => {
    for (const audience of [{ topResponse: { limit: 0 } }, { topResponse: { limit: 2.5 } }, { topResponse: {} }, { topResponse: { limit: 5, extra: 1 } }]) {
      const res = await post<CampaignDTO>("/api/v1/campaigns", { name: "Bad", audience, channel: "widget", message: "Hi" });
      expect(res.status, JSON.stringify(audience)).toBe(400);
      expect(res.body.error?.code).toBe("VALIDATION_FAILED");
    }
  });

  it("the forecast predicts a higher response rate for an audience of buyers than of dormant customers, with its evaluation", async () => {
    const forecast = async (q: string) =>
      (await post<CampaignForecastDTO>("/api/v1/campaigns/forecast", { audience: { filter: { q } }, channel: "widget", message: "Hello {{name}}, news from the shop." })).body.data;
    const toBuyers = await forecast("buyer");
    const toDormant = await forecast("dormant");
    expect(toBuyers.status).toBe("ready");
    expect(toBuyers.audienceSize).toBe(30);
    expect(toBuyers.responseRate, JSON.stringify([toBuyers, toDormant])).toBeGreaterThan(toDormant.responseRate ?? 1);
    expect(toBuyers.model.campaigns).toBe(CAMPAIGNS);
    expect(toBuyers.model.folds).toBe(CAMPAIGNS);
    expect(toBuyers.model.r2?.responseRate).toBeGreaterThan(0.9);
    expect(toBuyers.model.looMae?.responseRate).toBeGreaterThanOrEqual(0);
    expect(toBuyers.model.features).toContain("meanOrders12m");
    expect(toBuyers.inputs).toMatchObject({ audienceSize: 30, hasVariables: 1, variants: 1, email: 0 });
    const bad = await post("/api/v1/campaigns/forecast", { audience: { segment: "" }, channel: "fax" });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.code).toBe("VALIDATION_FAILED");
  }, 60_000);

  it("escalation drivers: a rule naming what sends conversations to a human, with support, confidence and accuracy", async () => {
    const res = (await get<InsightEscalationDTO>("/api/v1/insights/escalation")).body.data;
    expect(res.conversations).toBe(60);
    expect(res.escalated).toBe(30);
    expect(res.accuracy).toBe(1);
    expect(res.message).toBeNull();
    const rule = res.rules.find((r) => r.confidence === 1);
    expect(rule?.support).toBe(30);
    expect(rule?.text).toMatch(/→ 100 % handed to a human, 30 conversations/);
  });

  it("agents get 403 on the response, scores and escalation endpoints; a forged cursor is 400", async () => {
    for (const [method, path] of [
      ["GET", "/api/v1/insights/response"],
      ["GET", "/api/v1/insights/response/scores"],
      ["GET", "/api/v1/insights/escalation"],
    ] as const) {
      const res = await api<Err>(t.url, method, path, { cookie: agent });
      expect(res.status, path).toBe(403);
    }
    const bad = await get<InsightResponseScoresDTO>("/api/v1/insights/response/scores?cursor=nope");
    expect(bad.status).toBe(400);
  });
});
