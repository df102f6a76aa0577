import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConversationDTO, MessageDTO, Page, TicketDTO, UserDTO } from "../../../src/contracts/api.ts";
import { tables } from "../../../src/db/index.ts";
import { errorCatalogue } from "../../../src/errors.ts";
import { api } from "../../support/api-client.ts";
import { ADMIN, createTestApp, type TestApp } from "../../support/create-test-app.ts";
import { connectCustomer } from "../../support/widget-client.ts";

let t: TestApp;
let cookie: string;
beforeAll(async () => {
  t = await createTestApp();
  cookie = await t.login();
});
afterAll(async () => {
  await t?.close();
});

describe("health", () => {
  it("GET /healthz answers 200 {status: ok} when the database and Redis answer", async () => {
    expect(await api(t.url, "GET", "/healthz")).toEqual({ status: 200, body: { status: "ok" } });
  });
});

describe("auth", () => {
  it("logs in with the right password, sets an HttpOnly session cookie, and /auth/me returns the user", async () => {
    const res = await fetch(`${t.url}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: ADMIN.email.toUpperCase(), password: ADMIN.password }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("set-cookie")).toMatch(/sb_session=.+HttpOnly/i);
    const me = await api<{ data: UserDTO }>(t.url, "GET", "/api/v1/auth/me", { cookie });
    expect(me.body.data).toMatchObject({ email: ADMIN.email, role: "admin" });
  });

  it("rejects a wrong password with 401 INVALID_CREDENTIALS", async () => {
    const res = await api(t.url, "POST", "/api/v1/auth/login", { body: { email: ADMIN.email, password: "wrong-password" } });
    expect(res).toMatchObject({ status: 401, body: { error: { code: "INVALID_CREDENTIALS" } } });
  });

  it("rejects API calls without a session with 401 UNAUTHENTICATED", async () => {
    expect(await api(t.url, "GET", "/api/v1/conversations")).toMatchObject({ status: 401, body: { error: { code: "UNAUTHENTICATED" } } });
  });

  it("logout ends the session", async () => {
    const session = await t.login();
    expect((await api(t.url, "POST", "/api/v1/auth/logout", { cookie: session })).status).toBe(204);
    expect((await api(t.url, "GET", "/api/v1/auth/me", { cookie: session })).status).toBe(401);
  });
});

describe("bad input", () => {
  it("answers malformed JSON with 400 MALFORMED_JSON and keeps serving", async () => {
    const res = await api(t.url, "POST", "/api/v1/auth/login", { body: "{not json" });
    expect(res).toMatchObject({ status: 400, body: { error: { code: "MALFORMED_JSON" } } });
    expect((await api(t.url, "GET", "/healthz")).status).toBe(200);
  });

  it("answers wrong types with 400 VALIDATION_FAILED naming each field", async () => {
    const res = await api(t.url, "POST", "/api/v1/auth/login", { body: { email: 5 } });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: "VALIDATION_FAILED", fields: { email: expect.any(String), password: expect.any(String) } } });
  });

  it("rejects an empty or over-long agent reply and stores nothing", async () => {
    const customer = await connectCustomer(t.url, t.inboxId);
    const ack = (await customer.send("hello")) as { conversationId: string };
    customer.close();
    const before = await t.container.database.db.select().from(tables.messages).where(eq(tables.messages.conversationId, ack.conversationId));
    const empty = await api(t.url, "POST", `/api/v1/conversations/${ack.conversationId}/messages`, { cookie, body: { text: "" } });
    expect(empty).toMatchObject({ status: 400, body: { error: { code: "VALIDATION_FAILED", fields: { text: "text is empty" } } } });
    const long = await api(t.url, "POST", `/api/v1/conversations/${ack.conversationId}/messages`, { cookie, body: { text: "y".repeat(4001) } });
    expect(long).toMatchObject({ status: 400, body: { error: { fields: { text: expect.stringContaining("4000") } } } });
    const after = await t.container.database.db.select().from(tables.messages).where(eq(tables.messages.conversationId, ack.conversationId));
    expect(after.filter((m) => m.senderType === "agent")).toHaveLength(before.filter((m) => m.senderType === "agent").length);
  });

  it("answers unknown ids with 404 and the resource's code, and bad ids with 400", async () => {
    const missing = "00000000-0000-4000-8000-000000000000";
    expect(await api(t.url, "GET", `/api/v1/conversations/${missing}/messages`, { cookie })).toMatchObject({
      status: 404,
      body: { error: { code: "CONVERSATION_NOT_FOUND" } },
    });
    expect(await api(t.url, "POST", `/api/v1/conversations/${missing}/messages`, { cookie, body: { text: "hello?" } })).toMatchObject({
      status: 404,
      body: { error: { code: "CONVERSATION_NOT_FOUND" } },
    });
    expect(await api(t.url, "PATCH", `/api/v1/tickets/${missing}`, { cookie, body: { status: "resolved" } })).toMatchObject({
      status: 404,
      body: { error: { code: "TICKET_NOT_FOUND" } },
    });
    expect(await api(t.url, "GET", "/api/v1/conversations/not-a-uuid", { cookie })).toMatchObject({
      status: 400,
      body: { error: { code: "VALIDATION_FAILED", fields: { id: expect.any(String) } } },
    });
    expect(await api(t.url, "GET", "/api/v1/nothing-here", { cookie })).toMatchObject({ status: 404, body: { error: { code: "NOT_FOUND" } } });
  });

  it("rejects an unknown ticket status naming the allowed values", async () => {
    const res = await api(t.url, "PATCH", "/api/v1/tickets/00000000-0000-4000-8000-000000000000", { cookie, body: { status: "done" } });
    expect(res).toMatchObject({ status: 400, body: { error: { code: "VALIDATION_FAILED", fields: { status: expect.stringContaining("resolved") } } } });
  });
});

describe("conversations and tickets", () => {
  it("lists conversations newest first, page by page, without gaps or repeats", async () => {
    for (let i = 0; i < 3; i++) {
      const customer = await connectCustomer(t.url, t.inboxId);
      await customer.send(`hello from customer ${i}`);
      // The bot's answer moves the conversation up the list; wait for it so the order holds while paging.
      await customer.waitFor((m) => m.sender.type !== "customer");
      customer.close();
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : "";
      const page: { body: Page<ConversationDTO> } = await api<Page<ConversationDTO>>(t.url, "GET", `/api/v1/conversations?status=all&limit=2${query}`, { cookie });
      expect(page.body.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.data.map((c) => c.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    const all = await api<Page<ConversationDTO>>(t.url, "GET", "/api/v1/conversations?status=all&limit=200", { cookie });
    expect(seen).toEqual(all.body.data.map((c) => c.id));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(4);
  });

  it("shows a new conversation in the list at once, though pages are shared between requests", async () => {
    const list = async (): Promise<ConversationDTO[]> =>
      (await api<Page<ConversationDTO>>(t.url, "GET", "/api/v1/conversations?status=all&limit=5", { cookie })).body.data;
    await list();
    const customer = await connectCustomer(t.url, t.inboxId);
    const ack = (await customer.send("is anyone there? order ORD-10001")) as { conversationId: string };
    customer.close();
    const [newest] = await list();
    // Newest first: the new conversation leads the list (its last message may already be the bot's answer).
    expect(newest).toMatchObject({ id: ack.conversationId, lastMessage: { text: expect.any(String) } });
  });

  it("shows each customer message with its sentiment, intent and entities", async () => {
    const customer = await connectCustomer(t.url, t.inboxId);
    const ack = (await customer.send("Where is my order ORD-10001? You can email me at jo@example.com")) as { conversationId: string };
    customer.close();
    const messages = await api<Page<MessageDTO>>(t.url, "GET", `/api/v1/conversations/${ack.conversationId}/messages`, { cookie });
    const first = messages.body.data[0];
    expect(first.sender.type).toBe("customer");
    expect(first.annotation?.sentiment.label).toMatch(/negative|neutral|positive/);
    expect(first.annotation?.intent.name).toBe("track_order");
    expect(first.annotation?.entities.map((e) => e.type)).toEqual(expect.arrayContaining(["order_number", "email"]));
  });

  it("resolving a ticket resolves its conversation and records the change in ticket_events", async () => {
    const customer = await connectCustomer(t.url, t.inboxId);
    await customer.send("I need to speak to a human");
    const notice = await customer.waitFor((m) => m.sender.type === "system");
    customer.close();
    const tickets = await api<Page<TicketDTO>>(t.url, "GET", "/api/v1/tickets?status=open", { cookie });
    const ticket = tickets.body.data.find((x) => x.conversationId === notice.conversationId);
    expect(ticket?.subject).toBe("I need to speak to a human");
    const resolved = await api<{ data: TicketDTO }>(t.url, "PATCH", `/api/v1/tickets/${ticket!.id}`, { cookie, body: { status: "resolved" } });
    expect(resolved.body.data).toMatchObject({ status: "resolved", resolvedAt: expect.any(String) });
    const conversation = await api<{ data: ConversationDTO }>(t.url, "GET", `/api/v1/conversations/${notice.conversationId}`, { cookie });
    expect(conversation.body.data.status).toBe("resolved");
    // The queued and resolved notices are activity: the list's preview stays the last message people wrote, its time moves on.
    expect(conversation.body.data.lastMessage?.sender.type).not.toBe("system");
    expect(Date.parse(conversation.body.data.updatedAt)).toBeGreaterThanOrEqual(Date.parse(notice.createdAt));
    const detail = await api<{ data: { events: { type: string; data: Record<string, unknown> }[] } }>(t.url, "GET", `/api/v1/tickets/${ticket!.id}`, { cookie });
    // Nobody is online, so routing queued it (recorded with the reason) before the resolve.
    expect(detail.body.data.events.map((e) => e.type)).toEqual(["created", "queued", "status_changed"]);
    expect(detail.body.data.events[2].data).toEqual({ from: "open", to: "resolved" });
  });
});

describe("customer profile", () => {
  it("offers an email and phone the customer wrote, and an agent adds them to the profile", async () => {
    const customer = await connectCustomer(t.url, t.inboxId);
    const ack = (await customer.send("my email is Jo.Smith@Example.com and my number is +44 20 7946 0958")) as { conversationId: string };
    customer.close();
    const before = await api<{ data: ConversationDTO }>(t.url, "GET", `/api/v1/conversations/${ack.conversationId}`, { cookie });
    expect(before.body.data.customer.suggestions).toEqual({ email: "jo.smith@example.com", phone: "+442079460958" });
    // PATCH answers with the CRM profile; the conversation's sidebar still offers the phone not yet accepted.
    const edited = await api<{ data: { email: string | null } }>(t.url, "PATCH", `/api/v1/customers/${before.body.data.customer.id}`, {
      cookie,
      body: { email: "jo.smith@example.com" },
    });
    expect(edited.body.data).toMatchObject({ email: "jo.smith@example.com" });
    const after = await api<{ data: ConversationDTO }>(t.url, "GET", `/api/v1/conversations/${ack.conversationId}`, { cookie });
    expect(after.body.data.customer).toMatchObject({ email: "jo.smith@example.com", suggestions: { phone: "+442079460958" } });
    expect(await api(t.url, "PATCH", `/api/v1/customers/${before.body.data.customer.id}`, { cookie, body: { email: "nope" } })).toMatchObject({
      status: 400,
      body: { error: { code: "VALIDATION_FAILED", fields: { email: expect.any(String) } } },
    });
  });
});

describe("error catalogue", () => {
  it("documents every error code in the README", async () => {
    const { readFileSync } = await import("node:fs");
    const readme = readFileSync(new URL("../../../README.md", import.meta.url), "utf8");
    for (const code of Object.keys(errorCatalogue)) expect(readme, `README documents ${code}`).toContain(`\`${code}\``);
  });
});
