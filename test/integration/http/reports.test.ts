import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TopicsReportDTO } from "../../../src/contracts/api.ts";
import { tables } from "../../../src/db/index.ts";
import { demoAgents } from "../../../src/db/seed/demo-data.ts";
import { api } from "../../support/api-client.ts";
import { createTestApp, type TestApp } from "../../support/create-test-app.ts";
import { reportFixtures } from "../../support/report-fixtures.ts";
import { connectCustomer } from "../../support/widget-client.ts";

let t: TestApp;
let admin: string;
const agent = demoAgents.find((u) => u.role === "agent")!;
const manager = demoAgents.find((u) => u.role === "manager")!;

type Report = { status: number; body: { data: TopicsReportDTO; error?: { code: string; fields?: Record<string, string> } } };
const topics = (cookie: string, query = ""): Promise<Report> => api(t.url, "GET", `/api/v1/reports/topics${query}`, { cookie }) as Promise<Report>;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login();
  // Three customers write through the widget, as in production: the key phrases come from the stored annotations.
  const conversations = [["my delivery is late again, this is awful"], ["the delivery of my tent is late"], ["hello", "how do I get a refund for the tent?"]];
  for (const texts of conversations) {
    const customer = await connectCustomer(t.url, t.inboxId);
    for (const text of texts) {
      const answers = customer.received.filter((m) => m.sender.type !== "customer").length;
      await customer.send(text);
      await customer.waitFor(() => customer.received.filter((m) => m.sender.type !== "customer").length > answers);
    }
    customer.close();
  }
}, 60_000);
afterAll(async () => {
  await t?.close();
});

describe("GET /api/v1/reports/topics", () => {
  it("lists the key phrases of the period's customer messages, most frequent first, with their conversations, mood and intent", async () => {
    const res = await topics(admin);
    expect(res.status).toBe(200);
    const report = res.body.data;
    expect(report.messages).toBe(4);
    expect(report.channel).toBeNull();
    expect(new Date(report.to).getTime() - new Date(report.from).getTime()).toBe(7 * 24 * 60 * 60 * 1000);
    const byPhrase = new Map(report.topics.map((x) => [x.phrase, x]));
    expect(report.topics.slice(0, 2).map((x) => x.phrase).sort()).toEqual(["delivery", "tent"]);
    expect(byPhrase.get("delivery")).toMatchObject({ messages: 2, conversations: 2, negativeShare: 1 });
    expect(byPhrase.get("delivery")!.averageSentiment).toBeLessThan(0);
    expect(byPhrase.get("tent")).toMatchObject({ messages: 2, conversations: 2 });
    expect(byPhrase.get("refund")).toMatchObject({ messages: 1, conversations: 1, topIntent: "get_refund" });
    // A greeting has no topic.
    expect(byPhrase.has("hello")).toBe(false);
  });

  it("is open to managers, and refuses agents with 403 FORBIDDEN and anonymous callers with 401", async () => {
    expect((await topics(await t.login(manager.email))).status).toBe(200);
    expect(await topics(await t.login(agent.email))).toMatchObject({ status: 403, body: { error: { code: "FORBIDDEN" } } });
    expect((await api(t.url, "GET", "/api/v1/reports/topics")).status).toBe(401);
  });

  it("covers only the period and channel asked for, and says so when nothing was written there", async () => {
    const empty = await topics(admin, "?from=2020-01-01&to=2020-02-01");
    expect(empty.status).toBe(200);
    expect(empty.body.data).toEqual({
      from: "2020-01-01T00:00:00.000Z",
      to: "2020-02-01T00:00:00.000Z",
      channel: null,
      messages: 0,
      topics: [],
      previousFrom: "2019-12-01T00:00:00.000Z",
      withoutTopic: [],
    });
    expect((await topics(admin, "?channel=telegram")).body.data).toMatchObject({ channel: "telegram", messages: 0, topics: [] });
    expect((await topics(admin, "?channel=web&limit=1")).body.data).toMatchObject({ messages: 4, topics: [{ messages: 2 }] });
  });

  it("compares each topic with the previous period, groups it with the topic it contains, and counts messages without one under their intent", async () => {
    const f = reportFixtures(t.container.database.db);
    const write = async (day: string, topics: string[], intent = "other", score = -1): Promise<void> => {
      const conversation = await f.conversation("demo", "web", `${day}T10:00:00Z`);
      await f.customer(conversation, `${day}T10:01:00Z`, topics.join(", ") || "I am furious, fix it now", { score, label: score < 0 ? "negative" : "neutral", intent, topics });
    };
    // The week before: late delivery once, refund three times, tent twice.
    for (const topics of [["late delivery"], ["refund"], ["refund"], ["refund"], ["tent"], ["tent"]]) await write("2025-03-03", topics);
    // The week asked for: late delivery four times, refund once and refund policy twice (new), tent twice; three without a topic.
    for (const topics of [["late delivery"], ["late delivery"], ["late delivery"], ["late delivery"], ["refund", "refund policy"], ["refund policy"], ["tent"], ["tent"]]) {
      await write("2025-03-10", topics);
    }
    await write("2025-03-11", [], "complaint", -3);
    await write("2025-03-11", [], "complaint", -2);
    await write("2025-03-12", [], "greeting", 0);
    const report = (await topics(admin, "?from=2025-03-08&to=2025-03-15")).body.data;
    expect(report.previousFrom).toBe("2025-03-01T00:00:00.000Z");
    const by = new Map(report.topics.map((x) => [x.phrase, x]));
    expect(by.get("late delivery")).toMatchObject({ messages: 4, previousMessages: 1, trend: "rising", group: "late delivery" });
    expect(by.get("refund")).toMatchObject({ messages: 1, previousMessages: 3, trend: "falling", group: "refund" });
    expect(by.get("refund policy")).toMatchObject({ messages: 2, previousMessages: 0, trend: "new", group: "refund" });
    expect(by.get("tent")).toMatchObject({ messages: 2, previousMessages: 2, trend: "steady" });
    expect(report.withoutTopic).toEqual([
      { intent: "complaint", messages: 2, averageSentiment: -2.5, negativeShare: 1 },
      { intent: "greeting", messages: 1, averageSentiment: 0, negativeShare: 0 },
    ]);
    const csv = await fetch(`${t.url}/api/v1/reports/topics.csv?from=2025-03-08&to=2025-03-15`, { headers: { cookie: admin } });
    expect((await csv.text()).split("\r\n")).toContain("refund policy,2,2,-1,1,other,0,new,refund");
  });

  it.each([
    ["?from=2026-02-01&to=2026-01-01", "from"],
    ["?from=2020-01-01&to=2026-01-01", "from"],
    ["?from=yesterday", "from"],
    ["?from=2026-02-30", "from"],
    ["?limit=0", "limit"],
    ["?limit=1000", "limit"],
    ["?color=blue", ""],
  ])("rejects %s with 400 VALIDATION_FAILED naming the problem", async (query, field) => {
    const res = await topics(admin, query);
    expect(res).toMatchObject({ status: 400, body: { error: { code: "VALIDATION_FAILED" } } });
    if (field) expect(Object.keys(res.body.error?.fields ?? {})).toContain(field);
  });

  it("forgets a deleted customer's messages (the report's copy of each message goes with it)", async () => {
    const db = t.container.database.db;
    const m = tables.messages;
    const [refund] = await db.select({ conversationId: m.conversationId }).from(m).where(eq(m.text, "how do I get a refund for the tent?"));
    const [conversation] = await db.select().from(tables.conversations).where(eq(tables.conversations.id, refund.conversationId));
    await db.delete(tables.customers).where(eq(tables.customers.id, conversation.customerId));
    // A new question (limit 19) so the answer is not the one remembered for 30 s.
    const report = (await topics(admin, "?limit=19")).body.data;
    expect(report.messages).toBe(2);
    expect(report.topics.map((x) => x.phrase)).not.toContain("refund");
    expect(report.topics.find((x) => x.phrase === "tent")).toMatchObject({ messages: 1, conversations: 1 });
  });
});
