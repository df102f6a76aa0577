/**
 * The CSAT report (figures, correlation with sentiment, disagreements) and the negative-sentiment alerts (raised for a
 * planted spike and not for normal noise, once per spike, acknowledged, notified and mailed), with fixed data and clock.
 */
import { parse } from "csv-parse/sync";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { NotificationDTO } from "../../../src/contracts/helpdesk.ts";
import type { AlertDTO, CsatReportDTO, ReportMessageDTO } from "../../../src/contracts/reports.ts";
import { tables } from "../../../src/db/index.ts";
import { alertDTO, csatReportDTO } from "../../../src/http/openapi/schemas-reports.ts";
import { scanAlerts } from "../../../src/modules/reports/index.ts";
import { alertMailer } from "../../../src/channels/email/alert-mail.ts";
import { api } from "../../support/api-client.ts";
import { ADMIN, createTestApp, type TestApp } from "../../support/create-test-app.ts";
import { reportFixtures, type FixtureMood } from "../../support/report-fixtures.ts";
import { startSmtpSink, type SmtpSink } from "../../support/smtp-sink.ts";

let t: TestApp;
let admin: string;
let sink: SmtpSink;
let now = new Date("2026-04-10T12:30:00Z");
const HOUR = 3_600_000;
const mood = (score: number, topics: string[] = []): FixtureMood => ({ score, label: score < 0 ? "negative" : score > 0 ? "positive" : "neutral", topics });

/** Customer messages of one conversation in one statement: `negative` of `count` are negative, spread over the hour from `at`. */
async function plant(inboxId: string, channel: string, at: Date, count: number, negative: number, topics: string[]): Promise<void> {
  const f = reportFixtures(t.container.database.db);
  const c = await f.conversation(inboxId, channel, at.toISOString());
  const rows = Array.from({ length: count }, (_, i) => {
    const m = mood(i < negative ? -2 : 1, topics);
    const annotation = JSON.stringify({ sentiment: { score: m.score, comparative: 0, label: m.label, confidence: 0.9, drivers: [] }, intent: { name: "other", confidence: 0.9 }, keyPhrases: topics });
    return sql`(${c}::uuid, 'customer', ${`message ${i}`}, ${annotation}::jsonb, ${new Date(at.getTime() + i * 60_000).toISOString()}::timestamptz)`;
  });
  await t.container.database.db.execute(sql`insert into messages (conversation_id, sender_type, text, annotation, created_at) values ${sql.join(rows, sql`, `)}`);
}

const scan = () => scanAlerts({ ...t.container.deps, now: () => now }, t.container.config.alerts, alertMailer(t.container.deps));
const alerts = async (status: "open" | "acknowledged") => {
  const res = await api<{ data: AlertDTO[]; nextCursor: string | null }>(t.url, "GET", `/api/v1/reports/alerts?status=${status}`, { cookie: admin });
  expect(res.status).toBe(200);
  return res.body.data.map((a) => alertDTO.parse(a) as AlertDTO);
};

beforeAll(async () => {
  sink = await startSmtpSink();
  // A floor below the demo inbox's usual share, so what its history allows decides.
  t = await createTestApp({ now: () => now, env: { ALERT_SCAN_MINUTES: "0", ALERT_FLOOR: "0.15", ALERT_MIN_NEGATIVE: "5", ALERT_MIN_MESSAGES: "5" } });
  admin = await t.login();
  const f = reportFixtures(t.container.database.db);
  await f.setup();
  // Outbound email is configured: an email inbox whose relay is the sink.
  const inbox = await api(t.url, "POST", "/api/v1/inboxes", { cookie: admin, body: { name: "Acme support", channel: "email", settings: { address: "support@acme.test", smtpUrl: sink.url } } });
  expect(inbox.status).toBe(201);
  // Four weeks of normal history at 11:00–11:59 UTC: the web inbox 1–3 negative of 10 (10–30 %), the Telegram one 5–7 of 10 (50–70 %).
  for (let d = 1; d <= 28; d++) {
    const at = new Date(Date.parse("2026-04-10T11:00:00Z") - d * 24 * HOUR);
    await plant("demo", "web", at, 10, 1 + ((d + 1) % 3), ["delivery"]);
    await plant("tg", "telegram", at, 10, 5 + ((d + 1) % 3), ["billing"]);
  }
}, 180_000);
afterAll(async () => {
  await t?.close();
  await sink?.close();
});

describe("negative-sentiment alerts", () => {
  it("raises nothing for normal noise: a share inside the last four weeks' range, or too few negative messages", async () => {
    const window = new Date("2026-04-10T11:35:00Z");
    // Web: 2 of 10 (20 %) is usual. Telegram: 9 of 14 (64 %) is far above the floor but within its 70 %; its topic
    // "refund", 4 of 4 with no history, is above the floor but has too few negative messages.
    await plant("demo", "web", window, 10, 2, ["delivery"]);
    await plant("tg", "telegram", window, 10, 5, ["billing"]);
    await plant("tg", "telegram", window, 4, 4, ["refund"]);
    expect(await scan()).toEqual([]);
    expect(await alerts("open")).toEqual([]);
  });

  it("raises one alert per scope for a planted spike (inbox and topic), with the hand-computed share and threshold, notifies managers and admins, and mails them", async () => {
    await plant("demo", "web", new Date("2026-04-10T12:00:00Z"), 10, 10, ["delivery"]);
    const raised = await scan();
    // 12 of 20 negative; the same-hour history's shares are nine 10 %, ten 20 % and nine 30 %: p99 30 %.
    expect(raised.map((a) => [a.scope, a.key, a.label, a.share, a.threshold, a.negative, a.volume])).toEqual([
      ["inbox", "demo", "Acme Outdoor website", 0.6, 0.3, 12, 20],
      ["topic", "delivery", "delivery", 0.6, 0.3, 12, 20],
    ]);
    expect(raised[0]).toMatchObject({ status: "open", windowStart: "2026-04-10T11:30:00.000Z", windowEnd: "2026-04-10T12:30:00.000Z", raisedAt: now.toISOString(), endedAt: null });

    const notes = await api<{ data: NotificationDTO[] }>(t.url, "GET", "/api/v1/notifications", { cookie: admin });
    const spikes = notes.body.data.filter((n) => n.type === "negative_spike");
    expect(spikes.map((n) => [n.data.scope, n.data.key, n.data.share]).sort()).toEqual([["inbox", "demo", 0.6], ["topic", "delivery", 0.6]]);
    const inboxSpike = spikes.find((n) => n.data.scope === "inbox")!;
    expect(inboxSpike.data.alertId).toBe(raised[0].id);
    // The drill-down link lists exactly the negative messages behind the alert.
    const drill = await api<{ data: ReportMessageDTO[] }>(t.url, "GET", `${inboxSpike.data.drillDown}&limit=100`, { cookie: admin });
    expect(drill.status).toBe(200);
    expect(drill.body.data).toHaveLength(12);
    expect(drill.body.data.every((m) => m.label === "negative" && m.inboxId === "demo")).toBe(true);
    // Every active manager and admin is told; agents are not.
    const agentsTold = await t.container.database.db.execute(sql`select count(*)::int as n from notifications n join users u on u.id = n.user_id where n.type = 'negative_spike' and u.role = 'agent'`);
    expect((agentsTold as unknown as { rows: { n: number }[] }).rows[0].n).toBe(0);
    await expect.poll(() => sink.sentTo(ADMIN.email).length, { timeout: 20_000 }).toBe(1);
    const mail = sink.sentTo(ADMIN.email)[0]!.mail;
    expect(mail.subject).toBe("Alert: negative messages spiking in 2 places");
    expect(mail.text).toContain('inbox "Acme Outdoor website": 60% negative (12 of 20 customer messages)');
    expect(mail.text).toContain("/api/v1/reports/messages?");
  });

  it("does not repeat an alert while the same spike lasts, however many scans see it", async () => {
    expect(await scan()).toEqual([]);
    now = new Date("2026-04-10T12:40:00Z");
    await plant("demo", "web", new Date("2026-04-10T12:31:00Z"), 5, 5, ["delivery"]);
    expect(await scan()).toEqual([]);
    const stored = await t.container.database.db.select().from(tables.reportAlerts);
    expect(stored).toHaveLength(2);
    expect(sink.sentTo(ADMIN.email)).toHaveLength(1);
  });

  it("is acknowledged through the API (open → acknowledged); unknown ids are ALERT_NOT_FOUND, bad ones VALIDATION_FAILED", async () => {
    const [first] = await alerts("open");
    const ack = await api<{ data: AlertDTO }>(t.url, "POST", `/api/v1/reports/alerts/${first!.id}/acknowledge`, { cookie: admin });
    expect(ack.status).toBe(200);
    expect(ack.body.data).toMatchObject({ id: first!.id, status: "acknowledged", acknowledgedAt: now.toISOString(), endedAt: null });
    expect((await alerts("open")).map((a) => a.id)).not.toContain(first!.id);
    expect((await alerts("acknowledged")).map((a) => a.id)).toEqual([first!.id]);
    const unknown = await api<{ error: { code: string } }>(t.url, "POST", "/api/v1/reports/alerts/00000000-0000-4000-8000-000000000000/acknowledge", { cookie: admin });
    expect([unknown.status, unknown.body.error.code]).toEqual([404, "ALERT_NOT_FOUND"]);
    const bad = await api<{ error: { code: string } }>(t.url, "POST", "/api/v1/reports/alerts/nope/acknowledge", { cookie: admin });
    expect([bad.status, bad.body.error.code]).toEqual([400, "VALIDATION_FAILED"]);
    const badStatus = await api<{ error: { code: string } }>(t.url, "GET", "/api/v1/reports/alerts?status=closed", { cookie: admin });
    expect([badStatus.status, badStatus.body.error.code]).toEqual([400, "VALIDATION_FAILED"]);
  });

  it("after the scope fell back below its threshold, a new spike raises a new alert", async () => {
    now = new Date("2026-04-10T14:30:00Z");
    expect(await scan()).toEqual([]);
    const ended = await t.container.database.db.select().from(tables.reportAlerts);
    expect(ended.every((a) => a.endedAt?.toISOString() === now.toISOString())).toBe(true);
    await plant("demo", "web", new Date("2026-04-10T14:35:00Z"), 8, 8, ["delivery"]);
    now = new Date("2026-04-10T14:55:00Z");
    const again = await scan();
    expect(again.map((a) => [a.scope, a.key, a.share])).toEqual([["inbox", "demo", 1], ["topic", "delivery", 1]]);
    expect(await t.container.database.db.select().from(tables.reportAlerts)).toHaveLength(4);
  });
});

describe("GET /api/v1/reports/csat", () => {
  const Q = "from=2026-03-01&to=2026-03-08&timezone=UTC&interval=week";
  beforeAll(async () => {
    const f = reportFixtures(t.container.database.db);
    const rated = async (inbox: string, channel: string, day: string, scores: number[], csat: number) => {
      const c = await f.conversation(inbox, channel, `2026-03-0${day}T09:00:00Z`);
      for (const [i, s] of scores.entries()) await f.customer(c, `2026-03-0${day}T09:0${i}:00Z`, "text", mood(s));
      await t.container.database.db.insert(tables.csatResponses).values({ conversationId: c, score: csat, via: "widget", requestedAt: new Date(`2026-03-0${day}T10:00:00Z`), respondedAt: new Date(`2026-03-0${day}T10:05:00Z`) });
      return c;
    };
    // A: web, mean +3, rated 1 (disagree). B: web, mean −2, rated 5 (disagree). C: telegram, +1 rated 4. D: telegram, −2 rated 2. E: web, no sentiment, rated 3.
    ids.a = await rated("demo", "web", "2", [2, 4], 1);
    ids.b = await rated("demo", "web", "3", [-3, -1], 5);
    await rated("tg", "telegram", "4", [1], 4);
    await rated("tg", "telegram", "5", [-2], 2);
    await rated("demo", "web", "6", [], 3);
  });
  const ids: { a?: string; b?: string } = {};

  it("the figures per group and overall, Pearson's r with the conversations' sentiment, and the disagreements with their links, as computed by hand", async () => {
    const res = await api<{ data: CsatReportDTO }>(t.url, "GET", `/api/v1/reports/csat?${Q}&groupBy=channel`, { cookie: admin });
    expect(res.status).toBe(200);
    const r = csatReportDTO.parse(res.body.data) as CsatReportDTO;
    // 1 + 5 + 4 + 2 + 3 = 15 over 5; 5 and 4 satisfied.
    expect(r.overall).toEqual({ responses: 5, meanScore: 3, satisfiedShare: 0.4 });
    expect(r.groups.map((g) => [g.key, g.total])).toEqual([
      ["web", { responses: 3, meanScore: 3, satisfiedShare: 0.3333 }],
      ["telegram", { responses: 2, meanScore: 3, satisfiedShare: 0.5 }],
    ]);
    // Pairs (1, 3), (5, −2), (4, 1), (2, −2): Σdxdy = −7, Σdx² = 10, Σdy² = 18, r = −7 / √180 = −0.52175.
    expect(r.sentiment).toEqual({ conversations: 4, pearson: -0.5217 });
    expect(r.disagreements.map((d) => [d.conversationId, d.kind, d.score, d.sentiment, d.link])).toEqual([
      [ids.a, "low_csat_positive_sentiment", 1, 3, `/console/conversations/${ids.a}`],
      [ids.b, "high_csat_negative_sentiment", 5, -2, `/console/conversations/${ids.b}`],
    ]);
  });

  it("as CSV: the same figures, the overall line and one line per disagreement; bad groupings are VALIDATION_FAILED", async () => {
    const json = (await api<{ data: CsatReportDTO }>(t.url, "GET", `/api/v1/reports/csat?${Q}&groupBy=inbox`, { cookie: admin })).body.data;
    const res = await fetch(`${t.url}/api/v1/reports/csat.csv?${Q}&groupBy=inbox`, { headers: { cookie: admin } });
    expect(res.status).toBe(200);
    const rows = parse(await res.text()) as string[][];
    expect(rows[0]).toEqual(["group", "label", "bucket", "responses", "meanScore", "satisfiedShare", "conversationId", "kind", "score", "sentiment", "link"]);
    const totals = rows.filter((row) => row[2] === "total").map((row) => [row[0], row.slice(3, 6)]);
    const cell = (v: number | null) => (v === null ? "" : String(v));
    expect(totals).toEqual([
      ...json.groups.map((g) => [g.key ?? "", [g.total.responses, g.total.meanScore, g.total.satisfiedShare].map(cell)]),
      ["overall", ["5", "3", "0.4"]],
    ]);
    expect(rows.filter((row) => row[2] === "disagreement").map((row) => row[6])).toEqual([ids.a, ids.b]);
    const bad = await api<{ error: { code: string } }>(t.url, "GET", "/api/v1/reports/csat?groupBy=topic", { cookie: admin });
    expect([bad.status, bad.body.error.code]).toEqual([400, "VALIDATION_FAILED"]);
  });
});
