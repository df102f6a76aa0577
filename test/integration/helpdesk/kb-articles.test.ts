import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditEntryDTO } from "../../../src/contracts/helpdesk.ts";
import type { KbArticleDTO, KbPreviewDTO } from "../../../src/contracts/knowledge.ts";
import { tables } from "../../../src/db/index.ts";
import { api } from "../../support/api-client.ts";
import { createTestApp, type TestApp } from "../../support/create-test-app.ts";
import { testEngines } from "../../support/engines.ts";
import { connectCustomer } from "../../support/widget-client.ts";

let t: TestApp;
let admin: string;
let agent: string;


const SWITCH_QUESTION = "How do I switch between my two accounts?";

async function create(body: Record<string, unknown>): Promise<KbArticleDTO> {
  const res = await api<{ data: KbArticleDTO }>(t.url, "POST", "/api/v1/kb-articles", { cookie: admin, body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.data;
}

async function preview(text: string): Promise<KbPreviewDTO> {
  const res = await api<{ data: KbPreviewDTO }>(t.url, "POST", "/api/v1/kb-articles/preview", { cookie: admin, body: { text } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.data;
}

describe.each(testEngines())("knowledge-base articles on $name", (engine) => {
  beforeAll(async () => {
    t = await createTestApp({ database: await engine.open() });
    admin = await t.login();
    agent = await t.login("alex@switchboard.local");
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await engine.cleanup();
  });

  it("the demo FAQ answers are articles: each with its intent, published", async () => {
    const res = await api<{ data: KbArticleDTO[] }>(t.url, "GET", "/api/v1/kb-articles", { cookie: agent });
    expect(res.status).toBe(200);
    const refund = res.body.data.find((a) => a.title === "Refund policy");
    expect(refund).toMatchObject({ intents: ["check_refund_policy"], examples: [], published: true });
    expect(res.body.data.length).toBeGreaterThanOrEqual(13);
  });

  it("an admin creates, reads, changes and deletes an article, and each change is in the audit log", async () => {
    const created = await create({ title: `Gift cards ${randomUUID()}`, body: "Gift cards never expire.", intents: ["check_payment_methods", "check_payment_methods"], examples: [" can I pay with a gift card "] });
    expect(created).toMatchObject({ intents: ["check_payment_methods"], examples: ["can I pay with a gift card"], published: true });
    const one = await api<{ data: KbArticleDTO }>(t.url, "GET", `/api/v1/kb-articles/${created.id}`, { cookie: admin });
    expect(one.body.data).toEqual(created);
    const changed = await api<{ data: KbArticleDTO }>(t.url, "PATCH", `/api/v1/kb-articles/${created.id}`, { cookie: admin, body: { published: false, body: "Gift cards are valid for 5 years." } });
    expect(changed.status).toBe(200);
    expect(changed.body.data).toMatchObject({ published: false, body: "Gift cards are valid for 5 years.", title: created.title });
    expect((await api(t.url, "DELETE", `/api/v1/kb-articles/${created.id}`, { cookie: admin })).status).toBe(204);
    const gone = await api<{ error: { code: string } }>(t.url, "GET", `/api/v1/kb-articles/${created.id}`, { cookie: admin });
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe("KB_ARTICLE_NOT_FOUND");
    const entries: AuditEntryDTO[] = [];
    for (const action of ["kb_article.created", "kb_article.updated", "kb_article.deleted"]) {
      const log = await api<{ data: AuditEntryDTO[] }>(t.url, "GET", `/api/v1/audit-log?action=${action}`, { cookie: admin });
      expect(log.status).toBe(200);
      entries.push(...log.body.data.filter((e) => e.target.id === created.id));
    }
    expect(entries.map((e) => e.action)).toEqual(["kb_article.created", "kb_article.updated", "kb_article.deleted"]);
    expect(entries[0].after).toMatchObject({ title: created.title, intents: ["check_payment_methods"], published: true });
    const update = entries[1];
    expect(update?.before).toEqual({ body: "Gift cards never expire.", published: true });
    expect(update?.after).toEqual({ body: "Gift cards are valid for 5 years.", published: false });
  });

  it("agents read articles but every write, the preview and retraining are 403 FORBIDDEN, and nothing changes", async () => {
    const article = await create({ title: `Agent-proof ${randomUUID()}`, body: "Stays as it is.", intents: ["edit_account"] });
    const attempts: [string, string, unknown][] = [
      ["POST", "/api/v1/kb-articles", { title: "Sneaky", body: "No.", intents: ["review"] }],
      ["PATCH", `/api/v1/kb-articles/${article.id}`, { body: "Changed." }],
      ["DELETE", `/api/v1/kb-articles/${article.id}`, undefined],
      ["POST", "/api/v1/kb-articles/preview", { text: "hello" }],
      ["POST", "/api/v1/intent-model/train", {}],
      ["GET", "/api/v1/intent-model/train", undefined],
    ];
    for (const [method, path, body] of attempts) {
      const res = await api<{ error: { code: string } }>(t.url, method, path, { cookie: agent, body });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body.error.code).toBe("FORBIDDEN");
    }
    expect((await api(t.url, "GET", `/api/v1/kb-articles/${article.id}`, { cookie: agent })).status).toBe(200);
    const rows = await t.container.database.db.select().from(tables.kbArticles).where(eq(tables.kbArticles.id, article.id));
    expect(rows.map((r) => r.body)).toEqual(["Stays as it is."]);
    expect(await t.container.database.db.select().from(tables.kbArticles).where(eq(tables.kbArticles.title, "Sneaky"))).toHaveLength(0);
  });

  it("bad input is 400 VALIDATION_FAILED naming the field, and nothing is stored", async () => {
    const before = (await t.container.database.db.select().from(tables.kbArticles)).length;
    const cases: [Record<string, unknown>, string][] = [
      [{ title: "", body: "x", intents: ["review"] }, "title"],
      [{ title: "No intents", body: "x", intents: [] }, "intents"],
      [{ title: "Bad intent", body: "x", intents: ["Not An Intent"] }, "intents.0"],
      [{ title: "Long body", body: "x".repeat(5001), intents: ["review"] }, "body"],
      [{ title: "Extra", body: "x", intents: ["review"], html: true }, ""],
    ];
    for (const [body, field] of cases) {
      const res = await api<{ error: { code: string; fields?: Record<string, string> } }>(t.url, "POST", "/api/v1/kb-articles", { cookie: admin, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe("VALIDATION_FAILED");
      if (field) expect(Object.keys(res.body.error.fields ?? {})).toContain(field);
    }
    const missing = await api<{ error: { code: string } }>(t.url, "PATCH", `/api/v1/kb-articles/${randomUUID()}`, { cookie: admin, body: { title: "x" } });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("KB_ARTICLE_NOT_FOUND");
    expect((await t.container.database.db.select().from(tables.kbArticles)).length).toBe(before);
  });

  it("the preview shows intent, calibrated confidence, runner-up, entities and the bot's answer, and stores nothing", async () => {
    const messagesBefore = (await t.container.database.db.select().from(tables.messages)).length;
    const result = await preview("What is your refund policy for order ORD-10001?");
    expect(result.intent.name).toBe("check_refund_policy");
    expect(result.intent.confidence).toBeGreaterThan(0.5);
    expect(result.intent.confidence).toBeLessThanOrEqual(1);
    expect(result.runnerUp?.name).not.toBe("check_refund_policy");
    expect(result.entities.map((e) => e.type)).toContain("order_number");
    expect(result.decision).toBe("answer");
    expect(result.article?.title).toBe("Refund policy");
    expect(result.replies[0]).toContain("within 30 days");
    const human = await preview("I want to talk to a real person right now");
    expect(human).toMatchObject({ decision: "handoff", handoffReason: "customer_request", replies: [] });
    expect((await t.container.database.db.select().from(tables.messages)).length).toBe(messagesBefore);
  });

  it("a new article answers in the widget at once: the customer gets its text, its markdown read as plain text", async () => {
    const before = await preview(SWITCH_QUESTION);
    expect(before.intent.name).toBe("switch_account");
    expect(before.decision).toBe("handoff");
    await create({
      title: "Switching accounts",
      body: "To **switch accounts**, open [Settings](https://example.test/settings) and pick *Switch account*. <b>not HTML</b>",
      intents: ["switch_account"],
    });
    const after = await preview(SWITCH_QUESTION);
    expect(after).toMatchObject({ decision: "answer", article: { title: "Switching accounts" } });
    const customer = await connectCustomer(t.url, t.inboxId);
    try {
      const ack = await customer.send(SWITCH_QUESTION);
      expect(ack).toHaveProperty("conversationId");
      const reply = await customer.waitFor((m) => m.sender.type === "bot", 30_000);
      expect(reply.text).toBe("To switch accounts, open Settings (https://example.test/settings) and pick Switch account. <b>not HTML</b>");
    } finally {
      customer.close();
    }
  });

  it("an unpublished article is not used by the bot", async () => {
    const article = await create({ title: "Reviews", body: "Leave a review on the product page.", intents: ["review"], published: false });
    const result = await preview("I'd like to leave a review of the blender I bought");
    expect(result.intent.name).toBe("review");
    expect(result.article).toBeNull();
    expect(result.decision).toBe("handoff");
    await api(t.url, "PATCH", `/api/v1/kb-articles/${article.id}`, { cookie: admin, body: { published: true } });
    expect((await preview("I'd like to leave a review of the blender I bought")).article?.id).toBe(article.id);
  });
});
