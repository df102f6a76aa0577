/**
 * The sentiment and service reports' and the drill-down's filters (channel, inbox, agent, team, intent, segment): the
 * figures of a filtered report as computed by hand, the rollup and raw paths giving the same answer, and bad values
 * rejected naming the field.
 */
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReportMessageDTO, SentimentReportDTO, ServiceReportDTO } from "../../../src/contracts/reports.ts";
import { api } from "../../support/api-client.ts";
import { createTestApp, type TestApp } from "../../support/create-test-app.ts";
import { reportFixtures } from "../../support/report-fixtures.ts";

type Body<T> = { data: T; nextCursor?: string | null; error?: { code: string; fields?: Record<string, string> } };

let t: TestApp;
let admin: string;
let alex: string;
const Q = "from=2026-03-01&to=2026-03-04&timezone=UTC&interval=day";
const get = async <T>(path: string) => (await api(t.url, "GET", `/api/v1/reports/${path}`, { cookie: admin })) as { status: number; body: Body<T> };
const report = async <T>(path: string): Promise<T> => {
  const res = await get<T>(path);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.data;
};
const sentiment = (q: string) => report<SentimentReportDTO>(`sentiment?${Q}&${q}`);
const service = (q: string) => report<ServiceReportDTO>(`service?${Q}&${q}`);
const group = <G extends { key: string | null }>(groups: G[], key: string | null): G | undefined => groups.find((g) => g.key === key);

beforeAll(async () => {
  t = await createTestApp({ now: () => new Date("2026-04-10T12:00:00Z") });
  admin = await t.login();
  const f = reportFixtures(t.container.database.db);
  ({ alex } = await f.setup());
  // A (web, segment enterprise): "complaint" −2 before any agent; a hand-off to Alex, who replies; "thanks" +1 (Alex's).
  const a = await f.conversation("demo", "web", "2026-03-01T09:00:00Z", { segment: "enterprise" });
  await f.customer(a, "2026-03-01T09:00:00Z", "this is wrong", { score: -2, label: "negative", intent: "complaint" });
  const ticket = await f.ticket(a, { createdAt: "2026-03-01T09:00:30Z", reason: "customer_request", priority: "normal", status: "open", assigneeId: alex, firstResponseAt: "2026-03-01T09:01:00Z" });
  await f.event(ticket, "2026-03-01T09:00:40Z", "assigned", { from: null, to: alex });
  await f.reply(a, "2026-03-01T09:01:00Z", alex);
  await f.customer(a, "2026-03-01T09:02:00Z", "ok thanks", { score: 1, label: "positive", intent: "thanks" });
  // B (Telegram, segment smb): "complaint" −3, "refund" −1; the bot alone.
  const b = await f.conversation("tg", "telegram", "2026-03-01T10:00:00Z", { segment: "smb" });
  await f.customer(b, "2026-03-01T10:00:00Z", "terrible", { score: -3, label: "negative", intent: "complaint" });
  await f.customer(b, "2026-03-01T10:05:00Z", "give my money back", { score: -1, label: "negative", intent: "refund" });
  // C (web, segment smb): "thanks" +2; the bot alone.
  const c = await f.conversation("demo", "web", "2026-03-02T11:00:00Z", { segment: "smb" });
  await f.customer(c, "2026-03-02T11:00:00Z", "great", { score: 2, label: "positive", intent: "thanks" });
}, 180_000);
afterAll(async () => {
  await t?.close();
});

describe("filters on the sentiment report", () => {
  it("segment=smb (read from the messages): web has C's +2, Telegram B's two negative messages", async () => {
    const r = await sentiment("groupBy=channel&segment=smb");
    expect(r.source).toBe("raw");
    expect(r.groups.map((g) => [g.key, g.total.messages, g.total.meanScore, g.total.negativeShare, g.total.conversations, g.total.worsened])).toEqual([
      ["telegram", 2, -2, 1, 1, 0],
      ["web", 1, 2, 0, 0, 0],
    ]);
  });

  it("channel=web grouped by channel reads the rollups, and gives what the messages give (inbox=demo, the same messages, read raw)", async () => {
    const rollups = await sentiment("groupBy=channel&channel=web");
    expect(rollups.source).toBe("rollups");
    // A's −2 and +1, C's +2: 3 messages, mean 1 / 3, 1 of 3 negative; A went from negative to positive.
    expect(rollups.groups.map((g) => g.key)).toEqual(["web"]);
    expect(rollups.groups[0].total).toMatchObject({ messages: 3, meanScore: 0.333, negativeShare: 0.3333, positiveShare: 0.6667, conversations: 1, turnedAround: 1 });
    const raw = await sentiment("groupBy=channel&inbox=demo");
    expect(raw.source).toBe("raw");
    expect(raw.groups).toEqual(rollups.groups);
    // A period starting inside an hour: the rollups answer the whole hours, the messages the edge, under the same filter.
    const edge = "from=2026-03-01T09:01:00Z&to=2026-03-04&timezone=UTC&interval=day&groupBy=channel";
    const edgeRollups = await report<SentimentReportDTO>(`sentiment?${edge}&channel=web`);
    const edgeRaw = await report<SentimentReportDTO>(`sentiment?${edge}&inbox=demo`);
    expect([edgeRollups.source, edgeRaw.source]).toEqual(["rollups", "raw"]);
    expect(edgeRollups.groups[0].total).toMatchObject({ messages: 2, meanScore: 1.5 });
    expect(edgeRaw.groups).toEqual(edgeRollups.groups);
  });

  it("agent=Alex grouped by agent reads the rollups and equals the raw answer (grouped by intent); intent=complaint keeps the two messages before any agent", async () => {
    const byAgent = await sentiment(`groupBy=agent&agent=${alex}`);
    expect(byAgent.source).toBe("rollups");
    expect(byAgent.groups.map((g) => [g.key, g.label, g.total.messages, g.total.meanScore])).toEqual([[alex, "Alex Agent", 1, 1]]);
    const byIntent = await sentiment(`groupBy=intent&agent=${alex}`);
    expect(byIntent.source).toBe("raw");
    expect(byIntent.groups.map((g) => [g.key, g.total.messages, g.total.meanScore])).toEqual([["thanks", 1, 1]]);
    const complaints = await sentiment("groupBy=agent&intent=complaint");
    expect(complaints.groups.map((g) => [g.key, g.total.messages, g.total.meanScore, g.total.negativeShare])).toEqual([[null, 2, -2.5, 1]]);
    // Filters combine: complaints of the smb segment are B's one.
    const both = await sentiment("groupBy=channel&intent=complaint&segment=smb");
    expect(both.groups.map((g) => [g.key, g.total.messages, g.total.meanScore])).toEqual([["telegram", 1, -3]]);
  });

  it("the drill-down and its CSV take the same filters", async () => {
    const res = await get<ReportMessageDTO[]>(`messages?${Q}&groupBy=channel&group=telegram&segment=smb`);
    expect(res.status).toBe(200);
    expect(res.body.data.map((m) => m.text)).toEqual(["give my money back", "terrible"]);
    expect((await get<ReportMessageDTO[]>(`messages?${Q}&groupBy=channel&segment=smb&sentiment=positive`)).body.data.map((m) => m.text)).toEqual(["great"]);
    expect((await get<ReportMessageDTO[]>(`messages?${Q}&agent=${alex}`)).body.data.map((m) => m.text)).toEqual(["ok thanks"]);
    const csv = await fetch(`${t.url}/api/v1/reports/messages.csv?${Q}&intent=complaint`, { headers: { cookie: admin } });
    expect(csv.status).toBe(200);
    const rows = parse(await csv.text()) as string[][];
    expect(rows.slice(1).map((row) => row[row.length - 1])).toEqual(["terrible", "this is wrong"]);
  });
});

describe("filters on the service report", () => {
  it("inbox=tg: B alone, contained; agent=Alex: A, handed to him; segment=smb: B and C, both contained", async () => {
    const tg = await service("groupBy=channel&inbox=tg");
    expect(tg.groups.map((g) => [g.key, g.total.conversations, g.total.contained, g.total.handoffs])).toEqual([["telegram", 1, 1, 0]]);
    const alexOnly = await service(`groupBy=channel&agent=${alex}`);
    expect(alexOnly.groups.map((g) => [g.key, g.total.conversations, g.total.contained, g.total.handoffs, g.total.firstResponse.p50, g.total.assigned])).toEqual([["web", 1, 0, 1, 30, 1]]);
    const smb = await service("groupBy=channel&segment=smb");
    expect(smb.groups.map((g) => [g.key, g.total.conversations, g.total.contained, g.total.handoffs]).sort()).toEqual([
      ["telegram", 1, 1, 0],
      ["web", 1, 1, 0],
    ]);
    // intent: that of the conversation's last customer message (A's and C's are "thanks").
    const thanks = await service("groupBy=inbox&intent=thanks");
    expect(thanks.groups.map((g) => [g.key, g.total.conversations, g.total.handoffs])).toEqual([["demo", 2, 1]]);
    expect(group((await service("groupBy=agent&intent=refund")).groups, null)?.total.conversations).toBe(1);
  });

  it("the service CSV takes the filters", async () => {
    const csv = await fetch(`${t.url}/api/v1/reports/service.csv?${Q}&groupBy=channel&inbox=tg`, { headers: { cookie: admin } });
    expect(csv.status).toBe(200);
    const rows = parse(await csv.text()) as string[][];
    expect(new Set(rows.slice(1).map((row) => row[0]))).toEqual(new Set(["telegram"]));
  });
});

describe("bad filter values", () => {
  it.each([
    ["sentiment", "channel=fax", "channel"],
    ["sentiment", "agent=bob", "agent"],
    ["service", "team=sales", "team"],
    ["messages", "inbox=%3Cscript%3E", "inbox"],
    ["sentiment.csv", "intent=two%20words", "intent"],
    ["service", "segment=", "segment"],
  ])("%s?%s is 400 VALIDATION_FAILED naming %s", async (path, q, field) => {
    const res = await get<unknown>(`${path}?${Q}&${q}`);
    expect(res.status).toBe(400);
    expect(res.body.error?.code).toBe("VALIDATION_FAILED");
    expect(Object.keys(res.body.error?.fields ?? {})).toContain(field);
  });

  it("the CSAT report takes no filters", async () => {
    const res = await get<unknown>(`csat?${Q}&channel=web`);
    expect([res.status, res.body.error?.code]).toEqual([400, "VALIDATION_FAILED"]);
  });
});
