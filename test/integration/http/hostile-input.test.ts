/**
 * The hostile inputs found by hand (issue 16): each gets its documented 4xx code or an error ack, never a 500 or a
 * hang, and the server keeps serving.
 */
import { randomUUID } from "node:crypto";
import { gzipSync } from "node:zlib";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page, TicketDTO } from "../../../src/contracts/api.ts";
import { UNSAFE_TEXT_REASON } from "../../../src/contracts/safe-text.ts";
import { tables } from "../../../src/db/index.ts";
import { api } from "../../support/api-client.ts";
import { handshake } from "../../support/socket-handshake.ts";
import { createTestApp, type TestApp } from "../../support/create-test-app.ts";
import { connectCustomer } from "../../support/widget-client.ts";

const ACK_TIMEOUT_MS = 10_000;
const NUL = "\u0000";
const LONE_HIGH = "\ud800";
const LONE_LOW = "\udc00";

let t: TestApp;
let cookie: string;
let conversationId: string;
let customerId: string;
let ticketId: string;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => void unhandled.push(reason);

const cursorOf = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString("base64url");

async function raw(method: string, path: string, options: { body?: string | Uint8Array<ArrayBuffer>; headers?: Record<string, string> } = {}): Promise<{ status: number; text: string }> {
  const res = await fetch(`${t.url}${path}`, { method, headers: { cookie, ...options.headers }, body: options.body, signal: AbortSignal.timeout(ACK_TIMEOUT_MS) });
  return { status: res.status, text: await res.text() };
}

beforeAll(async () => {
  process.on("unhandledRejection", onUnhandled);
  t = await createTestApp();
  cookie = await t.login();
  const customer = await connectCustomer(t.url, t.inboxId);
  const ack = (await customer.send("I want to talk to a human")) as { conversationId: string };
  conversationId = ack.conversationId;
  await customer.waitFor((m) => m.sender.type !== "customer");
  customer.close();
  const tickets = await api<Page<TicketDTO>>(t.url, "GET", "/api/v1/tickets?status=all", { cookie });
  ticketId = tickets.body.data[0].id;
  customerId = tickets.body.data[0].customerId;
});

afterAll(async () => {
  process.off("unhandledRejection", onUnhandled);
  await t?.close();
});

describe("NUL and unpaired surrogates are refused with VALIDATION_FAILED naming the field, and nothing is stored", () => {
  const fieldError = (field: string) => ({ status: 400, body: { error: { code: "VALIDATION_FAILED", fields: { [field]: UNSAFE_TEXT_REASON } } } });

  it.each([
    ["a NUL in a login email", "email", { email: `admin${NUL}@example.test`, password: "x" }],
    ["an unpaired surrogate in a login email", "email", { email: `admin${LONE_HIGH}@example.test`, password: "x" }],
    ["a NUL in a password", "password", { email: "admin@example.test", password: `pass${NUL}` }],
  ])("login: %s", async (_name, field, body) => {
    expect(await api(t.url, "POST", "/api/v1/auth/login", { body })).toMatchObject(fieldError(field));
  });

  it.each([
    ["a NUL in the text", "text", { text: `hello${NUL}` }],
    ["an unpaired high surrogate in the text", "text", { text: `hello${LONE_HIGH}` }],
    ["an unpaired low surrogate in the text", "text", { text: `${LONE_LOW}hello` }],
    ["a NUL in the clientMsgId", "clientMsgId", { text: "hello", clientMsgId: NUL }],
  ])("agent reply: %s", async (_name, field, body) => {
    const agentMessages = async () =>
      (await t.container.database.db.select().from(tables.messages).where(eq(tables.messages.conversationId, conversationId))).filter((m) => m.senderType === "agent").length;
    const before = await agentMessages();
    expect(await api(t.url, "POST", `/api/v1/conversations/${conversationId}/messages`, { cookie, body })).toMatchObject(fieldError(field));
    expect(await agentMessages()).toBe(before);
  });

  it.each([
    ["a NUL in the name", "name", { name: `Pat${NUL}` }],
    ["an unpaired surrogate in the name (it was stored as U+FFFD)", "name", { name: `Pat${LONE_LOW}` }],
  ])("customer edit: %s", async (_name, field, body) => {
    expect(await api(t.url, "PATCH", `/api/v1/customers/${customerId}`, { cookie, body })).toMatchObject(fieldError(field));
    const [row] = await t.container.database.db.select().from(tables.customers).where(eq(tables.customers.id, customerId));
    expect(row.name ?? "").not.toContain("\ufffd");
    expect(row.name ?? "").not.toContain(NUL);
  });

  it("a paired surrogate (an emoji) is ordinary text and is accepted", async () => {
    const res = await api<{ data: { text: string } }>(t.url, "POST", `/api/v1/conversations/${conversationId}/messages`, { cookie, body: { text: "On its way 📦" } });
    expect(res).toMatchObject({ status: 201, body: { data: { text: "On its way 📦" } } });
  });

  it("a NUL in a query parameter is refused too", async () => {
    expect(await api(t.url, "GET", "/api/v1/reports/topics?channel=we%00b", { cookie })).toMatchObject(fieldError("channel"));
  });
});

describe("forged or malformed list cursors answer 400 VALIDATION_FAILED naming the cursor", () => {
  it.each([
    ["conversations", "a time that is not a time", "/api/v1/conversations", cursorOf({ at: "x", id: "y" })],
    ["conversations", "an id that is not a uuid (PostgreSQL 22P02)", "/api/v1/conversations", cursorOf({ at: "2026-01-01T00:00:00.000Z", id: "y" })],
    ["conversations", "text that is not base64 JSON", "/api/v1/conversations", "%%%not-a-cursor"],
    ["tickets", "a time that is not a time", "/api/v1/tickets", cursorOf({ at: "x", id: "y" })],
    ["tickets", "extra fields", "/api/v1/tickets", cursorOf({ at: "2026-01-01T00:00:00.000Z", id: randomUUID(), evil: 1 })],
    ["messages", "a sequence that is not a number", "/api/v1/conversations/:id/messages", cursorOf({ before: "x" })],
    ["messages", "a sequence beyond any integer", "/api/v1/conversations/:id/messages", cursorOf({ before: 1e300 })],
  ])("%s: %s", async (_list, _name, path, cursor) => {
    const res = await api(t.url, "GET", `${path.replace(":id", conversationId)}?cursor=${cursor}`, { cookie });
    expect(res).toMatchObject({ status: 400, body: { error: { code: "VALIDATION_FAILED", fields: { cursor: expect.any(String) } } } });
  });

  it("a cursor the server gave still pages", async () => {
    const first = await api<Page<unknown>>(t.url, "GET", "/api/v1/conversations?status=all&limit=1", { cookie });
    expect(first.status).toBe(200);
    if (first.body.nextCursor) expect((await api(t.url, "GET", `/api/v1/conversations?status=all&limit=1&cursor=${first.body.nextCursor}`, { cookie })).status).toBe(200);
  });
});

describe("requests the server cannot read get a 4xx with a catalogue code", () => {
  it("a bogus Content-Encoding answers 415 UNSUPPORTED_MEDIA_TYPE", async () => {
    const res = await raw("PATCH", `/api/v1/tickets/${ticketId}`, { body: JSON.stringify({ priority: "high" }), headers: { "content-type": "application/json", "content-encoding": "bogus" } });
    expect(res.status).toBe(415);
    expect(JSON.parse(res.text)).toMatchObject({ error: { code: "UNSUPPORTED_MEDIA_TYPE" } });
  });

  it("an unknown charset answers 415 UNSUPPORTED_MEDIA_TYPE", async () => {
    const res = await raw("PATCH", `/api/v1/tickets/${ticketId}`, { body: JSON.stringify({ priority: "high" }), headers: { "content-type": "application/json; charset=klingon" } });
    expect(res.status).toBe(415);
    expect(JSON.parse(res.text)).toMatchObject({ error: { code: "UNSUPPORTED_MEDIA_TYPE" } });
  });

  it("a gzip body that is not gzip answers 400 VALIDATION_FAILED, and a real gzip body is read", async () => {
    const bad = await raw("PATCH", `/api/v1/tickets/${ticketId}`, { body: "not gzip at all", headers: { "content-type": "application/json", "content-encoding": "gzip" } });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text)).toMatchObject({ error: { code: "VALIDATION_FAILED" } });
    const good = await raw("PATCH", `/api/v1/tickets/${ticketId}`, { body: new Uint8Array(gzipSync(JSON.stringify({ priority: "high" }))), headers: { "content-type": "application/json", "content-encoding": "gzip" } });
    expect(good.status).toBe(200);
  });

  it("a bad %-escape in a path answers 400 VALIDATION_FAILED, in the API and under /console", async () => {
    for (const path of ["/api/v1/conversations/%ZZ", "/api/v1/tickets/%E0%A4%A", "/console/%ZZ"]) {
      const res = await raw("GET", path);
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
      expect(JSON.parse(res.text)).toMatchObject({ error: { code: "VALIDATION_FAILED" } });
    }
  });

  it("a session cookie with a bad %-escape is UNAUTHENTICATED, not a 500", async () => {
    const res = await raw("GET", "/api/v1/auth/me", { headers: { cookie: "sb_session=%E0%A4%A" } });
    expect(res.status).toBe(401);
    expect(JSON.parse(res.text)).toMatchObject({ error: { code: "UNAUTHENTICATED" } });
  });

  it("a query parameter given twice answers 400 naming it", async () => {
    expect(await api(t.url, "GET", "/api/v1/conversations?status=open&status=resolved", { cookie })).toMatchObject({
      status: 400,
      body: { error: { code: "VALIDATION_FAILED", fields: { status: expect.any(String) } } },
    });
  });

  it("huge numbers and ids that are not uuids answer 400", async () => {
    for (const path of ["/api/v1/tickets?limit=1e400", "/api/v1/tickets?assignee=not-a-uuid", "/api/v1/tickets/12345", "/api/v1/conversations/%C3%A9t%C3%A9"]) {
      expect({ path, ...(await api(t.url, "GET", path, { cookie })) }).toMatchObject({ path, status: 400, body: { error: { code: "VALIDATION_FAILED" } } });
    }
  });

  it("a path that climbs out of /console gets the console page, never a file from elsewhere", async () => {
    for (const path of ["/console/..%2f..%2fpackage.json", "/console/%2e%2e/%2e%2e/package.json", "/console/..%5c..%5cpackage.json"]) {
      const res = await raw("GET", path);
      expect(res.status).toBeLessThan(500);
      expect(res.text).not.toContain('"name": "switchboard"');
    }
  });
});

describe("widget socket: hostile handshakes and emits get a connect_error or an error ack, never silence", () => {
  it.each([
    ["a NUL visitorId", { inbox: "demo", visitorId: `visitor-${NUL}-1234` }, "visitorId"],
    ["an unpaired surrogate in the visitorId", { inbox: "demo", visitorId: `visitor-${LONE_HIGH}-1234` }, "visitorId"],
    ["a NUL inbox", { inbox: `de${NUL}mo`, visitorId: randomUUID() }, "inbox"],
  ])("%s is refused at the handshake with VALIDATION_FAILED naming the field", async (_name, auth, field) => {
    const { socket, outcome, data } = await handshake(t.url, "/widget", { auth }, ACK_TIMEOUT_MS);
    socket.disconnect();
    expect(outcome).toBe("VALIDATION_FAILED");
    expect(data).toMatchObject({ code: "VALIDATION_FAILED", fields: { [field]: UNSAFE_TEXT_REASON } });
  });

  it("message:send with a NUL or an unpaired surrogate is refused naming the field, and nothing is stored", async () => {
    const customer = await connectCustomer(t.url, t.inboxId);
    expect(await customer.send(`hello${NUL}`)).toMatchObject({ error: { code: "VALIDATION_FAILED", fields: { text: UNSAFE_TEXT_REASON } } });
    expect(await customer.send(`hello${LONE_LOW}`)).toMatchObject({ error: { code: "VALIDATION_FAILED", fields: { text: UNSAFE_TEXT_REASON } } });
    expect(await customer.send("hello", `id-${NUL}`)).toMatchObject({ error: { code: "VALIDATION_FAILED", fields: { clientMsgId: UNSAFE_TEXT_REASON } } });
    expect(await customer.history()).toEqual([]);
    customer.close();
  });

  it('history {after: "not-a-uuid"} answers VALIDATION_FAILED naming after', async () => {
    const customer = await connectCustomer(t.url, t.inboxId);
    await customer.send("hello");
    expect(await customer.history("not-a-uuid")).toMatchObject({ error: { code: "VALIDATION_FAILED", fields: { after: expect.any(String) } } });
    customer.close();
  });

  it("emits without a payload are answered: message:send and typing with VALIDATION_FAILED, history with the whole history", async () => {
    const customer = await connectCustomer(t.url, t.inboxId);
    const ack = (event: string) => customer.socket.timeout(ACK_TIMEOUT_MS).emitWithAck(event);
    expect(await ack("message:send")).toMatchObject({ error: { code: "VALIDATION_FAILED" } });
    expect(await ack("typing")).toMatchObject({ error: { code: "VALIDATION_FAILED" } });
    expect(await ack("history")).toEqual([]);
    expect(await customer.socket.timeout(ACK_TIMEOUT_MS).emitWithAck("message:send", null)).toMatchObject({ error: { code: "VALIDATION_FAILED" } });
    customer.close();
  });

  it("an emit without an ack is still handled (the message is stored and answered), and extra arguments do not hide the ack", async () => {
    const customer = await connectCustomer(t.url, t.inboxId);
    customer.socket.emit("message:send", { clientMsgId: randomUUID(), text: "what is your refund policy?" });
    customer.socket.emit("typing");
    customer.socket.emit("history", { after: "not-a-uuid" });
    const answer = await customer.waitFor((m) => m.sender.type === "bot");
    expect(answer.text.length).toBeGreaterThan(0);
    const extra = await customer.socket.timeout(ACK_TIMEOUT_MS).emitWithAck("message:send", { clientMsgId: randomUUID(), text: "thanks" }, "extra", 42);
    expect(extra).toMatchObject({ id: expect.any(String) });
    customer.close();
  });

  it("an event nobody handles answers NOT_FOUND when the client waits for an ack", async () => {
    const customer = await connectCustomer(t.url, t.inboxId);
    expect(await customer.socket.timeout(ACK_TIMEOUT_MS).emitWithAck("message:delete", {})).toMatchObject({ error: { code: "NOT_FOUND" } });
    customer.close();
  });
});

describe("console socket: a malformed session cookie and empty emits", () => {
  it("a session cookie with a bad %-escape is refused with UNAUTHENTICATED at once, with no unhandled rejection", async () => {
    const { socket, outcome } = await handshake(t.url, "/console", { cookie: "sb_session=%E0%A4%A" }, ACK_TIMEOUT_MS);
    socket.disconnect();
    expect(outcome).toBe("UNAUTHENTICATED");
    expect(unhandled).toEqual([]);
  });

  it("typing without a payload or with a bad one answers VALIDATION_FAILED; without an ack it is ignored and the socket stays", async () => {
    const { socket, outcome } = await handshake(t.url, "/console", { cookie }, ACK_TIMEOUT_MS);
    expect(outcome).toBe("connected");
    socket.emit("typing");
    socket.emit("typing", { conversationId: "x", typing: "yes" });
    expect(await socket.timeout(ACK_TIMEOUT_MS).emitWithAck("typing")).toMatchObject({ error: { code: "VALIDATION_FAILED" } });
    expect(await socket.timeout(ACK_TIMEOUT_MS).emitWithAck("typing", { conversationId, typing: true })).toEqual({ data: { ok: true } });
    expect(socket.connected).toBe(true);
    socket.disconnect();
  });
});

describe("Bot Framework route (POST /api/messages) with the channel configured", () => {
  let bf: TestApp;
  beforeAll(async () => {
    bf = await createTestApp({ env: { MICROSOFT_APP_ID: randomUUID(), MICROSOFT_APP_PASSWORD: "not-a-real-secret" } });
  });
  afterAll(async () => {
    await bf?.close();
  });

  it.each([
    { name: "malformed JSON", body: "{not json", code: "MALFORMED_JSON" },
    { name: "an empty object (no activity type; the adapter threw a 500)", body: "{}", code: "VALIDATION_FAILED" },
    { name: "a type that is not a string", body: JSON.stringify({ type: 5 }), code: "VALIDATION_FAILED" },
    { name: "a NUL in the text", body: JSON.stringify({ type: "message", text: `hi${NUL}` }), code: "VALIDATION_FAILED" },
    { name: "a NUL 100,000 arrays deep", body: `{"type":"message","x":${"[".repeat(100_000)}"\\u0000"${"]".repeat(100_000)}}`, code: "VALIDATION_FAILED" },
  ])("$name answers 400 $code", async ({ body, code }) => {
    const res = await fetch(`${bf.url}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body, signal: AbortSignal.timeout(ACK_TIMEOUT_MS) });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code } });
  });

  it("a well-formed activity without credentials answers 401", async () => {
    const res = await fetch(`${bf.url}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ type: "message", text: "hi", channelId: "test", conversation: { id: "c1" }, from: { id: "u1" }, serviceUrl: "http://127.0.0.1:9" }),
      signal: AbortSignal.timeout(ACK_TIMEOUT_MS),
    });
    expect(res.status).toBe(401);
  });
});

describe("after all of the above", () => {
  it("the server is healthy and a customer still gets the bot's answer", async () => {
    expect((await raw("GET", "/healthz")).status).toBe(200);
    const customer = await connectCustomer(t.url, t.inboxId);
    await customer.send("where is my order?");
    expect((await customer.waitFor((m) => m.sender.type === "bot")).text.length).toBeGreaterThan(0);
    customer.close();
    expect(unhandled).toEqual([]);
  });
});
