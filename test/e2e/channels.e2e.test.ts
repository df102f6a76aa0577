/**
 * A Telegram inbox added on Settings → Inboxes (credentials checked with the fake Bot API's getMe, the webhook URL
 * copied), then a Telegram conversation in the console: the bot's answer that Telegram refused shows "Not delivered" with the reason
 * and a Retry that sends it (the status follows live), and an agent's reply from the console reaches the (fake) Bot API;
 * the conversation list filters by channel and each message shows its channel.
 */
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoAgents } from "../../src/db/seed/demo-data.ts";
import { receiveCustomerMessage } from "../../src/modules/conversations/index.ts";
import { ADMIN, createTestApp, type TestApp } from "../support/create-test-app.ts";
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
  let page: Page;
  let adminPage: Page;
  let inboxId = "";

  beforeAll(async () => {
    fake = await startFakeTelegram({ botToken: BOT_TOKEN });
    app = await createTestApp({ env: { DELIVERY_BACKOFF_MS: "50" } });
    page = await chrome.newPage();
  }, 180_000);

  afterAll(async () => {
    await page?.context().close();
    await adminPage?.context().close();
    await app?.close();
    await fake?.close();
  });

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
