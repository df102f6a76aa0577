import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConversationNoteDTO, LabelDTO } from "../../src/contracts/helpdesk.ts";
import { api } from "../support/api-client.ts";
import { ADMIN, AGENT_PASSWORD, createTestApp, type TestApp } from "../support/create-test-app.ts";
import { connectCustomer, type WidgetCustomer } from "../support/widget-client.ts";
import { launchChromium } from "./browser.ts";
import { buildConsole } from "./console-build.ts";

const artifacts = fileURLToPath(new URL("../artifacts", import.meta.url));
const NOTE = "@sam this customer was promised a discount last week";

let browser: Browser;
let app: TestApp;
let agent: Page;
let customer: WidgetCustomer;
let conversationId: string;
let vip: LabelDTO;

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  await buildConsole();
  [browser, app] = await Promise.all([launchChromium(), createTestApp()]);
  const admin = await app.login();
  vip = (await api<{ data: LabelDTO }>(app.url, "POST", "/api/v1/labels", { cookie: admin, body: { name: "VIP", color: "#7c3aed" } })).body.data;
  await api(app.url, "POST", "/api/v1/labels", { cookie: admin, body: { name: "Billing", color: "#0e7490" } });
  await api(app.url, "POST", "/api/v1/canned-replies", { cookie: admin, body: { shortcut: "hello", text: "Hello {{customer.name}}, I'm {{agent.name}}. How can I help?", shared: true } });
  await api(app.url, "POST", "/api/v1/canned-replies", { cookie: admin, body: { shortcut: "where", text: "Your order {{order.number}} left our warehouse yesterday.", shared: true } });
  customer = await connectCustomer(app.url, app.inboxId);
  const ack = (await customer.send("Hi, where is my order ORD-10001?")) as { conversationId: string };
  conversationId = ack.conversationId;
  agent = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  await agent.goto(`${app.url}/console/conversations/${conversationId}`);
  await agent.getByTestId("login-email").fill("alex@switchboard.local");
  await agent.getByTestId("login-password").fill(AGENT_PASSWORD);
  await agent.getByTestId("login-submit").click();
  await agent.getByTestId("conversation-view").waitFor();
}, 120_000);

afterAll(async () => {
  customer?.close();
  await agent?.context().close();
  await browser?.close();
  await app?.close();
});

describe("an agent's helpdesk tools in Chromium", () => {
  it('typing "/" opens the canned replies; arrow keys and Enter insert one with its variables filled in, and it reaches the customer', async () => {
    const input = agent.getByTestId("reply-input");
    await input.click();
    await input.pressSequentially("/");
    await agent.getByTestId("canned-picker").waitFor();
    // The list loads when the picker opens.
    await expect.poll(() => agent.getByTestId("canned-item").count()).toBe(2);
    await input.pressSequentially("wh");
    await expect.poll(() => agent.getByTestId("canned-item").count()).toBe(1);
    await input.press("Backspace");
    await input.press("Backspace");
    await input.press("ArrowDown");
    await expect.poll(() => agent.locator("[data-testid=canned-item][aria-selected=true]").getAttribute("data-shortcut")).toBe("where");
    await agent.screenshot({ path: `${artifacts}/helpdesk-canned-picker.png` });
    await input.press("Enter");
    expect(await input.inputValue()).toBe("Your order ORD-10001 left our warehouse yesterday.");
    expect(await agent.getByTestId("canned-picker").count()).toBe(0);
    await input.press("Enter");
    await customer.waitFor((m) => m.text === "Your order ORD-10001 left our warehouse yesterday.");
  });

  it("a private note shows in the thread, set apart, and never reaches the customer", async () => {
    await agent.getByTestId("composer-mode-note").click();
    expect(await agent.getByTestId("composer").getAttribute("data-mode")).toBe("note");
    await agent.getByTestId("reply-input").fill(NOTE);
    await agent.getByTestId("reply-send").click();
    await agent.locator("[data-testid=note-item]", { hasText: "promised a discount" }).waitFor();
    const stored = await api<{ data: ConversationNoteDTO[] }>(app.url, "GET", `/api/v1/conversations/${conversationId}/notes`, { cookie: await app.login() });
    expect(stored.body.data.map((n) => n.text)).toEqual([NOTE]);
    expect(stored.body.data[0].mentions.map((m) => m.name)).toEqual(["Sam Support"]);
    // A reply after the note reaches the customer; the note, which would have come first, never does.
    await agent.getByTestId("composer-mode-reply").click();
    await agent.getByTestId("reply-input").fill("Anything else I can do?");
    await agent.getByTestId("reply-input").press("Enter");
    await customer.waitFor((m) => m.text === "Anything else I can do?");
    expect(customer.received.map((m) => m.text)).not.toContain(NOTE);
    await agent.screenshot({ path: `${artifacts}/helpdesk-note.png` });
  });

  it("an agent labels the conversation: the chip shows in the header and the list, and the label filter keeps it", async () => {
    await agent.getByTestId("labels-edit").click();
    await agent.locator("[data-testid=label-option][data-label=VIP]").check();
    await agent.keyboard.press("Escape");
    await agent.locator("[data-testid=conversation-view] [data-testid=label-chip]", { hasText: "VIP" }).waitFor();
    const item = agent.locator(`[data-testid=conversation-item][data-conversation-id="${conversationId}"]`);
    await item.locator("[data-testid=label-chip]", { hasText: "VIP" }).waitFor();
    await agent.getByTestId("label-filter").selectOption(vip.id);
    await item.waitFor();
    expect(await agent.getByTestId("conversation-item").count()).toBe(1);
    await agent.screenshot({ path: `${artifacts}/helpdesk-labels.png` });
    const billing = agent.getByTestId("label-filter").locator("option", { hasText: "Billing" });
    await agent.getByTestId("label-filter").selectOption((await billing.getAttribute("value"))!);
    await agent.getByTestId("conversations-empty").waitFor();
  });
});

describe("Settings in Chromium (admins)", () => {
  it("an admin adds an agent and sees the temporary password once; it logs in; the audit log shows the change", async () => {
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await page.goto(`${app.url}/console/settings`);
    await page.getByTestId("login-email").fill(ADMIN.email);
    await page.getByTestId("login-password").fill(ADMIN.password);
    await page.getByTestId("login-submit").click();
    await page.getByTestId("settings-view").waitFor();
    await page.locator("[data-testid=user-row]").first().waitFor();
    await page.getByTestId("new-user-name").fill("Nora Newhire");
    await page.getByTestId("new-user-email").fill("nora@example.test");
    await page.getByTestId("new-user-submit").click();
    const password = (await page.getByTestId("temporary-password").textContent())!;
    expect(password.length).toBeGreaterThanOrEqual(12);
    await page.locator("[data-testid=user-row][data-email='nora@example.test']").waitFor();
    await page.screenshot({ path: `${artifacts}/helpdesk-settings-agents.png` });
    expect((await api(app.url, "POST", "/api/v1/auth/login", { body: { email: "nora@example.test", password } })).status).toBe(200);
    await page.getByTestId("settings-tab-audit").click();
    await page.locator("[data-testid=audit-row][data-action='user.created']").first().waitFor();
    await page.screenshot({ path: `${artifacts}/helpdesk-settings-audit.png` });
    // An agent has no Settings link and is shown the inbox at its address.
    expect(await agent.getByTestId("nav-settings").count()).toBe(0);
    await page.context().close();
  });
});
