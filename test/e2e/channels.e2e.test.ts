/**
 * A Telegram inbox added on Settings → Inboxes (credentials checked with the fake Bot API's getMe, the webhook URL
 * copied), then a Telegram conversation in the console: the bot's answer that Telegram refused shows "Not delivered" with the reason
 * and a Retry that sends it (the status follows live), and an agent's reply from the console reaches the (fake) Bot API;
 * the agent answers the same customer on their other channel with "Reply on"; the profile offers "Merge with …" when
 * the customer writes an email another record has; the conversation list filters by channel and each message shows its channel.
 */
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoAgents } from "../../src/db/seed/demo-data.ts";
import type { ConversationDTO, MessageDTO } from "../../src/contracts/api.ts";
import type { InboxDTO } from "../../src/contracts/channels.ts";
import { receiveCustomerMessage } from "../../src/modules/conversations/index.ts";
import { api } from "../support/api-client.ts";
import { ADMIN, createTestApp, type TestApp } from "../support/create-test-app.ts";
import { startFakeIntegrator, type FakeIntegrator } from "../support/fake-integrator.ts";
import { FAKE_BOT, startFakeTelegram, type FakeTelegram } from "../support/fake-telegram.ts";
import { browserForFile, signIn } from "./browser.ts";

const artifacts = fileURLToPath(new URL("../artifacts/channels", import.meta.url));
const chrome = browserForFile(artifacts);
const BOT_TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
const SECRET = "webhook-secret-e2e-0123456789";
const CHAT_ID = 70_001;
const manager = demoAgents[2];

describe("a Telegram conversation in the console", () => {
  let app: TestApp;
  let fake: FakeTelegram;
  let integrator: FakeIntegrator;
  let page: Page;
  let adminPage: Page;
  let inboxId = "";

  beforeAll(async () => {
    fake = await startFakeTelegram({ botToken: BOT_TOKEN });
    integrator = await startFakeIntegrator();
    app = await createTestApp({ env: { DELIVERY_BACKOFF_MS: "50" } });
    page = await chrome.newPage();
  }, 180_000);

  afterAll(async () => {
    await page?.context().close();
    await adminPage?.context().close();
    await app?.close();
    await fake?.close();
    await integrator?.close();
  });

  /** Katherine's Telegram conversation, as the REST API lists it. */
  async function telegramConversation(cookie: string): Promise<ConversationDTO> {
    const list = await api<{ data: ConversationDTO[] }>(app.url, "GET", "/api/v1/conversations?status=all&channel=telegram", { cookie });
    const found = list.body.data.find((c) => c.customer.name === "Katherine Johnson");
    if (!found) throw new Error("no Telegram conversation of Katherine Johnson");
    return found;
  }

  it("an admin adds the Telegram inbox on Settings → Inboxes, checks its credentials with Telegram's getMe and copies the webhook URL", async () => {
    adminPage = await chrome.newPage();
    await adminPage.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: app.url });
    await adminPage.goto(`${app.url}/console`);
    await signIn(adminPage, ADMIN.email, ADMIN.password);
    await adminPage.getByTestId("nav-inboxes").click();
    await adminPage.locator("[data-testid=inboxes-body][data-state=loaded]").waitFor();
    await adminPage.getByTestId("inbox-add").click();
    // The form opens with the focus on its first field, and the Telegram settings' fields.
    expect(await adminPage.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("inbox-name");
    await adminPage.keyboard.type("Telegram bot");
    await adminPage.getByTestId("inbox-channel").selectOption("telegram");
    await adminPage.getByLabel("Bot token").fill(BOT_TOKEN);
    await adminPage.getByLabel("Webhook secret").fill(SECRET);
    await adminPage.getByLabel(/API base URL/).fill(fake.url);
    expect(await adminPage.getByLabel("Bot token").getAttribute("type")).toBe("password");
    await adminPage.screenshot({ path: `${artifacts}/inboxes-add-telegram.png` });
    await adminPage.getByTestId("inbox-add-submit").click();
    await adminPage.getByTestId("inbox-add-dialog").waitFor({ state: "detached" });

    const row = adminPage.locator("[data-testid=inbox-row][data-channel=telegram]", { hasText: "Telegram bot" });
    await row.waitFor();
    inboxId = (await row.getAttribute("data-inbox-id")) ?? "";
    expect(await row.getByTestId("inbox-webhook-url").textContent()).toBe(`${app.url}/channels/telegram/${inboxId}`);
    expect(await row.getByTestId("inbox-state").textContent()).toBe("Configured");
    // The secrets are never shown again: not in the page, not in what the page loaded.
    expect(await adminPage.content()).not.toContain(BOT_TOKEN.split(":")[1]);

    await row.getByTestId("inbox-check").click();
    await row.locator("[data-testid=inbox-check-result][data-state=ok]").waitFor();
    expect(await row.getByTestId("inbox-check-result").textContent()).toContain(`@${FAKE_BOT.username}`);
    expect(fake.calls.filter((call) => call.method === "getMe").map((call) => call.token)).toEqual([BOT_TOKEN]);

    await row.getByTestId("inbox-copy-webhook").click();
    await expect.poll(() => row.getByTestId("inbox-copy-webhook").textContent()).toBe("Copied");
    expect(await adminPage.evaluate(() => navigator.clipboard.readText())).toBe(`${app.url}/channels/telegram/${inboxId}`);
    await adminPage.screenshot({ path: `${artifacts}/inboxes-telegram-checked.png` });
  });

  it("shows the bot's answer Telegram refused as not delivered, with the reason, and Retry sends it", async () => {
    // Telegram refuses the first answer for good (a 400 is not retried).
    fake.script(CHAT_ID, [{ status: 400, body: { ok: false, error_code: 400, description: "Bad Request: chat not found" } }]);
    const res = await fetch(`${app.url}/channels/telegram/${inboxId}`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
      body: JSON.stringify({
        update_id: 9001,
        message: { message_id: 1, from: { id: CHAT_ID, is_bot: false, first_name: "Katherine", last_name: "Johnson" }, chat: { id: CHAT_ID, type: "private" }, date: 1_765_000_000, text: "Hello, do you ship to Norway?" },
      }),
    });
    expect(res.status).toBe(200);
    await page.goto(`${app.url}/console`);
    await signIn(page, manager.email);
    // Inboxes are admins' business: the manager's navigation has no link to them.
    expect(await page.getByTestId("nav-inboxes").count()).toBe(0);
    await page.getByTestId("filter-bot").click();
    const item = page.locator("[data-testid=conversation-item]", { hasText: "Katherine Johnson" });
    await item.waitFor({ timeout: 20_000 });
    await item.click();
    const failed = page.locator("[data-testid=channel-delivery][data-status=failed]");
    await failed.waitFor({ timeout: 20_000 });
    expect(await failed.getByTestId("channel-delivery-error").textContent()).toContain("chat not found");
    await page.screenshot({ path: `${artifacts}/telegram-not-delivered.png` });

    await failed.getByTestId("channel-delivery-retry").focus();
    await page.keyboard.press("Enter");
    // The job sends it and the console hears of it on the socket.
    await page.locator("[data-testid=channel-delivery][data-status=sent]").first().waitFor({ timeout: 20_000 });
    await expect.poll(() => page.locator("[data-testid=channel-delivery][data-status=failed]").count()).toBe(0);
    const sent = fake.sentTo(CHAT_ID);
    expect(sent.length).toBeGreaterThanOrEqual(2);
    expect(sent.at(-1)?.body.text).toBeTruthy();
  });

  it("sends an agent's reply from the console to the customer's Telegram chat", async () => {
    const text = "Yes, we ship to Norway: 3 to 5 working days.";
    const before = fake.sentTo(CHAT_ID).length;
    await page.getByTestId("reply-input").fill(text);
    await page.getByTestId("reply-send").click();
    await expect.poll(() => fake.sentTo(CHAT_ID).slice(before).map((c) => c.body.text), { timeout: 20_000 }).toContain(text);
    const mine = page.locator("[data-testid=message][data-sender=agent]", { hasText: text });
    await mine.locator("[data-testid=channel-delivery][data-status=sent]").waitFor({ timeout: 20_000 });
    await page.screenshot({ path: `${artifacts}/telegram-agent-reply.png` });
    expect(await mine.getByTestId("message-channel").textContent()).toBe("Telegram");
  });

  it("answers the same customer on another of their channels with the composer's \"Reply on\" selector; the sent message shows that channel", async () => {
    const cookie = await app.login();
    const conversation = await telegramConversation(cookie);
    // Katherine also uses the shop's app (an API-channel inbox): she has a conversation there.
    const added = await api<{ data: InboxDTO }>(app.url, "POST", "/api/v1/inboxes", {
      cookie,
      body: { name: "Shop app", channel: "api", settings: { webhookUrl: `${integrator.url}/hooks/switchboard`, webhookSecret: "integrator-webhook-secret-e2e" } },
    });
    expect(added.status).toBe(201);
    await receiveCustomerMessage(app.container.deps, {
      inboxId: added.body.data.id,
      channel: "api",
      externalUserId: `${added.body.data.id}:katherine-app`,
      externalConversationId: `${added.body.data.id}:katherine-app`,
      text: "Sent from the app: where is my parcel?",
      customerId: conversation.customer.id,
      answeredInTurn: true,
    });
    // Open the conversation afresh: the composer lists the customer's channels, this conversation's own first.
    await page.goto(`${app.url}/console`);
    await page.getByTestId("filter-all").click();
    await page.locator(`[data-testid=conversation-item][data-conversation-id="${conversation.id}"]`).click();
    const select = page.getByTestId("reply-channel");
    await select.waitFor({ timeout: 20_000 });
    expect(await select.locator("option").allTextContents()).toEqual(["Telegram · Telegram bot (this conversation)", "API · Shop app"]);
    expect(await select.inputValue()).toBe(inboxId);
    // Keyboard: Tab from the reply box reaches the selector.
    await page.getByTestId("reply-input").focus();
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("reply-channel");
    await select.selectOption(added.body.data.id);

    const text = "I've also answered you in the app.";
    const telegramBefore = fake.sentTo(CHAT_ID).length;
    await page.getByTestId("reply-input").fill(text);
    await page.screenshot({ path: `${artifacts}/reply-on-another-channel.png` });
    await page.keyboard.press("Enter");
    await expect.poll(() => integrator.repliesTo("katherine-app").map((c) => c.body.text), { timeout: 20_000 }).toContain(text);
    const mine = page.locator("[data-testid=message][data-sender=agent]", { hasText: text });
    await mine.locator("[data-testid=channel-delivery][data-status=sent]").waitFor({ timeout: 20_000 });
    expect(await mine.getByTestId("message-channel").textContent()).toBe("API");
    expect(fake.sentTo(CHAT_ID).slice(telegramBefore).map((c) => c.body.text)).not.toContain(text);
    await page.screenshot({ path: `${artifacts}/reply-sent-on-another-channel.png` });
    // The reply stays in this conversation, marked with the inbox it went through.
    const stored = (await api<{ data: MessageDTO[] }>(app.url, "GET", `/api/v1/conversations/${conversation.id}/messages`, { cookie })).body.data.find((m) => m.text === text);
    expect(stored).toMatchObject({ channel: "api", viaInboxId: added.body.data.id });
  });

  it("offers \"Merge with <name>\" on the profile when the Telegram customer writes an email another customer has, and merges them", async () => {
    const cookie = await app.login();
    const existing = await api<{ data: { id: string } }>(app.url, "POST", "/api/v1/customers", { cookie, body: { name: "Kathy Johnson", email: "katherine.johnson@nasa-example.com" } });
    expect(existing.status).toBe(201);
    const res = await fetch(`${app.url}/channels/telegram/${inboxId}`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
      body: JSON.stringify({
        update_id: 9002,
        message: { message_id: 2, from: { id: CHAT_ID, is_bot: false, first_name: "Katherine", last_name: "Johnson" }, chat: { id: CHAT_ID, type: "private" }, date: 1_765_000_100, text: "My email is katherine.johnson@nasa-example.com" },
      }),
    });
    expect(res.status).toBe(200);
    const customerId = (await telegramConversation(cookie)).customer.id;
    await page.goto(`${app.url}/console/customers/${customerId}`);
    const suggestion = page.locator("[data-testid=suggestions] [data-testid=suggestion][data-field=email]");
    await suggestion.waitFor({ timeout: 20_000 });
    expect(await suggestion.getByTestId("suggestion-holder").textContent()).toContain("Kathy Johnson already has this");
    const merge = suggestion.getByTestId("suggestion-merge");
    expect(await merge.textContent()).toBe("Merge with Kathy Johnson");
    expect(await suggestion.getByTestId("suggestion-accept").count()).toBe(0);
    await page.screenshot({ path: `${artifacts}/suggestion-merge-offer.png` });
    await merge.focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByTestId("merge-dialog");
    await dialog.waitFor();
    await dialog.getByTestId("confirm-submit").click();
    await dialog.waitFor({ state: "detached", timeout: 20_000 });
    // One record now: the email is Katherine's, the other record is merged into hers.
    await expect.poll(async () => (await api<{ data: { email: string | null } }>(app.url, "GET", `/api/v1/customers/${customerId}`, { cookie })).body.data.email, { timeout: 20_000 }).toBe(
      "katherine.johnson@nasa-example.com",
    );
    const gone = await api<{ error: { code: string; mergedInto?: string } }>(app.url, "GET", `/api/v1/customers/${existing.body.data.id}`, { cookie });
    expect([gone.status, gone.body.error.mergedInto]).toEqual([404, customerId]);
    await expect.poll(() => page.locator("[data-testid=suggestions] [data-testid=suggestion][data-field=email]").count(), { timeout: 20_000 }).toBe(0);
    await page.screenshot({ path: `${artifacts}/suggestion-merged.png` });
    await page.goto(`${app.url}/console`);
  });

  it("filters the conversation list by channel, and shows each message's channel", async () => {
    await receiveCustomerMessage(app.container.deps, {
      inboxId: app.inboxId,
      channel: "web",
      externalUserId: "e2e-web-visitor",
      externalConversationId: "e2e-web-conversation",
      text: "Hi from the website",
      profile: { name: "Wendy Website" },
      answeredInTurn: true,
    });
    await page.getByTestId("filter-all").click();
    const items = page.locator("[data-testid=conversation-item]");
    const names = async () => (await items.allTextContents()).map((text) => (text.includes("Wendy Website") ? "web" : text.includes("Katherine Johnson") ? "telegram" : "other"));
    await expect.poll(names, { timeout: 20_000 }).toEqual(expect.arrayContaining(["web", "telegram"]));

    const channel = page.getByTestId("conversation-channel");
    await channel.selectOption("telegram");
    await expect.poll(names, { timeout: 20_000 }).toEqual(["telegram"]);
    await page.screenshot({ path: `${artifacts}/channel-filter-telegram.png` });
    // Keyboard: the filter is a labelled select.
    await channel.focus();
    await channel.selectOption("web");
    await expect.poll(names, { timeout: 20_000 }).toEqual(["web"]);
    await channel.selectOption("sms");
    await page.getByTestId("conversations-empty").waitFor({ timeout: 20_000 });
    await channel.selectOption("");
    await expect.poll(names, { timeout: 20_000 }).toEqual(expect.arrayContaining(["web", "telegram"]));

    // Katherine has an app conversation too (above): open the Telegram one.
    await page.locator(`[data-testid=conversation-item][data-conversation-id="${(await telegramConversation(await app.login())).id}"]`).click();
    const customer = page.locator("[data-testid=message][data-sender=customer]").first();
    await customer.waitFor({ timeout: 20_000 });
    expect(await customer.getByTestId("message-channel").textContent()).toBe("Telegram");
  });

  it("tells the admin why the inbox cannot be deleted once it has conversations, and Escape closes the dialog", async () => {
    const row = adminPage.locator(`[data-testid=inbox-row][data-inbox-id="${inboxId}"]`);
    await row.getByTestId("inbox-delete").click();
    const dialog = adminPage.getByTestId("inbox-delete-dialog");
    await dialog.getByRole("button", { name: "Delete" }).click();
    await expect.poll(() => dialog.getByTestId("confirm-error").textContent()).toContain("has conversations, so it cannot be deleted");
    await adminPage.screenshot({ path: `${artifacts}/inboxes-in-use.png` });
    await adminPage.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    await row.waitFor();
  });
});
