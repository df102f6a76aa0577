import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InboxDTO } from "../../../src/contracts/channels.ts";
import { tables } from "../../../src/db/index.ts";
import { receiveCustomerMessage } from "../../../src/modules/conversations/index.ts";
import { channelInbox, createSecretBox } from "../../../src/modules/inboxes/index.ts";
import { api } from "../../support/api-client.ts";
import { AGENT_PASSWORD, createTestApp, type TestApp } from "../../support/create-test-app.ts";
import { testEngines } from "../../support/engines.ts";

const TELEGRAM = { botToken: "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw", webhookSecret: "secret-token-of-the-webhook" };

describe.each(testEngines())("inboxes API on $name", (engine) => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp({ database: await engine.open() });
    admin = await t.login();
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await engine.cleanup();
  });

  const storedRow = async (id: string) => (await t.container.database.db.select().from(tables.inboxes).where(eq(tables.inboxes.id, id)))[0];

  it("creates a Telegram inbox for an admin: 201 with its webhook URL, the settings sealed at rest and never returned", async () => {
    const res = await api<{ data: InboxDTO }>(t.url, "POST", "/api/v1/inboxes", { cookie: admin, body: { name: "Support bot", channel: "telegram", settings: TELEGRAM } });
    expect(res.status).toBe(201);
    const { id } = res.body.data;
    expect(res.body.data).toEqual({ id, name: "Support bot", channel: "telegram", webhookUrl: `${t.url}/channels/telegram/${id}`, configured: ["apiBaseUrl", "botToken", "webhookSecret"], enabled: true, csat: true, createdAt: expect.any(String) });
    expect(JSON.stringify(res.body)).not.toContain(TELEGRAM.botToken);
    const row = await storedRow(id);
    expect(row!.sealedSettings).toMatch(/^v1\./);
    expect(row!.sealedSettings).not.toContain(TELEGRAM.botToken);
    expect(JSON.stringify(row!.settings)).not.toContain(TELEGRAM.botToken);
    // The server opens them again with its key (generated into DATA_DIR, since SECRETS_KEY is unset), defaults applied.
    expect(existsSync(path.join(t.container.config.dataDir, "secrets-key"))).toBe(true);
    expect(readFileSync(path.join(t.container.config.dataDir, "secrets-key"), "utf8").trim()).toBe(t.container.config.secretsKey);
    expect((await channelInbox(t.container.deps, id, "telegram"))?.settings).toEqual({ ...TELEGRAM, apiBaseUrl: "https://api.telegram.org" });
    const list = await api<{ data: InboxDTO[] }>(t.url, "GET", "/api/v1/inboxes", { cookie: admin });
    expect(list.status).toBe(200);
    expect(list.body.data.find((inbox) => inbox.id === id)?.configured).toEqual(["apiBaseUrl", "botToken", "webhookSecret"]);
    expect(JSON.stringify(list.body)).not.toContain(TELEGRAM.webhookSecret);
  });

  it("keeps the existing widget and Bot Framework inboxes listed, without webhook URLs or settings", async () => {
    const list = await api<{ data: InboxDTO[] }>(t.url, "GET", "/api/v1/inboxes", { cookie: admin });
    expect(list.body.data.find((inbox) => inbox.id === t.inboxId)).toMatchObject({ channel: "web", webhookUrl: null, configured: [] });
    expect(list.body.data.find((inbox) => inbox.channel === "botframework")).toMatchObject({ webhookUrl: null, configured: [] });
  });

  it("has one demo inbox of each channel, disabled and not configured: its webhook answers 409 INBOX_DISABLED until an admin configures and enables it", async () => {
    const list = (await api<{ data: InboxDTO[] }>(t.url, "GET", "/api/v1/inboxes", { cookie: admin })).body.data;
    const demo = list.filter((inbox) => inbox.id === "demo" || inbox.id.startsWith("demo-"));
    expect(demo.map((inbox) => inbox.channel).sort()).toEqual(["api", "email", "slack", "sms", "telegram", "web", "whatsapp"]);
    for (const inbox of demo.filter((i) => i.channel !== "web")) expect(inbox).toMatchObject({ enabled: false, configured: [] });
    const update = { update_id: 1, message: { message_id: 1, from: { id: 7, is_bot: false, first_name: "Al" }, chat: { id: 7, type: "private" }, date: 1, text: "hi" } };
    const postUpdate = () =>
      fetch(`${t.url}/channels/telegram/demo-telegram`, { method: "POST", headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": TELEGRAM.webhookSecret }, body: JSON.stringify(update) });
    const disabled = await postUpdate();
    expect(disabled.status).toBe(409);
    expect(((await disabled.json()) as { error: { code: string } }).error.code).toBe("INBOX_DISABLED");
    // Enabling it before its settings are entered names what is missing.
    const early = await api<{ error: { fields: Record<string, string> } }>(t.url, "PATCH", "/api/v1/inboxes/demo-telegram", { cookie: admin, body: { enabled: true } });
    expect(early.status).toBe(400);
    expect(Object.keys(early.body.error.fields).sort()).toEqual(["settings.botToken", "settings.webhookSecret"]);
    const enabled = await api<{ data: InboxDTO }>(t.url, "PATCH", "/api/v1/inboxes/demo-telegram", { cookie: admin, body: { settings: TELEGRAM, enabled: true } });
    expect(enabled.body.data).toMatchObject({ enabled: true, configured: ["apiBaseUrl", "botToken", "webhookSecret"] });
    expect((await postUpdate()).status).toBe(200);
  });

  it("rejects settings a channel does not take, naming each field", async () => {
    const bad = await api<{ error: { code: string; fields: Record<string, string> } }>(t.url, "POST", "/api/v1/inboxes", {
      cookie: admin,
      body: { name: "Bot", channel: "telegram", settings: { botToken: "nope", apiBaseUrl: "ftp://x" } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("VALIDATION_FAILED");
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(["settings.apiBaseUrl", "settings.botToken", "settings.webhookSecret"]);
    const email = await api<{ error: { fields: Record<string, string> } }>(t.url, "POST", "/api/v1/inboxes", {
      cookie: admin,
      body: { name: "Mail", channel: "email", settings: { address: "help@example.test", smtpUrl: "http://relay" } },
    });
    expect(email.status).toBe(400);
    expect(email.body.error.fields).toEqual({ "settings.smtpUrl": "smtpUrl must be an smtp:// or smtps:// URL" });
    const channel = await api<{ error: { fields: Record<string, string> } }>(t.url, "POST", "/api/v1/inboxes", { cookie: admin, body: { name: "Fax", channel: "fax" } });
    expect(channel.status).toBe(400);
    expect(channel.body.error.fields.channel).toMatch(/must be one of email, telegram/);
    const before = (await api<{ data: InboxDTO[] }>(t.url, "GET", "/api/v1/inboxes", { cookie: admin })).body.data.length;
    expect(before).toBeGreaterThan(0);
  });

  it("accepts an email inbox per the issue's settings, and a web inbox without settings", async () => {
    const email = await api<{ data: InboxDTO }>(t.url, "POST", "/api/v1/inboxes", {
      cookie: admin,
      body: { name: "Mail", channel: "email", settings: { address: "help@example.test", smtpUrl: "smtp://127.0.0.1:2525" } },
    });
    expect(email.status).toBe(201);
    expect(email.body.data).toMatchObject({ channel: "email", webhookUrl: null, configured: ["address", "smtpUrl"] });
    const web = await api<{ data: InboxDTO }>(t.url, "POST", "/api/v1/inboxes", { cookie: admin, body: { name: "Second site", channel: "web" } });
    expect(web.status).toBe(201);
    expect(web.body.data.configured).toEqual([]);
  });

  it("changes some settings on PATCH, keeping the others, and validates the result whole", async () => {
    const { body } = await api<{ data: InboxDTO }>(t.url, "POST", "/api/v1/inboxes", { cookie: admin, body: { name: "Bot", channel: "telegram", settings: TELEGRAM } });
    const id = body.data.id;
    const renamed = await api<{ data: InboxDTO }>(t.url, "PATCH", `/api/v1/inboxes/${id}`, {
      cookie: admin,
      body: { name: "Renamed bot", settings: { apiBaseUrl: "http://127.0.0.1:9" } },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.data.name).toBe("Renamed bot");
    expect((await channelInbox(t.container.deps, id, "telegram"))?.settings).toEqual({ ...TELEGRAM, apiBaseUrl: "http://127.0.0.1:9" });
    const bad = await api<{ error: { fields: Record<string, string> } }>(t.url, "PATCH", `/api/v1/inboxes/${id}`, { cookie: admin, body: { settings: { webhookSecret: "short" } } });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields)).toEqual(["settings.webhookSecret"]);
    expect((await channelInbox(t.container.deps, id, "telegram"))?.settings.webhookSecret).toBe(TELEGRAM.webhookSecret);
    const channel = await api(t.url, "PATCH", `/api/v1/inboxes/${id}`, { cookie: admin, body: { channel: "web" } });
    expect(channel.status).toBe(400);
    const missing = await api<{ error: { code: string } }>(t.url, "PATCH", "/api/v1/inboxes/no-such-inbox", { cookie: admin, body: { name: "x" } });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("INBOX_NOT_FOUND");
  });

  it("deletes an inbox without conversations (204, gone), and refuses one with conversations with INBOX_IN_USE", async () => {
    const { body } = await api<{ data: InboxDTO }>(t.url, "POST", "/api/v1/inboxes", { cookie: admin, body: { name: "Short-lived", channel: "web" } });
    const gone = await api(t.url, "DELETE", `/api/v1/inboxes/${body.data.id}`, { cookie: admin });
    expect(gone.status).toBe(204);
    expect(await storedRow(body.data.id)).toBeUndefined();
    expect((await api(t.url, "DELETE", `/api/v1/inboxes/${body.data.id}`, { cookie: admin })).status).toBe(404);
    await receiveCustomerMessage(t.container.deps, { inboxId: t.inboxId, channel: "web", externalUserId: "u-del", externalConversationId: "c-del", text: "hello", answeredInTurn: true });
    const used = await api<{ error: { code: string } }>(t.url, "DELETE", `/api/v1/inboxes/${t.inboxId}`, { cookie: admin });
    expect(used.status).toBe(409);
    expect(used.body.error.code).toBe("INBOX_IN_USE");
    expect(await storedRow(t.inboxId)).toBeDefined();
  });

  it("still lists inboxes whose settings were sealed under another key, as not configured, and PATCH seals them anew", async () => {
    const { body } = await api<{ data: InboxDTO }>(t.url, "POST", "/api/v1/inboxes", { cookie: admin, body: { name: "Old key", channel: "telegram", settings: TELEGRAM } });
    const id = body.data.id;
    const otherKey = createSecretBox("another-installation-key-0123456789");
    await t.container.database.db.update(tables.inboxes).set({ sealedSettings: otherKey.seal(JSON.stringify(TELEGRAM), id) }).where(eq(tables.inboxes.id, id));
    const list = await api<{ data: InboxDTO[] }>(t.url, "GET", "/api/v1/inboxes", { cookie: admin });
    expect(list.status).toBe(200);
    expect(list.body.data.find((inbox) => inbox.id === id)?.configured).toEqual([]);
    const partial = await api<{ error: { fields: Record<string, string> } }>(t.url, "PATCH", `/api/v1/inboxes/${id}`, { cookie: admin, body: { settings: { webhookSecret: TELEGRAM.webhookSecret } } });
    expect(partial.status).toBe(400);
    expect(Object.keys(partial.body.error.fields)).toEqual(["settings.botToken"]);
    const whole = await api<{ data: InboxDTO }>(t.url, "PATCH", `/api/v1/inboxes/${id}`, { cookie: admin, body: { settings: TELEGRAM } });
    expect(whole.status).toBe(200);
    expect(whole.body.data.configured).toEqual(["apiBaseUrl", "botToken", "webhookSecret"]);
    expect((await channelInbox(t.container.deps, id, "telegram"))?.settings.botToken).toBe(TELEGRAM.botToken);
  });

  it("refuses agents and managers with 403, and anonymous callers with 401", async () => {
    const agent = await t.login("alex@switchboard.local", AGENT_PASSWORD);
    const res = await api<{ error: { code: string } }>(t.url, "POST", "/api/v1/inboxes", { cookie: agent, body: { name: "Sneaky", channel: "web" } });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("FORBIDDEN");
    expect((await api(t.url, "GET", "/api/v1/inboxes", { cookie: agent })).status).toBe(403);
    expect((await api(t.url, "GET", "/api/v1/inboxes")).status).toBe(401);
  });
});
