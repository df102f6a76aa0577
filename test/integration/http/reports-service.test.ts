import { parse } from "csv-parse/sync";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServiceReportDTO } from "../../../src/contracts/reports.ts";
import { SERVICE_COLUMNS, serviceValues } from "../../../src/modules/reports/trend-csv.ts";
import { tables } from "../../../src/db/index.ts";
import { api } from "../../support/api-client.ts";
import { createTestApp, type TestApp } from "../../support/create-test-app.ts";
import { reportFixtures } from "../../support/report-fixtures.ts";
import { serviceReportDTO } from "../../../src/http/openapi/schemas-reports.ts";

let t: TestApp;
let admin: string;
let alex: string;
let sam: string;
const service = async (query: string): Promise<ServiceReportDTO> => {
  const res = (await api(t.url, "GET", `/api/v1/reports/service?${query}`, { cookie: admin })) as { status: number; body: { data: ServiceReportDTO } };
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  // As the OpenAPI document describes it.
  return serviceReportDTO.parse(res.body.data) as ServiceReportDTO;
};
const group = (r: ServiceReportDTO, key: string | null) => r.groups.find((g) => g.key === key)!;
const Q = "from=2026-03-01&to=2026-03-05&timezone=UTC";

beforeAll(async () => {
  t = await createTestApp({ now: () => new Date("2026-04-10T12:00:00Z") });
  admin = await t.login();
  const f = reportFixtures(t.container.database.db);
  ({ alex, sam } = await f.setup());
  const mood = { score: 0, label: "neutral" as const };
  // C1 (web): handed off, answered in 30 s, resolved by Alex.
  const c1 = await f.conversation("demo", "web", "2026-03-02T09:00:00Z");
  await f.customer(c1, "2026-03-02T09:00:00Z", "help", mood);
  const t1 = await f.ticket(c1, { createdAt: "2026-03-02T09:00:30Z", reason: "negative_sentiment", priority: "high", status: "resolved", assigneeId: alex, firstResponseAt: "2026-03-02T09:01:00Z", resolvedAt: "2026-03-02T09:20:00Z" });
  await f.event(t1, "2026-03-02T09:00:40Z", "assigned", { assigneeId: alex, rule: "round_robin" });
  await f.event(t1, "2026-03-02T09:20:00Z", "status_changed", { from: "open", to: "resolved" });
  // C2 (telegram): the bot alone (contained).
  const c2 = await f.conversation("tg", "telegram", "2026-03-02T10:00:00Z");
  await f.customer(c2, "2026-03-02T10:00:00Z", "where is my order", mood);
  // C3 (web): handed off, answered in 60 s by Sam, still open.
  const c3 = await f.conversation("demo", "web", "2026-03-03T08:00:00Z");
  await f.customer(c3, "2026-03-03T08:00:00Z", "refund", mood);
  const t3 = await f.ticket(c3, { createdAt: "2026-03-03T08:01:00Z", reason: "customer_request", priority: "normal", status: "open", assigneeId: sam, firstResponseAt: "2026-03-03T08:02:00Z" });
  await f.event(t3, "2026-03-03T08:01:30Z", "assigned", { from: null, to: sam });
  // C4 (web): answered in 240 s by Alex, resolved, reopened the next morning, resolved again.
  const c4 = await f.conversation("demo", "web", "2026-03-03T12:00:00Z");
  await f.customer(c4, "2026-03-03T12:00:00Z", "broken", mood);
  const t4 = await f.ticket(c4, { createdAt: "2026-03-03T12:01:00Z", reason: "customer_request", priority: "normal", status: "resolved", assigneeId: alex, firstResponseAt: "2026-03-03T12:05:00Z", resolvedAt: "2026-03-04T10:00:00Z" });
  await f.event(t4, "2026-03-03T12:02:00Z", "assigned", { from: null, to: alex });
  await f.event(t4, "2026-03-03T13:01:00Z", "status_changed", { from: "open", to: "resolved" });
  await f.event(t4, "2026-03-04T09:00:00Z", "status_changed", { from: "resolved", to: "open" });
  await f.event(t4, "2026-03-04T10:00:00Z", "status_changed", { from: "open", to: "resolved" });
  // SLA breaches, as the scan records them: T1's first response, T3's next response and resolution, T4's resolution;
  // one of T3's after the period is not counted.
  const breach = (ticketId: string, metric: "first_response" | "next_response" | "resolution", at: string) => ({ ticketId, metric, priority: "normal" as const, dueAt: new Date(at), breachedAt: new Date(at) });
  await t.container.database.db.insert(tables.slaBreaches).values([
    breach(t1, "first_response", "2026-03-02T09:00:50Z"),
    breach(t3, "next_response", "2026-03-03T09:00:00Z"),
    breach(t3, "resolution", "2026-03-04T08:01:00Z"),
    breach(t4, "resolution", "2026-03-03T20:01:00Z"),
    breach(t3, "first_response", "2026-03-06T08:00:00Z"),
  ]);
  // A conversation in which the customer never wrote is not counted.
  await f.conversation("demo", "web", "2026-03-03T14:00:00Z");
  // CSAT answers, counted by when they were given: C1 5 and C4 4 (web, Alex), C2 2 (telegram); C3's 1 after the period is not counted.
  const rate = (conversationId: string, score: number, at: string) => ({ conversationId, score, via: "widget" as const, requestedAt: new Date(at), respondedAt: new Date(at) });
  await t.container.database.db.insert(tables.csatResponses).values([
    rate(c1, 5, "2026-03-02T09:30:00Z"),
    rate(c2, 2, "2026-03-02T11:00:00Z"),
    rate(c4, 4, "2026-03-04T10:30:00Z"),
    rate(c3, 1, "2026-03-06T09:00:00Z"),
  ]);
}, 60_000);
afterAll(async () => {
  await t?.close();
});

describe("GET /api/v1/reports/service", () => {
  it("by channel: conversations, containment, hand-off reasons, first-response and resolution percentiles, reopen rate, tickets, as computed by hand", async () => {
    const r = await service(`${Q}&groupBy=channel`);
    expect(r.groups.map((g) => g.key)).toEqual(["web", "telegram"]);
    expect(group(r, "web").total).toEqual({
      conversations: 3, contained: 0, containedShare: 0,
      handoffs: 3, handoffReasons: { customer_request: 2, negative_sentiment: 1 },
      // [30, 60, 240] s: p50 60; p90 60 + 0.8 × 180 = 204.
      firstResponse: { p50: 60, p90: 204 },
      // T1 1,170 s and T4 79,140 s (created 03-03 12:01, resolved 03-04 10:00).
      resolution: { p50: 40155, p90: 71343 },
      resolutions: 3, reopened: 1, reopenRate: 0.3333,
      ticketsByStatus: { open: 1, pending: 0, resolved: 2 },
      ticketsByPriority: { low: 0, normal: 2, high: 1, urgent: 0 },
      assigned: 3, resolved: 2,
      // T1 1,160 s from assignment; T4 79,080 s from its assignment at 03-03 12:02.
      medianHandleSeconds: 40120,
      slaBreaches: { firstResponse: 1, nextResponse: 1, resolution: 2, total: 4 },
      // 5 and 4: mean 4.5, both satisfied.
      csat: { responses: 2, meanScore: 4.5, satisfiedShare: 1 },
    });
    expect(group(r, "web").series.map((p) => [p.bucket, p.conversations, p.handoffs, p.firstResponse.p50, p.firstResponse.p90])).toEqual([
      ["2026-03-02T00:00:00+00:00", 1, 1, 30, 30],
      ["2026-03-03T00:00:00+00:00", 2, 2, 150, 222],
      ["2026-03-04T00:00:00+00:00", 0, 0, null, null],
    ]);
    expect(group(r, "telegram").total).toMatchObject({ conversations: 1, contained: 1, containedShare: 1, handoffs: 0, firstResponse: { p50: null, p90: null }, reopenRate: null });
  });

  it("counts SLA breaches per metric by when they were recorded: per group, per bucket, per agent and over the whole report", async () => {
    const r = await service(`${Q}&groupBy=channel`);
    expect(r.slaBreaches).toEqual({ firstResponse: 1, nextResponse: 1, resolution: 2, total: 4 });
    expect(group(r, "web").series.map((p) => [p.bucket, p.slaBreaches])).toEqual([
      ["2026-03-02T00:00:00+00:00", { firstResponse: 1, nextResponse: 0, resolution: 0, total: 1 }],
      ["2026-03-03T00:00:00+00:00", { firstResponse: 0, nextResponse: 1, resolution: 1, total: 2 }],
      ["2026-03-04T00:00:00+00:00", { firstResponse: 0, nextResponse: 0, resolution: 1, total: 1 }],
    ]);
    expect(group(r, "telegram").total.slaBreaches).toEqual({ firstResponse: 0, nextResponse: 0, resolution: 0, total: 0 });
    const byAgent = await service(`${Q}&groupBy=agent`);
    expect(group(byAgent, alex).total.slaBreaches).toEqual({ firstResponse: 1, nextResponse: 0, resolution: 1, total: 2 });
    expect(group(byAgent, sam).total.slaBreaches).toEqual({ firstResponse: 0, nextResponse: 1, resolution: 1, total: 2 });
    expect(byAgent.slaBreaches.total).toBe(4);
    // A period that takes in the later breach counts it.
    const wider = await service("from=2026-03-01&to=2026-03-08&timezone=UTC&groupBy=inbox");
    expect(wider.slaBreaches).toEqual({ firstResponse: 2, nextResponse: 1, resolution: 2, total: 5 });
  });

  it("CSAT: answers, mean score and share satisfied (4–5) per group, per bucket and overall, by when each answer was given", async () => {
    const r = await service(`${Q}&groupBy=channel`);
    expect(group(r, "telegram").total.csat).toEqual({ responses: 1, meanScore: 2, satisfiedShare: 0 });
    expect(group(r, "web").series.map((p) => [p.bucket, p.csat])).toEqual([
      ["2026-03-02T00:00:00+00:00", { responses: 1, meanScore: 5, satisfiedShare: 1 }],
      ["2026-03-03T00:00:00+00:00", { responses: 0, meanScore: null, satisfiedShare: null }],
      ["2026-03-04T00:00:00+00:00", { responses: 1, meanScore: 4, satisfiedShare: 1 }],
    ]);
    // 5 + 2 + 4 = 11 over 3 answers; two of three are 4 or 5.
    expect(r.csat).toEqual({ responses: 3, meanScore: 3.6667, satisfiedShare: 0.6667 });
    const byAgent = await service(`${Q}&groupBy=agent`);
    expect(group(byAgent, alex).total.csat).toEqual({ responses: 2, meanScore: 4.5, satisfiedShare: 1 });
    expect(group(byAgent, null).total.csat).toEqual({ responses: 1, meanScore: 2, satisfiedShare: 0 });
  });

  it("by agent: workload (assigned, resolved, median handle time) and the unassigned conversations the bot kept", async () => {
    const r = await service(`${Q}&groupBy=agent`);
    expect(group(r, alex)).toMatchObject({ label: "Alex Agent", total: { conversations: 2, handoffs: 2, assigned: 2, resolved: 2, medianHandleSeconds: 40120 } });
    expect(group(r, sam)).toMatchObject({ label: "Sam Support", total: { conversations: 1, handoffs: 1, assigned: 1, resolved: 0, medianHandleSeconds: null } });
    expect(group(r, null)).toMatchObject({ label: "Unassigned", total: { conversations: 1, contained: 1 } });
  });

  it("as CSV, the same figures as the JSON, one line per point and one total per group", async () => {
    const json = await service(`${Q}&groupBy=inbox`);
    const res = await fetch(`${t.url}/api/v1/reports/service.csv?${Q}&groupBy=inbox`, { headers: { cookie: admin } });
    expect(res.status).toBe(200);
    const rows = parse(await res.text()) as string[][];
    expect(rows[0]).toEqual(["group", "label", "bucket", ...SERVICE_COLUMNS]);
    const expected = json.groups.flatMap((g) => [...g.series, { ...g.total, bucket: "total" }].map((p) => [g.key ?? "", g.label, p.bucket, ...serviceValues(p).map((v) => (v === null ? "" : String(v)))]));
    expect(rows.slice(1)).toEqual(expected);
    expect(json.groups.map((g) => g.label)).toEqual(["Acme Outdoor website", "Telegram"]);
  });

  it("by team: a ticket counts for its team, a conversation for its latest ticket's team, the rest under 'No team'", async () => {
    const db = t.container.database.db;
    const [billing] = await db.insert(tables.teams).values({ name: "Billing desk" }).returning();
    const [t1, , t4] = await db.select({ id: tables.tickets.id }).from(tables.tickets).orderBy(tables.tickets.createdAt);
    for (const ticket of [t1, t4]) await db.update(tables.tickets).set({ teamId: billing.id }).where(eq(tables.tickets.id, ticket.id));
    try {
      const r = await service(`${Q}&groupBy=team`);
      expect(group(r, billing.id)).toMatchObject({ label: "Billing desk", total: { conversations: 2, handoffs: 2, resolved: 2, resolutions: 3, reopened: 1, slaBreaches: { total: 2 } } });
      expect(group(r, null)).toMatchObject({ label: "No team", total: { conversations: 2, contained: 1, handoffs: 1, resolved: 0, slaBreaches: { total: 2 } } });
    } finally {
      await db.update(tables.tickets).set({ teamId: null });
      await db.delete(tables.teams).where(eq(tables.teams.id, billing.id));
    }
  });

  it("rejects groupBy topic and an unknown grouping with 400 naming groupBy", async () => {
    for (const groupBy of ["topic", "planet"]) {
      const res = await api(t.url, "GET", `/api/v1/reports/service?groupBy=${groupBy}`, { cookie: admin });
      expect(res).toMatchObject({ status: 400, body: { error: { code: "VALIDATION_FAILED", fields: { groupBy: expect.any(String) } } } });
    }
  });
});
