import { io } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConversationDTO } from "../../../src/contracts/api.ts";
import type { AuditEntryDTO } from "../../../src/contracts/helpdesk.ts";
import type { VisitorEvent } from "../../../src/contracts/messages.ts";
import { DEFAULT_WIDGET_LOOK, type WidgetConfigEvent, type WidgetLook } from "../../../src/contracts/widget-look.ts";
import { api } from "../../support/api-client.ts";
import { createTestApp, type TestApp } from "../../support/create-test-app.ts";

const LOOK: WidgetLook = {
  color: "#0f766e",
  title: "Acme help",
  greeting: "Hello <b>there</b>! Ask about orders.",
  position: "left",
  avatarUrl: "https://cdn.example.com/acme.png",
  avatarInitials: null,
  replyTime: "hours",
};

const CHROME_ON_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36";

let t: TestApp;
let admin: string;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login();
}, 120_000);
afterAll(async () => {
  await t?.close();
});

/** Connects a widget with its handshake details and user agent; resolves with the "config" and "visitor" events and the socket. */
async function connectWidget(auth: Record<string, unknown>, userAgent = CHROME_ON_WINDOWS) {
  const socket = io(`${t.url}/widget`, { auth: { inbox: t.inboxId, visitorId: "new-visitor", ...auth }, transports: ["websocket"], reconnection: false, forceNew: true, extraHeaders: { "user-agent": userAgent } });
  const config = new Promise<WidgetConfigEvent>((resolve) => socket.once("config", resolve));
  const visitor = await new Promise<VisitorEvent>((resolve, reject) => {
    socket.once("visitor", resolve);
    socket.once("connect_error", reject);
  });
  return { socket, visitor, config: await config };
}

async function conversationOf(socket: ReturnType<typeof io>, text: string): Promise<ConversationDTO> {
  const ack = (await socket.timeout(15_000).emitWithAck("message:send", { clientMsgId: `m-${Math.random()}`, text })) as { conversationId: string };
  expect(ack.conversationId).toEqual(expect.any(String));
  // The details are stored right after the acknowledgement.
  for (let i = 0; i < 50; i++) {
    const res = await api<{ data: ConversationDTO }>(t.url, "GET", `/api/v1/conversations/${ack.conversationId}`, { cookie: admin });
    if (res.body.data.visitor) return res.body.data;
    await new Promise((r) => setTimeout(r, 100));
  }
  return (await api<{ data: ConversationDTO }>(t.url, "GET", `/api/v1/conversations/${ack.conversationId}`, { cookie: admin })).body.data;
}

describe("widget look settings", () => {
  it("a web inbox has the default look until an admin saves one", async () => {
    const res = await api<{ data: WidgetLook }>(t.url, "GET", `/api/v1/inboxes/${t.inboxId}/widget-look`, { cookie: admin });
    expect(res).toMatchObject({ status: 200, body: { data: DEFAULT_WIDGET_LOOK } });
  });

  it("an admin saves a look: it is stored, written to the audit log, served at /widget/config to any origin and sent in the widget socket's config event", async () => {
    const res = await api<{ data: WidgetLook }>(t.url, "PUT", `/api/v1/inboxes/${t.inboxId}/widget-look`, { cookie: admin, body: { ...LOOK, color: "#0F766E" } });
    expect(res).toMatchObject({ status: 200, body: { data: LOOK } });
    expect((await api<{ data: WidgetLook }>(t.url, "GET", `/api/v1/inboxes/${t.inboxId}/widget-look`, { cookie: admin })).body.data).toEqual(LOOK);

    const audit = await api<{ data: AuditEntryDTO[] }>(t.url, "GET", "/api/v1/audit-log?limit=50", { cookie: admin });
    const entry = audit.body.data.find((e) => e.action === "inbox.widget_look_updated" && e.target.id === t.inboxId);
    expect(entry).toMatchObject({ before: { color: DEFAULT_WIDGET_LOOK.color, title: DEFAULT_WIDGET_LOOK.title }, after: { color: LOOK.color, title: LOOK.title, position: "left" } });

    const pub = await fetch(`${t.url}/widget/config/${t.inboxId}`, { headers: { origin: "https://shop.example.org" } });
    expect(pub.status).toBe(200);
    expect(pub.headers.get("access-control-allow-origin")).toBe("*");
    expect(await pub.json()).toEqual({ data: { look: LOOK } });

    const { socket, config } = await connectWidget({});
    expect(config).toEqual({ look: LOOK });
    socket.disconnect();
  });

  it("refuses bad looks with VALIDATION_FAILED naming each field, and keeps the stored look", async () => {
    const bad: [Partial<Record<keyof WidgetLook, unknown>>, string][] = [
      [{ color: "teal" }, "color"],
      [{ color: "#888888" }, "color"], // neither white nor dark text reaches 4.5:1 on mid grey
      [{ color: "#ffff00", title: "" }, "title"],
      [{ title: "x".repeat(61) }, "title"],
      [{ greeting: "x".repeat(281) }, "greeting"],
      [{ position: "top" }, "position"],
      [{ avatarUrl: "http://cdn.example.com/a.png" }, "avatarUrl"],
      [{ avatarUrl: "javascript:alert(1)" }, "avatarUrl"],
      [{ avatarInitials: "<b>" }, "avatarInitials"],
      [{ replyTime: "soon" }, "replyTime"],
      [{ title: "nul\u0000" }, "title"],
    ];
    for (const [patch, field] of bad) {
      const res = await api<{ error: { code: string; fields: Record<string, string> } }>(t.url, "PUT", `/api/v1/inboxes/${t.inboxId}/widget-look`, { cookie: admin, body: { ...LOOK, ...patch } });
      expect({ patch, status: res.status, code: res.body.error?.code }).toEqual({ patch, status: 400, code: "VALIDATION_FAILED" });
      expect(Object.keys(res.body.error.fields)).toContain(field);
    }
    const contrast = await api<{ error: { fields: Record<string, string> } }>(t.url, "PUT", `/api/v1/inboxes/${t.inboxId}/widget-look`, { cookie: admin, body: { ...LOOK, color: "#888888" } });
    expect(contrast.body.error.fields.color).toMatch(/contrast/);
    const missing = await api<{ error: { code: string; fields: Record<string, string> } }>(t.url, "PUT", `/api/v1/inboxes/${t.inboxId}/widget-look`, { cookie: admin, body: { color: "#0f766e" } });
    expect(missing.status).toBe(400);
    expect(Object.keys(missing.body.error.fields)).toEqual(expect.arrayContaining(["title", "greeting", "position"]));
    expect((await api<{ data: WidgetLook }>(t.url, "GET", `/api/v1/inboxes/${t.inboxId}/widget-look`, { cookie: admin })).body.data).toEqual(LOOK);
  });

  it("answers INBOX_NOT_FOUND for an unknown inbox, VALIDATION_FAILED for a non-web inbox, and 403 to an agent", async () => {
    expect(await api(t.url, "PUT", "/api/v1/inboxes/nope/widget-look", { cookie: admin, body: LOOK })).toMatchObject({ status: 404, body: { error: { code: "INBOX_NOT_FOUND" } } });
    expect(await api(t.url, "GET", "/api/v1/inboxes/botframework/widget-look", { cookie: admin })).toMatchObject({ status: 400, body: { error: { code: "VALIDATION_FAILED", fields: { id: expect.any(String) } } } });
    expect((await fetch(`${t.url}/widget/config/botframework`)).status).toBe(404);
    const agent = await t.login("alex@switchboard.local");
    expect(await api(t.url, "PUT", `/api/v1/inboxes/${t.inboxId}/widget-look`, { cookie: agent, body: { ...LOOK, title: "Hijacked" } })).toMatchObject({ status: 403 });
    expect((await api<{ data: WidgetLook }>(t.url, "GET", `/api/v1/inboxes/${t.inboxId}/widget-look`, { cookie: admin })).body.data.title).toBe(LOOK.title);
  });
});

describe("visitor details", () => {
  it("an agent sees the page a visitor chats from, their browser and time zone on the conversation", async () => {
    const { socket } = await connectWidget({ page: { url: "https://shop.example.org/orders/42?ref=mail", title: "Order 42 — Acme" }, timeZone: "Europe/Paris" });
    const conversation = await conversationOf(socket, "hello, where is my parcel?");
    expect(conversation.visitor).toEqual({
      pageUrl: "https://shop.example.org/orders/42?ref=mail",
      pageTitle: "Order 42 — Acme",
      browser: "Chrome 126 on Windows",
      timeZone: "Europe/Paris",
      seenAt: expect.any(String),
    });
    socket.disconnect();
  });

  it("drops details that do not pass (a javascript: URL, an over-long title, an unknown time zone) without refusing the visitor", async () => {
    const iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
    const { socket } = await connectWidget({ page: { url: "javascript:alert(1)", title: "t" }, timeZone: "Mars/Olympus_Mons" }, iphone);
    const conversation = await conversationOf(socket, "hi");
    expect(conversation.visitor).toMatchObject({ pageUrl: null, pageTitle: null, browser: "Safari 17 on iOS", timeZone: null });
    socket.disconnect();

    const long = await connectWidget({ page: { url: "https://shop.example.org/", title: "x".repeat(301) }, timeZone: 42 });
    const second = await conversationOf(long.socket, "hello");
    expect(second.visitor).toMatchObject({ pageUrl: null, pageTitle: null, timeZone: null });
    long.socket.disconnect();
  });

  it("a returning visitor's new page replaces the old one on their conversation", async () => {
    const first = await connectWidget({ page: { url: "https://shop.example.org/a", title: "A" }, timeZone: "America/New_York" });
    const conversation = await conversationOf(first.socket, "first visit");
    first.socket.disconnect();
    const again = await connectWidget({ visitorId: first.visitor.visitorId, page: { url: "https://shop.example.org/b", title: "B" }, timeZone: "America/New_York" });
    let visitor = conversation.visitor;
    for (let i = 0; i < 50 && visitor?.pageUrl !== "https://shop.example.org/b"; i++) {
      await new Promise((r) => setTimeout(r, 100));
      visitor = (await api<{ data: ConversationDTO }>(t.url, "GET", `/api/v1/conversations/${conversation.id}`, { cookie: admin })).body.data.visitor;
    }
    expect(visitor).toMatchObject({ pageUrl: "https://shop.example.org/b", pageTitle: "B", timeZone: "America/New_York" });
    again.socket.disconnect();
  });
});
