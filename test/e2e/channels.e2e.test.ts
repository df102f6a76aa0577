/**
 * A Telegram conversation in the console: the bot's answer that Telegram refused shows "Not delivered" with the reason
 * and a Retry that sends it (the status follows live), and an agent's reply from the console reaches the (fake) Bot API;
 * the conversation list filters by channel and each message shows its channel.
 */
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InboxDTO } from "../../src/contracts/channels.ts";
import { demoAgents } from "../../src/db/seed/demo-data.ts";
import { receiveCustomerMessage } from "../../src/modules/conversations/index.ts";
import { api } from "../support/api-client.ts";
import { createTestApp, type TestApp } from "../support/create-test-app.ts";
import { startFakeTelegram, type FakeTelegram } from "../support/fake-telegram.ts";
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
  let page: Page;
  let inboxId = "";

  beforeAll(async () => {
    fake = await startFakeTelegram();
    app = await createTestApp({ env: { DELIVERY_BACKOFF_MS: "50" } });
    const admin = await app.login();
    const created = await api<{ data: InboxDTO }>(app.url, "POST", "/api/v1/inboxes", {
      cookie: admin,
      body: { name: "Telegram bot", channel: "telegram", settings: { botToken: BOT_TOKEN, webhookSecret: SECRET, apiBaseUrl: fake.url } },
    });
    expect(created.status).toBe(201);
    inboxId = created.body.data.id;
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
    page = await chrome.newPage();
  }, 180_000);

  afterAll(async () => {
    await page?.context().close();
    await app?.close();
    await fake?.close();
  });

  it("shows the bot's answer Telegram refused as not delivered, with the reason, and Retry sends it", async () => {
    await page.goto(`${app.url}/console`);
    await signIn(page, manager.email);
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

    await items.filter({ hasText: "Katherine Johnson" }).click();
    const customer = page.locator("[data-testid=message][data-sender=customer]").first();
    await customer.waitFor({ timeout: 20_000 });
    expect(await customer.getByTestId("message-channel").textContent()).toBe("Telegram");
  });
});
