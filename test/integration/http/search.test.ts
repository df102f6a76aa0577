import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SearchPageDTO, SearchResultDTO } from "../../../src/contracts/search.ts";
import { tables } from "../../../src/db/index.ts";
import { api } from "../../support/api-client.ts";
import { createTestApp, type TestApp } from "../../support/create-test-app.ts";
import { addCustomer, uniqueToken } from "../../support/crm-records.ts";
import { addOrder, customerWrites, uniqueOrderNumber } from "../../support/customer-records.ts";
import { testEngines } from "../../support/engines.ts";
import { handedOffTicket } from "../../support/handoff.ts";

type Page = SearchPageDTO & { error?: { code: string; fields?: Record<string, string> } };

/** The highlighted stretches of a result's snippet, as the console marks them. */
const marked = (r: SearchResultDTO) => r.highlights.map((h) => r.snippet.slice(h.start, h.end));

describe.each(testEngines())("search on $name", (engine) => {
  let t: TestApp;
  let admin: string;
  let agent: string;
  let alexId: string;

  beforeAll(async () => {
    t = await createTestApp({ database: await engine.open() });
    admin = await t.login();
    agent = await t.login("alex@switchboard.local");
    const [alex] = await t.container.database.db.select().from(tables.users).where(eq(tables.users.email, "alex@switchboard.local"));
    alexId = alex!.id;
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await engine.cleanup();
  });

  const search = (params: Record<string, string>, credentials: { cookie?: string; token?: string } = { cookie: admin }) =>
    api<Page>(t.url, "GET", `/api/v1/search?${new URLSearchParams(params)}`, credentials);
  const ids = (page: Page, type?: string) => page.data.filter((r) => !type || r.type === type).map((r) => r.id);

  it("finds a message by a word in it, with the word highlighted in a plain-text snippet", async () => {
    const word = `kettle${uniqueToken()}`;
    const written = await customerWrites(t, `My ${word} stopped working after two days <b>really</b>`);
    const res = await search({ q: word });
    expect(res.status).toBe(200);
    const hit = res.body.data.find((r) => r.id === written.messageId);
    expect(hit).toMatchObject({ type: "message", conversationId: written.conversationId, title: expect.any(String) });
    expect(hit!.snippet).toContain("<b>really</b>");
    expect(marked(hit!)).toEqual([word]);
    expect(res.body.nextCursor).toBeNull();
  }, 60_000);

  it("finds a message by another form of its words (English stemming: 'refunding' finds 'refunds')", async () => {
    const token = uniqueToken();
    const written = await customerWrites(t, `I am still waiting for two refunds on ${token}`);
    for (const q of [`refunding ${token}`, `refund ${token}`, `REFUNDS ${token}`]) {
      const res = await search({ q, type: "message" });
      expect(ids(res.body), q).toEqual([written.messageId]);
      expect(marked(res.body.data[0]!)).toEqual(expect.arrayContaining(["refunds", token]));
    }
  }, 60_000);

  it("an order number finds the conversations that mention it, however it is written, and the messages", async () => {
    const order = await addOrder(t, null);
    const linked = await customerWrites(t, `Where is my order ${order.number}? It is late.`);
    const unknownNumber = uniqueOrderNumber();
    const mentioned = await customerWrites(t, `Please cancel order ${unknownNumber.toLowerCase()} today`);
    await customerWrites(t, "An unrelated message about a different order ORD-1");

    const byOrder = await search({ q: order.number, type: "conversation" });
    expect(ids(byOrder.body)).toEqual([linked.conversationId]);
    const mentionedPage = await search({ q: unknownNumber });
    expect(ids(mentionedPage.body, "conversation")).toEqual([mentioned.conversationId]);
    expect(ids(mentionedPage.body, "message")).toEqual([mentioned.messageId]);
    // Lower case, and the id without its dash, are the same order.
    expect(ids((await search({ q: order.number.toLowerCase(), type: "conversation" })).body)).toEqual([linked.conversationId]);
    expect(ids((await search({ q: unknownNumber.replace("-", ""), type: "conversation" })).body)).toEqual([mentioned.conversationId]);
  }, 60_000);

  it("a misspelt name finds the customer; an email finds the customer first and then their conversations", async () => {
    const token = uniqueToken();
    const customer = await addCustomer(t, admin, { name: "Bartholomew Featherstonehaugh", email: `bart.${token}@example.com` });
    const typo = await search({ q: "Bartholomew Featherstonhaugh" });
    expect(typo.body.data[0]).toMatchObject({ type: "customer", id: customer.id, title: "Bartholomew Featherstonehaugh" });

    const email = `dana.${token}@example.org`;
    const written = await customerWrites(t, "Hello, I have a question about my bill", { email });
    const res = await search({ q: email });
    expect(res.body.data[0]).toMatchObject({ type: "customer", id: written.customerId, score: 1 });
    expect(marked(res.body.data[0]!)).toEqual([email]);
    expect(res.body.data.find((r) => r.type === "conversation")).toMatchObject({ id: written.conversationId, conversationId: written.conversationId });
  }, 60_000);

  it("finds a ticket by its number and by a word of its subject", async () => {
    const { ticketId } = await handedOffTicket(t, null, `I want to talk to a person about the toaster${uniqueToken()} please`);
    const [ticket] = await t.container.database.db.select().from(tables.tickets).where(eq(tables.tickets.id, ticketId));
    const byNumber = await search({ q: `#${ticket!.number}`, type: "ticket" });
    expect(byNumber.body.data[0]).toMatchObject({ type: "ticket", id: ticketId, score: 1, title: `#${ticket!.number} ${ticket!.subject}` });
    const word = ticket!.subject.split(/\s+/).find((w) => w.length > 4);
    if (word) expect(ids((await search({ q: word, type: "ticket" })).body)).toContain(ticketId);
  }, 60_000);

  it("filters narrow the results: status, agent, label, sentiment, date, inbox, channel", async () => {
    const token = uniqueToken();
    const assigned = await handedOffTicket(t, alexId, `I am so angry, this lantern${token} is terrible and broken`);
    const calm = await customerWrites(t, `Thanks, the lantern${token} is great, I love it`);
    const q = `lantern${token}`;
    const conversationsOf = async (params: Record<string, string>) => {
      const res = await search({ q, type: "message", ...params });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body.data.map((r) => r.conversationId).sort();
    };
    expect(await conversationsOf({})).toEqual([assigned.conversationId, calm.conversationId].sort());
    expect(await conversationsOf({ status: "handoff" })).toEqual([assigned.conversationId]);
    expect(await conversationsOf({ status: "bot" })).toEqual([calm.conversationId]);
    expect(await conversationsOf({ agentId: alexId })).toEqual([assigned.conversationId]);
    expect(await conversationsOf({ sentiment: "negative" })).toEqual([assigned.conversationId]);
    expect(await conversationsOf({ sentiment: "positive" })).toEqual([calm.conversationId]);
    expect(await conversationsOf({ inboxId: t.inboxId, channel: "web" })).toHaveLength(2);
    expect(await conversationsOf({ inboxId: "no-such-inbox" })).toEqual([]);
    expect(await conversationsOf({ from: new Date(Date.now() + 86_400_000).toISOString().slice(0, 10) })).toEqual([]);
    expect(await conversationsOf({ to: new Date().toISOString().slice(0, 10) })).toHaveLength(2);

    const label = await api<{ data: { id: string } }>(t.url, "POST", "/api/v1/labels", { cookie: admin, body: { name: `vip-${token}`, color: "#aa3300" } });
    await api(t.url, "PUT", `/api/v1/conversations/${calm.conversationId}/labels`, { cookie: admin, body: { labels: [label.body.data.id] } });
    expect(await conversationsOf({ label: `vip-${token}` })).toEqual([calm.conversationId]);
    expect(await conversationsOf({ label: label.body.data.id })).toEqual([calm.conversationId]);
    // A conversation filter leaves customers out of an all-kinds search.
    expect((await search({ q: "Bartholomew", status: "open" })).body.data.filter((r) => r.type === "customer")).toEqual([]);
  }, 90_000);

  it("pages through results with nextCursor, each result once, in score order", async () => {
    const token = `lamp${uniqueToken()}`;
    const written: string[] = [];
    for (let i = 0; i < 5; i++) written.push((await customerWrites(t, i % 2 ? `${token} ${token} broke again (${i})` : `my ${token} broke (${i})`)).messageId);
    const seen: SearchResultDTO[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: { body: Page } = await search({ q: token, limit: "2", ...(cursor ? { cursor } : {}) });
      expect(res.body.data.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.data);
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen.map((r) => r.id).sort()).toEqual([...written].sort());
    expect(seen.map((r) => r.score)).toEqual([...seen.map((r) => r.score)].sort((a, b) => b - a));

    const first = await search({ q: token, limit: "2" });
    const other = await search({ q: `${token} again`, limit: "2", cursor: first.body.nextCursor! });
    expect(other).toMatchObject({ status: 400, body: { error: { code: "VALIDATION_FAILED", fields: { cursor: expect.any(String) } } } });
    expect(await search({ q: token, cursor: "not-a-cursor" })).toMatchObject({ status: 400, body: { error: { code: "VALIDATION_FAILED" } } });
  }, 90_000);

  it("agents search every conversation; API keys need conversations:read, and customers:read for customers", async () => {
    const token = uniqueToken();
    const email = `erin.${token}@example.net`;
    const written = await customerWrites(t, `The heater${token} makes a noise`, { email });
    expect(ids((await search({ q: `heater${token}` }, { cookie: agent })).body)).toContain(written.messageId);
    expect(await search({ q: "anything" }, {})).toMatchObject({ status: 401, body: { error: { code: "UNAUTHENTICATED" } } });

    const keyWith = async (scopes: string[]) =>
      (await api<{ data: { token: string } }>(t.url, "POST", "/api/v1/api-keys", { cookie: admin, body: { name: `search ${scopes.join(" ")}`, scopes } })).body.data.token;
    const reader = await keyWith(["conversations:read"]);
    const byKey = await search({ q: email }, { token: reader });
    expect(byKey.status).toBe(200);
    expect(byKey.body.data.filter((r) => r.type === "customer")).toEqual([]);
    expect(ids((await search({ q: `heater${token}` }, { token: reader })).body)).toContain(written.messageId);
    expect(await search({ q: email, type: "customer" }, { token: reader })).toMatchObject({ status: 403, body: { error: { code: "FORBIDDEN" } } });
    const both = await keyWith(["conversations:read", "customers:read"]);
    expect(ids((await search({ q: email, type: "customer" }, { token: both })).body)).toEqual([written.customerId]);
    const customersOnly = await keyWith(["customers:read"]);
    expect(await search({ q: email }, { token: customersOnly })).toMatchObject({ status: 403, body: { error: { code: "FORBIDDEN" } } });
  }, 60_000);

  it("bad parameters get 400 VALIDATION_FAILED naming the field, and the server keeps serving", async () => {
    const cases: [Record<string, string>, string][] = [
      [{}, "q"],
      [{ q: "   " }, "q"],
      [{ q: "x".repeat(201) }, "q"],
      [{ q: "tent", type: "order" }, "type"],
      [{ q: "tent", status: "closed" }, "status"],
      [{ q: "tent", sentiment: "angry" }, "sentiment"],
      [{ q: "tent", channel: "pigeon" }, "channel"],
      [{ q: "tent", agentId: "alex" }, "agentId"],
      [{ q: "tent", limit: "0" }, "limit"],
      [{ q: "tent", limit: "51" }, "limit"],
      [{ q: "tent", from: "yesterday" }, "from"],
      [{ q: "tent", from: "2026-12-02", to: "2026-12-01" }, "from"],
      [{ q: "tent", colour: "red" }, ""],
      [{ q: "tent", type: "customer", status: "open" }, "type"],
    ];
    for (const [params, field] of cases) {
      const res = await search(params);
      expect(res.status, JSON.stringify(params)).toBe(400);
      expect(res.body.error?.code).toBe("VALIDATION_FAILED");
      if (field) expect(Object.keys(res.body.error?.fields ?? {}), JSON.stringify(params)).toContain(field);
    }
    // Only punctuation or stop words: nothing to match, an empty page.
    expect(await search({ q: "the !!!" })).toMatchObject({ status: 200, body: { data: [], nextCursor: null } });
  }, 60_000);

  it("the messages' search index is a GIN index the database's housekeeping flushes, and search works after it", async () => {
    const word = `blanket${uniqueToken()}`;
    const written = await customerWrites(t, `The ${word} arrived torn`);
    const result = (await t.container.database.db.execute(
      sql`select c.relname as name from pg_index i join pg_class c on c.oid = i.indexrelid join pg_am a on a.oid = c.relam where a.amname = 'gin'`,
    )) as unknown as { rows: { name: string }[] };
    expect(result.rows.map((r) => r.name)).toEqual(expect.arrayContaining(["messages_search_idx", "tickets_subject_search_idx"]));
    await t.container.database.housekeep();
    expect(ids((await search({ q: word })).body)).toEqual([written.messageId]);
  }, 60_000);
});
