import { parse } from "csv-parse/sync";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReportMessagesPageDTO, SentimentReportDTO } from "../../../src/contracts/reports.ts";
import { demoAgents } from "../../../src/db/seed/demo-data.ts";
import { api } from "../../support/api-client.ts";
import { createTestApp, type TestApp } from "../../support/create-test-app.ts";
import { testEngines } from "../../support/engines.ts";
import { reportFixtures } from "../../support/report-fixtures.ts";
import { reportMessageDTO, sentimentReportDTO } from "../../../src/http/openapi/schemas-reports.ts";

type Body<T> = { data: T; nextCursor?: string | null; error?: { code: string; fields?: Record<string, string> } };

describe.each(testEngines())("sentiment report on $name", (engine) => {
  let t: TestApp;
  let admin: string;
  let alex: string;
  let sam: string;
  const get = async <T>(path: string, cookie = admin) => (await api(t.url, "GET", `/api/v1/reports/${path}`, { cookie })) as { status: number; body: Body<T> };
  const report = async (query: string) => {
    const res = await get<SentimentReportDTO>(`sentiment?${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    // As the OpenAPI document describes it.
    return sentimentReportDTO.parse(res.body.data) as SentimentReportDTO;
  };
  const group = (r: SentimentReportDTO, key: string | null) => r.groups.find((g) => g.key === key)!;

  beforeAll(async () => {
    t = await createTestApp({ database: await engine.open(), now: () => new Date("2026-04-10T12:00:00Z") });
    admin = await t.login();
    const f = reportFixtures(t.container.database.db);
    ({ alex, sam } = await f.setup());
    // C1 (web, VIP): negative, Alex replies, neutral, Alex, positive: turned around; Alex's stint went from -2 to 3.
    const c1 = await f.conversation("demo", "web", "2026-03-02T09:00:00Z", { tier: "vip", segment: "retail" });
    await f.customer(c1, "2026-03-02T09:00:00Z", "this is awful", { score: -2, label: "negative", intent: "complaint", topics: ["service"], drivers: [{ text: "awful", weight: -2 }] });
    await f.reply(c1, "2026-03-02T09:01:00Z", alex);
    await f.customer(c1, "2026-03-02T09:05:00Z", "ok", { score: 1, label: "neutral", intent: "thanks" });
    await f.reply(c1, "2026-03-02T09:06:00Z", alex);
    await f.customer(c1, "2026-03-02T09:10:00Z", "great, solved, thank you", { score: 3, label: "positive", intent: "thanks", drivers: [{ text: "great", weight: 2 }, { text: "thank you", weight: 1 }] });
    // C2 (telegram): positive then negative with the bot only: worsened.
    const c2 = await f.conversation("tg", "telegram", "2026-03-02T10:00:00Z");
    await f.customer(c2, "2026-03-02T10:00:00Z", "love the tent", { score: 2, label: "positive", intent: "order_status", topics: ["tent"] });
    await f.reply(c2, "2026-03-02T10:00:05Z", null);
    await f.customer(c2, "2026-03-02T10:30:00Z", "where is it though", { score: -1, label: "negative", intent: "order_status", topics: ["tent"] });
    // C3 (web): negative, Sam replies, more negative: Sam's stint went from -1 to -3.
    const c3 = await f.conversation("demo", "web", "2026-03-03T08:00:00Z");
    await f.customer(c3, "2026-03-03T08:00:00Z", "refund please", { score: -1, label: "negative", intent: "refund" });
    await f.reply(c3, "2026-03-03T08:02:00Z", sam);
    await f.customer(c3, "2026-03-03T08:10:00Z", "still nothing, terrible", { score: -3, label: "negative", intent: "refund", drivers: [{ text: "terrible", weight: -3 }] });
    // C5 (web), across the night Paris moves its clocks forward (2026-03-29 02:00 CET → 03:00 CEST).
    const c5 = await f.conversation("demo", "web", "2026-03-28T22:30:00Z");
    for (const at of ["2026-03-28T22:30:00Z", "2026-03-28T23:30:00Z", "2026-03-29T21:30:00Z", "2026-03-29T22:30:00Z"]) {
      await f.customer(c5, at, "hm", { score: 0, label: "neutral" });
    }
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await engine.cleanup();
  });

  it("by channel and day: counts, mean scores, shares and turned-around or worsened conversations as computed by hand", async () => {
    const r = await report("from=2026-03-01&to=2026-03-05&interval=day&groupBy=channel&timezone=UTC");
    expect(r).toMatchObject({ from: "2026-03-01T00:00:00.000Z", to: "2026-03-05T00:00:00.000Z", interval: "day", groupBy: "channel", timezone: "UTC", source: "rollups" });
    expect(r.groups.map((g) => g.key)).toEqual(["web", "telegram"]);
    const web = group(r, "web");
    expect(web.total).toEqual({
      messages: 5, meanScore: -0.4, negativeShare: 0.6, neutralShare: 0.2, positiveShare: 0.2,
      conversations: 2, worsened: 0, turnedAround: 1, agentChange: 1.5, agentConversations: 2,
    });
    expect(web.series).toEqual([
      { bucket: "2026-03-02T00:00:00+00:00", messages: 3, meanScore: 0.667, negativeShare: 0.3333, neutralShare: 0.3333, positiveShare: 0.3333, conversations: 1, worsened: 0, turnedAround: 1, agentChange: 5, agentConversations: 1 },
      { bucket: "2026-03-03T00:00:00+00:00", messages: 2, meanScore: -2, negativeShare: 1, neutralShare: 0, positiveShare: 0, conversations: 1, worsened: 0, turnedAround: 0, agentChange: -2, agentConversations: 1 },
    ]);
    expect(group(r, "telegram").total).toMatchObject({ messages: 2, meanScore: 0.5, negativeShare: 0.5, positiveShare: 0.5, conversations: 1, worsened: 1, turnedAround: 0, agentChange: null });
  });

  it("by agent: a customer message belongs to the agent who replied last before it; per agent the mean change from the agent's first reply to the end", async () => {
    const r = await report("from=2026-03-01&to=2026-03-05&groupBy=agent&timezone=UTC");
    expect(group(r, alex)).toMatchObject({ label: "Alex Agent", total: { messages: 2, meanScore: 2, agentChange: 5, agentConversations: 1, turnedAround: 1 } });
    expect(group(r, sam)).toMatchObject({ label: "Sam Support", total: { messages: 1, meanScore: -3, agentChange: -2, agentConversations: 1 } });
    expect(group(r, null)).toMatchObject({ label: "No agent (bot or queue)", total: { messages: 4, meanScore: -0.5, worsened: 1, agentChange: null } });
  });

  it("by tier, segment, intent and topic, read from the messages", async () => {
    const tier = await report("from=2026-03-01&to=2026-03-05&groupBy=tier&timezone=UTC");
    expect(tier.source).toBe("raw");
    expect(group(tier, "vip").total).toMatchObject({ messages: 3, meanScore: 0.667 });
    expect(group(tier, "standard").total).toMatchObject({ messages: 4, meanScore: -0.75 });
    expect(group(await report("from=2026-03-01&to=2026-03-05&groupBy=segment&timezone=UTC"), "retail").total.messages).toBe(3);
    const intent = await report("from=2026-03-01&to=2026-03-05&groupBy=intent&timezone=UTC");
    expect(group(intent, "refund").total).toMatchObject({ messages: 2, meanScore: -2, negativeShare: 1 });
    const topic = await report("from=2026-03-01&to=2026-03-05&groupBy=topic&timezone=UTC");
    expect(group(topic, "tent").total).toMatchObject({ messages: 2, conversations: 1, worsened: 1 });
    expect(group(topic, null).total.messages).toBe(4);
  });

  it("by team: a message counts for its conversation's latest ticket's team; the drill-down lists them; a bad team id is 400", async () => {
    const db = t.container.database.db;
    const f = reportFixtures(db);
    const [{ id: teamId }] = ((await db.execute(sql`insert into teams (name) values ('Refunds desk') returning id`)) as unknown as { rows: { id: string }[] }).rows;
    const c3 = ((await db.execute(sql`select conversation_id as id from messages where text = 'refund please'`)) as unknown as { rows: { id: string }[] }).rows[0].id;
    const ticket = await f.ticket(c3, { createdAt: "2026-03-03T08:01:00Z", reason: "negative_sentiment", priority: "high", status: "open", assigneeId: sam, teamId });
    try {
      const r = await report("from=2026-03-01&to=2026-03-05&groupBy=team&timezone=UTC");
      expect(group(r, teamId)).toMatchObject({ label: "Refunds desk", total: { messages: 2, meanScore: -2, negativeShare: 1, conversations: 1 } });
      expect(group(r, null)).toMatchObject({ label: "No team (never handed off, or no team)", total: { messages: 5 } });
      const drill = await get(`messages?from=2026-03-01&to=2026-03-05&groupBy=team&group=${teamId}&timezone=UTC`);
      expect((drill.body as { data: { text: string }[] }).data.map((m) => m.text)).toEqual(["still nothing, terrible", "refund please"]);
      expect(await get("messages?groupBy=team&group=refunds")).toMatchObject({ status: 400, body: { error: { fields: { group: expect.stringContaining("team") } } } });
    } finally {
      await db.execute(sql`delete from tickets where id = ${ticket}::uuid`);
      await db.execute(sql`delete from teams where id = ${teamId}::uuid`);
    }
  });

  it("buckets days in the zone asked for: Paris's 23-hour day of 2026-03-29 holds what was written in it", async () => {
    const paris = await report("from=2026-03-28&to=2026-03-31&groupBy=channel&timezone=Europe/Paris");
    expect(paris.from).toBe("2026-03-27T23:00:00.000Z");
    expect(paris.to).toBe("2026-03-30T22:00:00.000Z");
    expect(group(paris, "web").series.map((p) => [p.bucket, p.messages])).toEqual([
      ["2026-03-28T00:00:00+01:00", 1],
      ["2026-03-29T00:00:00+01:00", 2],
      ["2026-03-30T00:00:00+02:00", 1],
    ]);
    const utc = await report("from=2026-03-28&to=2026-03-31&groupBy=channel&timezone=UTC");
    expect(group(utc, "web").series.map((p) => p.messages)).toEqual([2, 2]);
  });

  it("gives the same figures from the messages as from the rollups: a half-hour zone, and partial hours at the edges", async () => {
    const rollups = await report("from=2026-03-01T00:00:00Z&to=2026-03-05T00:00:00Z&groupBy=intent&timezone=UTC");
    const kolkata = await report("from=2026-03-01T00:00:00Z&to=2026-03-05T00:00:00Z&groupBy=intent&timezone=Asia/Kolkata");
    expect(kolkata.source).toBe("raw");
    expect(kolkata.groups.map((g) => [g.key, g.total])).toEqual(rollups.groups.map((g) => [g.key, g.total]));
    // From 09:04 to 11:15: C1's last two messages from the messages (the part-hour 09:04–10:00), C2's from the rollups.
    const edge = await report("from=2026-03-02T09:04:00Z&to=2026-03-02T11:15:00Z&groupBy=channel&timezone=UTC&interval=hour");
    expect(edge.source).toBe("rollups");
    expect(group(edge, "web").total).toMatchObject({ messages: 2, meanScore: 2 });
    expect(group(edge, "web").series.map((p) => p.bucket)).toEqual(["2026-03-02T09:00:00+00:00"]);
    expect(group(edge, "telegram").total).toMatchObject({ messages: 2, meanScore: 0.5 });
  });

  it("drill-down: the messages behind a point, newest first, with score, drivers and conversation, page by page", async () => {
    const r = await report("from=2026-03-01&to=2026-03-05&groupBy=agent&timezone=UTC");
    const point = group(r, alex).series[0];
    const q = `from=2026-03-01&to=2026-03-05&groupBy=agent&timezone=UTC&bucket=${encodeURIComponent(point.bucket)}&group=${alex}`;
    const all = await get<ReportMessagesPageDTO["items"]>(`messages?${q}`);
    expect(all.status).toBe(200);
    expect(all.body.data.map((m) => m.text)).toEqual(["great, solved, thank you", "ok"]);
    expect(all.body.data.length).toBe(point.messages);
    for (const m of all.body.data) reportMessageDTO.parse(m);
    expect(all.body.data[0]).toMatchObject({ score: 3, label: "positive", intent: "thanks", channel: "web", agentId: alex, drivers: [{ text: "great", weight: 2 }, { text: "thank you", weight: 1 }] });
    const first = await get<ReportMessagesPageDTO["items"]>(`messages?${q}&limit=1`);
    expect(first.body.data.map((m) => m.text)).toEqual(["great, solved, thank you"]);
    const second = await get<ReportMessagesPageDTO["items"]>(`messages?${q}&limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body.data.map((m) => m.text)).toEqual(["ok"]);
    expect(second.body.nextCursor).toBeNull();
    const negatives = await get<ReportMessagesPageDTO["items"]>("messages?from=2026-03-01&to=2026-03-05&groupBy=agent&timezone=UTC&group=&sentiment=negative");
    expect(negatives.body.data.map((m) => m.text)).toEqual(["refund please", "where is it though", "this is awful"]);
  });

  it("CSV (the .csv path or Accept: text/csv) holds the same figures as the JSON", async () => {
    const q = "from=2026-03-01&to=2026-03-05&groupBy=channel&timezone=UTC";
    const json = await report(q);
    for (const res of [
      await fetch(`${t.url}/api/v1/reports/sentiment.csv?${q}`, { headers: { cookie: admin } }),
      await fetch(`${t.url}/api/v1/reports/sentiment?${q}`, { headers: { cookie: admin, accept: "text/csv" } }),
    ]) {
      expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
      const rows = parse(await res.text(), { columns: true }) as Record<string, string>[];
      const expected = json.groups.flatMap((g) => [...g.series, { ...g.total, bucket: "total" }].map((p) => ({ group: g.key ?? "", label: g.label, ...p })));
      expect(rows).toEqual(expected.map((p) => Object.fromEntries(Object.entries(p).map(([k, v]) => [k, v === null ? "" : String(v)]))));
    }
    const drill = await fetch(`${t.url}/api/v1/reports/messages.csv?${q}&group=web`, { headers: { cookie: admin } });
    const lines = parse(await drill.text(), { columns: true }) as Record<string, string>[];
    expect(lines.map((l) => l.text)).toEqual(["hm", "hm", "still nothing, terrible", "refund please", "great, solved, thank you", "ok", "this is awful"].slice(2));
    expect(lines[0].drivers).toBe("terrible:-3");
  });

  it("refuses agents (403), an unknown zone, grouping or interval (400 naming the field)", async () => {
    const agentCookie = await t.login(demoAgents[0].email);
    for (const path of ["sentiment", "messages", "service", "sentiment.csv"]) expect((await get(path, agentCookie)).status).toBe(403);
    expect(await get("sentiment?timezone=Mars/Olympus_Mons")).toMatchObject({ status: 400, body: { error: { code: "VALIDATION_FAILED", fields: { timezone: expect.stringContaining("Mars/Olympus_Mons") } } } });
    expect(await get("sentiment?timezone=EST5EDT")).toMatchObject({ status: 400, body: { error: { fields: { timezone: expect.any(String) } } } });
    expect(await get("sentiment?groupBy=planet")).toMatchObject({ status: 400, body: { error: { fields: { groupBy: expect.stringContaining("team") } } } });
    expect(await get("sentiment?interval=fortnight")).toMatchObject({ status: 400, body: { error: { fields: { interval: expect.any(String) } } } });
    expect(await get("messages?groupBy=agent&group=not-an-id")).toMatchObject({ status: 400, body: { error: { fields: { group: expect.any(String) } } } });
  });
});
