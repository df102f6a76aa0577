import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CampaignDTO, CampaignResultsDTO } from "../../../src/contracts/campaigns.ts";
import type { WidgetMessage } from "../../../src/contracts/messages.ts";
import { tables } from "../../../src/db/index.ts";
import { CAMPAIGN_SEND_JOB, variantIndex } from "../../../src/modules/campaigns/index.ts";
import { api } from "../../support/api-client.ts";
import { AGENT_PASSWORD, createTestApp, type TestApp } from "../../support/create-test-app.ts";
import { customerWrites } from "../../support/customer-records.ts";
import { testEngines } from "../../support/engines.ts";
import { insertOrder } from "../../support/crm-records.ts";
import { startSmtpSink, type SmtpSink } from "../../support/smtp-sink.ts";
import { connectCustomer } from "../../support/widget-client.ts";

type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string> } };

describe.each(testEngines())("campaigns API on $name", (engine) => {
  let t: TestApp;
  let sink: SmtpSink;
  let manager: string;

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createTestApp({ database: await engine.open() });
    manager = await t.login("morgan@switchboard.local", AGENT_PASSWORD);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await sink?.close();
    await engine.cleanup();
  });

  const db = () => t.container.database.db;
  const call = <T>(method: string, path: string, body?: unknown, cookie = manager) => api<T & Partial<ErrorBody>>(t.url, method, `/api/v1/campaigns${path}`, { cookie, body });

  /** A customer of a segment, as the insights module would leave them: written once in the widget, a name, the segment. */
  async function member(segment: string | null, name: string, email?: string): Promise<{ customerId: string; conversationId: string }> {
    const written = await customerWrites(t, "Hello there");
    await db().update(tables.customers).set({ segment, name, email: email ?? null }).where(eq(tables.customers.id, written.customerId));
    return written;
  }

  async function sendsOf(campaignId: string) {
    return db().select().from(tables.campaignSends).where(eq(tables.campaignSends.campaignId, campaignId));
  }

  async function runUntilCompleted(campaignId: string): Promise<void> {
    await expect.poll(async () => (await call<{ data: CampaignDTO }>("GET", `/${campaignId}`)).body.data.status, { timeout: 20_000 }).toBe("completed");
  }

  /** Runs the send job once more through the real queue and waits for it to finish. */
  async function runJobAgain(campaignId: string): Promise<void> {
    const before = (await t.container.queue.counts(CAMPAIGN_SEND_JOB)).completed ?? 0;
    await t.container.queue.enqueue(CAMPAIGN_SEND_JOB, { campaignId });
    await expect.poll(async () => (await t.container.queue.counts(CAMPAIGN_SEND_JOB)).completed ?? 0, { timeout: 20_000 }).toBeGreaterThan(before);
  }

  it("refuses bad input with 400 VALIDATION_FAILED naming the field", async () => {
    const valid = { name: "Spring", audience: { segment: "x" }, channel: "widget", message: "Hi {{name}}" };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...valid, name: "" }, "name"],
      [{ ...valid, channel: "sms" }, "channel"],
      [{ ...valid, message: "Hi {{email}}" }, "message"],
      [{ ...valid, message: undefined }, "message"],
      [{ ...valid, audience: { everyone: true } }, "audience"],
      [{ ...valid, audience: { filter: {} } }, "audience.filter"],
      [{ ...valid, variants: [{ name: "A", message: "Hi" }] }, "variants"],
      [{ ...valid, variants: [{ name: "A", message: "Hi" }, { name: "a", message: "Hello" }] }, "variants"],
      [{ ...valid, schedule: "tomorrow" }, "schedule"],
      [{ ...valid, throttle: 0 }, "throttle"],
      [{ ...valid, conversionDays: 1000 }, "conversionDays"],
      [{ ...valid, surprise: 1 }, "body"],
    ];
    for (const [body, field] of cases) {
      const res = await call("POST", "", body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error?.code).toBe("VALIDATION_FAILED");
      expect(Object.keys(res.body.error?.fields ?? {}).some((k) => k.startsWith(field)), `${JSON.stringify(res.body.error?.fields)} names ${field}`).toBe(true);
    }
    expect((await call("GET", "/not-a-uuid")).status).toBe(400);
    // An email campaign needs an email inbox to send through.
    const noInbox = await call("POST", "", { ...valid, channel: "email" });
    expect(noInbox.status).toBe(400);
    expect(noInbox.body.error?.fields).toHaveProperty("inboxId");
  });

  it("answers 404 CAMPAIGN_NOT_FOUND for an unknown campaign and 403 to an agent", async () => {
    const missing = await call("GET", `/${randomUUID()}/results`);
    expect(missing.status).toBe(404);
    expect(missing.body.error?.code).toBe("CAMPAIGN_NOT_FOUND");
    const agent = await t.login("alex@switchboard.local", AGENT_PASSWORD);
    expect((await call("GET", "", undefined, agent)).status).toBe(403);
    expect((await call("POST", "", { name: "x", audience: { segment: "x" }, channel: "widget", message: "x" }, agent)).status).toBe(403);
  });

  it("sends a widget campaign to exactly the segment's members, once each, never to an opted-out one, with its variables filled", async () => {
    const segment = `seg-${randomUUID().slice(0, 8)}`;
    const jordan = await member(segment, "Jordan Lee");
    const priya = await member(segment, "Priya Shah");
    const nameless = await member(segment, "");
    const outsider = await member("someone-else", "Out Sider");
    const quitter = await member(segment, "Quinn Quit");
    const order = await insertOrder(t, { customerId: jordan.customerId, totalCents: 5000 });
    // Quinn says "stop" in the chat: the NLP path recognises it and opts them out.
    await customerWrites(t, "STOP", { externalConversationId: (await db().select().from(tables.conversations).where(eq(tables.conversations.id, quitter.conversationId)))[0]!.externalId ?? undefined });
    await expect.poll(async () => (await db().select().from(tables.campaignOptOuts).where(eq(tables.campaignOptOuts.customerId, quitter.customerId))).length, { timeout: 10_000 }).toBe(1);

    const created = await call<{ data: CampaignDTO }>("POST", "", { name: "Welcome back", audience: { segment }, channel: "widget", message: "Hi {{name}}! About {{lastOrderNumber}}: 10% off." });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ status: "draft", channel: "widget", conversionDays: 7, variants: [{ name: "A" }] });
    const id = created.body.data.id;
    expect((await sendsOf(id)).length).toBe(0);

    const started = await call<{ data: CampaignDTO }>("POST", `/${id}/start`);
    expect(started.status).toBe(200);
    await runUntilCompleted(id);
    await runJobAgain(id);

    const sends = await sendsOf(id);
    expect(sends.map((s) => s.customerId).sort()).toEqual([jordan.customerId, priya.customerId, nameless.customerId].sort());
    expect(sends.every((s) => s.status === "sent")).toBe(true);
    const textOf = (customerId: string) => sends.find((s) => s.customerId === customerId)!.text;
    expect(textOf(jordan.customerId)).toBe(`Hi Jordan! About ${order.number}: 10% off.`);
    expect(textOf(priya.customerId)).toBe("Hi Priya! About : 10% off.");
    expect(textOf(nameless.customerId)).toBe("Hi there! About : 10% off.");
    expect(sends.some((s) => s.customerId === outsider.customerId || s.customerId === quitter.customerId)).toBe(false);
    expect((await call<{ data: CampaignDTO }>("GET", `/${id}`)).body.data.audienceSize).toBe(3);

    const results = await call<{ data: CampaignResultsDTO }>("GET", `/${id}/results`);
    expect(results.body.data.total).toMatchObject({ audience: 3, sent: 3, delivered: 0, seen: 0, replied: 0, converted: 0 });
    // Completed: it cannot be started or paused again.
    expect((await call("POST", `/${id}/start`)).body.error?.code).toBe("CAMPAIGN_NOT_EDITABLE");
    expect((await call("POST", `/${id}/pause`)).status).toBe(409);
  });

  it("shows a widget campaign to a segment customer when their widget connects, and their answer counts as a reply", async () => {
    const segment = `seg-${randomUUID().slice(0, 8)}`;
    const visitor = await connectCustomer(t.url, t.inboxId);
    const first = await visitor.send("Hi, just looking");
    if ("error" in first) throw new Error(first.error.message);
    visitor.close();
    const [conversation] = await db().select().from(tables.conversations).where(eq(tables.conversations.id, first.conversationId));
    await db().update(tables.customers).set({ segment, name: "Robin Visitor" }).where(eq(tables.customers.id, conversation!.customerId));

    const created = await call<{ data: CampaignDTO }>("POST", "", { name: "Come back", audience: { filter: { segment } }, channel: "widget", message: "Hello {{name}}, our sale starts today." });
    await call("POST", `/${created.body.data.id}/start`);
    await runUntilCompleted(created.body.data.id);

    const back = await connectCustomer(t.url, t.inboxId, visitor.visitorId);
    const shown = await back.waitFor((m: WidgetMessage) => m.text === "Hello Robin, our sale starts today.", 15_000);
    expect(shown.sender.type).toBe("bot");
    expect(shown.conversationId).toBe(first.conversationId);
    // It is in the conversation's history like any bot message, and shown once however often the widget reconnects.
    const history = await back.history();
    expect(Array.isArray(history) && history.filter((m) => m.text === shown.text)).toHaveLength(1);
    await back.socket.timeout(10_000).emitWithAck("message:seen", { id: shown.id });
    const reply = await back.send("Ooh, which tents?");
    expect("error" in reply).toBe(false);
    back.close();
    const again = await connectCustomer(t.url, t.inboxId, visitor.visitorId);
    const later = await again.history();
    expect(Array.isArray(later) && later.filter((m) => m.text === shown.text)).toHaveLength(1);
    again.close();

    await expect
      .poll(async () => (await call<{ data: CampaignResultsDTO }>("GET", `/${created.body.data.id}/results`)).body.data.total, { timeout: 10_000 })
      .toMatchObject({ audience: 1, sent: 1, delivered: 1, seen: 1, replied: 1, converted: 0 });
  });

  it("emails an A/B campaign through the inbox relay, splits it by customer, and counts orders within the window as conversions", async () => {
    const admin = await t.login();
    const inbox = await api<{ data: { id: string } }>(t.url, "POST", "/api/v1/inboxes", {
      cookie: admin,
      body: { name: "Newsletter", channel: "email", settings: { address: "news@example.test", smtpUrl: sink.url } },
    });
    expect(inbox.status).toBe(201);
    const tag = `tag${randomUUID().slice(0, 8)}`;
    const people = [];
    for (let i = 0; i < 12; i++) {
      const person = await member(null, `Person ${i}`, `person-${tag}-${i}@example.test`);
      await db().update(tables.customers).set({ tags: [tag] }).where(eq(tables.customers.id, person.customerId));
      people.push(person);
    }
    const unsubscribed = await member(null, "No Mail", `nomail-${tag}@example.test`);
    await db().update(tables.customers).set({ tags: [tag] }).where(eq(tables.customers.id, unsubscribed.customerId));
    expect((await call("POST", "/opt-outs", { customerId: unsubscribed.customerId })).status).toBe(204);

    const created = await call<{ data: CampaignDTO }>("POST", "", {
      name: "Tent sale",
      audience: { filter: { tag: [tag] } },
      channel: "email",
      subject: "Tents for you",
      variants: [
        { name: "plain", message: "Hello {{name}}, tents are on sale." },
        { name: "urgent", message: "{{name}}, only 2 days left!" },
      ],
      conversionDays: 3,
    });
    expect(created.status).toBe(201);
    const id = created.body.data.id;
    await call("POST", `/${id}/start`);
    await runUntilCompleted(id);
    await runJobAgain(id);

    for (let i = 0; i < 12; i++) expect(sink.sentTo(`person-${tag}-${i}@example.test`)).toHaveLength(1);
    expect(sink.sentTo(`nomail-${tag}@example.test`)).toHaveLength(0);
    const mail = sink.sentTo(`person-${tag}-0@example.test`)[0]!.mail;
    expect(mail.subject).toBe("Tents for you");
    expect(["Hello Person, tents are on sale.", "Person, only 2 days left!"]).toContain(mail.text?.trim());

    const sends = await sendsOf(id);
    // A new order within the window converts; one placed after it does not.
    const buyer = sends[0]!;
    await insertOrder(t, { customerId: buyer.customerId, totalCents: 12_000 });
    const late = sends[1]!;
    await db().insert(tables.orders).values({ number: `ORD-LATE-${randomUUID().slice(0, 8)}`, customerId: late.customerId, totalCents: 999, placedAt: new Date(Date.now() + 5 * 86_400_000) });

    const results = (await call<{ data: CampaignResultsDTO }>("GET", `/${id}/results`)).body.data;
    expect(results.total).toMatchObject({ audience: 12, sent: 12, delivered: 12, converted: 1, revenueCents: 12_000 });
    expect(results.variants.map((v) => v.name)).toEqual(["plain", "urgent"]);
    // Each variant's audience is the customers the hash gives it (all 12 in one variant is a 1-in-2,048 draw).
    const expected = [0, 1].map((k) => sends.filter((send) => variantIndex(id, send.customerId, 2) === k).length);
    expect(results.variants.map((v) => v.audience)).toEqual(expected);
    const byVariant = Object.fromEntries(results.variants.map((v) => [v.name, v]));
    expect(byVariant[buyer.variant]!.converted).toBe(1);
    // The same customer always gets the same variant: the split is by customer id.
    for (const send of sends) expect(send.variant).toBe(["plain", "urgent"][variantIndex(id, send.customerId, 2)]);
    expect(results.significance.map((s) => [s.metric, s.base, s.variant])).toEqual([
      ["replied", "plain", "urgent"],
      ["converted", "plain", "urgent"],
    ]);
    const converted = results.significance.find((s) => s.metric === "converted")!;
    expect(converted.pValue).toBeGreaterThan(0.05);
    expect(converted.significant).toBe(false);
  });

  it("starts a scheduled campaign by itself at its time", async () => {
    const segment = `seg-${randomUUID().slice(0, 8)}`;
    const one = await member(segment, "Sky Later");
    const schedule = new Date(Date.now() + 1500).toISOString();
    const created = await call<{ data: CampaignDTO }>("POST", "", { name: "Later", audience: { segment }, channel: "widget", message: "Hi {{name}}", schedule });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ status: "scheduled", schedule });
    expect(await sendsOf(created.body.data.id)).toHaveLength(0);
    await runUntilCompleted(created.body.data.id);
    expect((await sendsOf(created.body.data.id)).map((s) => [s.customerId, s.text])).toEqual([[one.customerId, "Hi Sky"]]);
  });

  it("pauses a running throttled campaign and sends no more until it is started again", async () => {
    const segment = `seg-${randomUUID().slice(0, 8)}`;
    for (let i = 0; i < 3; i++) await member(segment, `Slow ${i}`);
    const created = await call<{ data: CampaignDTO }>("POST", "", { name: "Slowly", audience: { segment }, channel: "widget", message: "Hi {{name}}", throttle: 2 });
    const id = created.body.data.id;
    await call("POST", `/${id}/start`);
    // The first minute's batch: 2 of 3; the rest waits for the next run, a minute later.
    await expect.poll(async () => (await sendsOf(id)).filter((s) => s.status === "sent").length, { timeout: 20_000 }).toBe(2);
    const paused = await call<{ data: CampaignDTO }>("POST", `/${id}/pause`);
    expect(paused.body.data.status).toBe("paused");
    await runJobAgain(id);
    expect((await sendsOf(id)).filter((s) => s.status === "queued")).toHaveLength(1);
    expect((await call<{ data: CampaignDTO }>("POST", `/${id}/start`)).body.data.status).toBe("running");
    const list = await call<{ data: CampaignDTO[]; nextCursor: string | null }>("GET", "?limit=2");
    expect(list.body.data[0]!.id).toBe(id);
    expect(list.body.nextCursor).not.toBeNull();
  });
});
