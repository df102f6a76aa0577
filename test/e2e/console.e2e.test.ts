import { existsSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Browser, Locator, Page } from "playwright-core";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { demoAgents } from "../../src/db/seed/demo-data.ts";
import { errorCatalogue } from "../../src/errors.ts";
import { ADMIN, AGENT_PASSWORD, createTestApp, type TestApp } from "../support/create-test-app.ts";
import { connectCustomer } from "../support/widget-client.ts";
import { launchChromium } from "./browser.ts";
import { buildConsole } from "./console-build.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const artifacts = `${root}test/artifacts`;
const agentUser = demoAgents[0];
const managerUser = demoAgents.find((u) => u.role === "manager")!;
const FIRST_TEXT = "Hi, where is my order ORD-10001? It is late and I'm annoyed.";
const HANDOFF_TEXT = "I want to talk to a human";
const MARKUP_TEXT = `<b>bold</b> <img src=x onerror="window.__xss = 1">`;
const REPLY_TEXT = "Hi, I'm Alex from support. I'm looking into ORD-10001 for you right now.";

/** The widget lives in an open shadow root; Playwright's CSS engine pierces it. */
const widget = (page: Page, selector: string): Locator => page.locator(`switchboard-widget >> ${selector}`);

async function say(page: Page, text: string): Promise<void> {
  await widget(page, "textarea").fill(text);
  await widget(page, "textarea").press("Enter");
}

async function signIn(page: Page, email: string): Promise<void> {
  await page.getByTestId("login-email").fill(email);
  await page.getByTestId("login-password").fill(AGENT_PASSWORD);
  await page.getByTestId("login-submit").click();
  await page.getByTestId("console").waitFor();
}

/** Calls the API from inside the agent's page, with its session cookie. */
async function apiFromPage<T>(page: Page, path: string): Promise<T> {
  return page.evaluate(async (p) => (await (await fetch(p, { credentials: "same-origin" })).json()) as T, path);
}

let browser: Browser;

// One console build (shared with the other browser test files, see console-build.ts) and one browser for the whole file.
beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  await buildConsole();
  // The widget's own browser test rebuilds it; build here only when missing, so two builds never race on widget/dist.
  if (!existsSync(`${root}widget/dist/widget.js`)) await build({ configFile: `${root}widget/vite.config.ts`, logLevel: "silent" });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

describe("agent console with a live customer, in Chromium", () => {
  let app: TestApp;
  let agent: Page;
  let customer: Page;
  let conversationId = "";

  const item = (): Locator => agent.locator(`[data-testid=conversation-item][data-conversation-id="${conversationId}"]`);
  const customerMessages = (): Locator => agent.locator("[data-testid=message][data-sender=customer]");

  beforeAll(async () => {
    app = await createTestApp();
    agent = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    customer = await (await browser.newContext({ viewport: { width: 1000, height: 760 } })).newPage();
  });

  afterAll(async () => {
    // The pages leave first, as people would, so the server is not stopping under their reconnect attempts.
    await Promise.all([agent?.context().close(), customer?.context().close()]);
    await app?.close();
  });

  it("rejects a wrong password with the server's message, then signs the agent in", async () => {
    await agent.goto(`${app.url}/console`);
    await agent.getByTestId("login-email").fill(agentUser.email);
    await agent.getByTestId("login-password").fill("not-the-password");
    await agent.getByTestId("login-submit").click();
    await expect.poll(() => agent.getByTestId("login-error").textContent()).toBeTruthy();
    await agent.screenshot({ path: `${artifacts}/console-login-error.png` });
    await agent.getByTestId("login-password").fill(AGENT_PASSWORD);
    await agent.getByTestId("login-submit").click();
    await agent.getByTestId("console").waitFor();
    await expect.poll(() => agent.getByTestId("current-user").textContent()).toContain(agentUser.name);
    await expect.poll(() => agent.getByTestId("connection-state").getAttribute("class")).toContain("conn--connected");
  });

  it("an open console makes the agent online; the header toggle sets away and back, and the server stores it", async () => {
    const toggle = agent.getByTestId("presence-toggle");
    await expect.poll(() => toggle.getAttribute("data-status"), { timeout: 15_000 }).toBe("online");
    await toggle.click();
    await expect.poll(() => toggle.getAttribute("data-status")).toBe("away");
    expect((await apiFromPage<{ data: { status: string } }>(agent, "/api/v1/auth/me")).data.status).toBe("away");
    await toggle.click();
    await expect.poll(() => toggle.getAttribute("data-status")).toBe("online");
    expect((await apiFromPage<{ data: { status: string } }>(agent, "/api/v1/auth/me")).data.status).toBe("online");
  });

  it("shows the customer's new conversation without a reload, with sentiment, intent and entities", async () => {
    const before = await agent.getByTestId("conversation-item").count();
    await customer.goto(`${app.url}/`);
    await widget(customer, "button.launcher").click();
    await widget(customer, "[role=dialog]").waitFor({ state: "visible" });
    await say(customer, FIRST_TEXT);

    await expect.poll(() => agent.getByTestId("conversation-item").count(), { timeout: 15_000 }).toBe(before + 1);
    conversationId = (await agent.getByTestId("conversation-item").first().getAttribute("data-conversation-id")) ?? "";
    expect(conversationId).not.toBe("");
    await item().click();

    await expect.poll(() => customerMessages().first().getByTestId("message-text").textContent(), { timeout: 10_000 }).toBe(FIRST_TEXT);
    const first = customerMessages().first();
    expect(await first.getByTestId("message-sentiment").getAttribute("data-label")).toBe("negative");
    expect(await first.getByTestId("message-intent").getAttribute("data-intent")).toBeTruthy();
    expect(await first.locator("[data-testid=message-entity][data-type=order_number]").textContent()).toContain("ORD-10001");
    expect(await agent.getByTestId("customer-profile").isVisible()).toBe(true);
  });

  it("shows the customer typing, then the hand-off with its ticket", async () => {
    await widget(customer, "textarea").fill(HANDOFF_TEXT);
    await agent.getByTestId("typing-indicator").waitFor({ timeout: 10_000 });
    await widget(customer, "textarea").press("Enter");

    await expect.poll(() => item().getAttribute("data-status"), { timeout: 15_000 }).toBe("handoff");
    await agent.getByTestId("ticket-details").waitFor({ timeout: 10_000 });
    expect(await agent.getByTestId("ticket-details").getAttribute("data-status")).toBe("open");
    await expect.poll(() => customerMessages().count()).toBe(2);
    await expect.poll(() => agent.getByTestId("typing-indicator").count()).toBe(0);
  });

  it("renders markup in a customer's message as literal text", async () => {
    await say(customer, MARKUP_TEXT);
    await expect.poll(() => customerMessages().last().getByTestId("message-text").textContent(), { timeout: 10_000 }).toBe(MARKUP_TEXT);
    expect(await agent.locator("[data-testid=message-text] b, [data-testid=message-text] img").count()).toBe(0);
    expect(await agent.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await agent.screenshot({ path: `${artifacts}/console-conversation.png` });
  });

  it("shows the agent's reply at once and delivers it to the customer's widget", async () => {
    await agent.getByTestId("reply-input").fill(REPLY_TEXT);
    await agent.getByTestId("reply-input").press("Enter");
    const mine = agent.locator("[data-testid=message][data-sender=agent]");
    await expect.poll(() => mine.count()).toBe(1);
    expect(await agent.getByTestId("reply-input").inputValue()).toBe("");
    await expect.poll(() => mine.getAttribute("data-delivery"), { timeout: 10_000 }).toBe("sent");

    await expect.poll(() => widget(customer, ".bubble").allTextContents(), { timeout: 15_000 }).toContain(REPLY_TEXT);
    await customer.screenshot({ path: `${artifacts}/console-customer-sees-reply.png` });
    await agent.screenshot({ path: `${artifacts}/console-agent-replied.png` });
    // Exactly once, even though the reply also came back over the socket.
    expect(await mine.count()).toBe(1);
  });

  it("shows a change an API key made in the ticket's history, live, under the key's name", async () => {
    const admin = await app.login();
    const created = await fetch(`${app.url}/api/v1/api-keys`, {
      method: "POST",
      headers: { cookie: admin, "content-type": "application/json" },
      body: JSON.stringify({ name: "Helpdesk sync", scopes: ["tickets:write"] }),
    });
    const { token } = ((await created.json()) as { data: { token: string } }).data;
    const ticketId = (await agent.getByTestId("ticket-details").getAttribute("data-ticket-id")) ?? "";
    const changed = await fetch(`${app.url}/api/v1/tickets/${ticketId}`, {
      method: "PATCH",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ priority: "urgent" }),
    });
    expect(changed.status).toBe(200);
    const byKey = agent.locator("[data-testid=ticket-history-item][data-actor-type=api_key]");
    await expect.poll(() => byKey.first().textContent(), { timeout: 15_000 }).toContain("Helpdesk sync (API key) changed the priority from");
    await agent.getByTestId("ticket-history").scrollIntoViewIfNeeded();
    await agent.screenshot({ path: `${artifacts}/console-ticket-history-api-key.png` });
  });

  it("assigns the ticket to the agent and resolves it", async () => {
    // Routing may already have given the ticket to the only online agent; then there is nothing to click.
    if ((await agent.getByTestId("ticket-assignee").textContent()) !== agentUser.name) await agent.getByTestId("assign-to-me").click();
    await expect.poll(() => agent.getByTestId("ticket-assignee").textContent()).toBe(agentUser.name);
    await agent.getByTestId("resolve-ticket").click();
    await expect.poll(() => agent.getByTestId("ticket-details").getAttribute("data-status")).toBe("resolved");

    const ticketId = (await agent.getByTestId("ticket-details").getAttribute("data-ticket-id")) ?? "";
    const stored = await apiFromPage<{ data: { status: string; assignee: { name: string } | null } }>(agent, `/api/v1/tickets/${ticketId}`);
    expect(stored.data.status).toBe("resolved");
    expect(stored.data.assignee?.name).toBe(agentUser.name);
    // A resolved conversation leaves the Open list live.
    await expect.poll(() => item().count(), { timeout: 10_000 }).toBe(0);
    await agent.screenshot({ path: `${artifacts}/console-resolved.png` });
  });
});

describe("the reports, for managers only, in Chromium", () => {
  let app: TestApp;
  let manager: Page;

  const body = (): Locator => manager.getByTestId("report-body");
  const topic = (phrase: string): Locator => manager.locator(`[data-testid=topic-row][data-phrase="${phrase}"]`);

  /** One new widget customer per text, each waiting for the bot's answer so the message is stored and annotated. */
  async function customersWrite(texts: string[]): Promise<void> {
    for (const text of texts) {
      const customer = await connectCustomer(app.url, app.inboxId);
      await customer.send(text);
      await customer.waitFor((m) => m.sender.type !== "customer");
      customer.close();
    }
  }

  beforeAll(async () => {
    app = await createTestApp();
    manager = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  });

  afterAll(async () => {
    await manager?.context().close();
    await app?.close();
  });

  it("gives the manager a Reports entry, reachable by keyboard, whose Topics tab is empty before anyone writes", async () => {
    await manager.goto(`${app.url}/console`);
    await signIn(manager, managerUser.email);
    await manager.getByTestId("nav-reports").focus();
    await manager.keyboard.press("Enter");
    await manager.getByTestId("reports-view").waitFor();
    // The area opens on Sentiment; Top topics is its own tab.
    await manager.getByTestId("report-tab-topics").click();
    await expect.poll(() => body().getAttribute("data-state")).toBe("no-messages");
    expect(await manager.getByTestId("report-empty").textContent()).toContain("No customer messages in this period");
    expect(await manager.getByTestId("report-period-7").getAttribute("aria-pressed")).toBe("true");
    await expect.poll(() => new URL(manager.url()).pathname).toBe("/console/reports");
  });

  it("says the period's messages have no topics yet when customers only greeted", async () => {
    await customersWrite(["hello"]);
    await manager.getByTestId("report-period-7").click();
    await expect.poll(() => body().getAttribute("data-state")).toBe("no-topics");
    expect(await manager.getByTestId("report-summary").textContent()).toMatch(/^1 customer message, /);
    await manager.screenshot({ path: `${artifacts}/console-reports-no-topics.png` });
  });

  it("lists the phrases customers wrote with their messages, conversations, mood and intent", async () => {
    await customersWrite(["the delivery of my tent is late", "my delivery is late again, this is awful", "how do I get a refund for the tent?"]);
    await manager.getByTestId("report-period-30").click();
    await expect.poll(() => body().getAttribute("data-state"), { timeout: 10_000 }).toBe("topics");
    expect(await topic("delivery").getByTestId("topic-messages").textContent()).toBe("2");
    expect(await topic("delivery").getByTestId("topic-conversations").textContent()).toBe("2");
    expect(await topic("delivery").getByTestId("topic-sentiment").getAttribute("data-tone")).toBe("negative");
    expect(await topic("delivery").getByTestId("topic-negative").textContent()).toBe("100%");
    expect(await topic("refund").getByTestId("topic-intent").textContent()).toBe("get refund");
    expect(await manager.getByTestId("report-summary").textContent()).toMatch(/^4 customer messages, /);
    await manager.screenshot({ path: `${artifacts}/console-reports.png` });
  });

  it("shows the server's message when the report fails, and Retry loads it", async () => {
    // A real failure: the column the report reads is away for a moment, so the server answers 500 INTERNAL.
    const db = app.container.database.db;
    await db.execute(sql`alter table messages rename column topics to topics_away`);
    try {
      await manager.getByTestId("report-period-90").click();
      await manager.getByTestId("report-error").waitFor();
      expect(await manager.getByTestId("report-error-message").textContent()).toBe(errorCatalogue.INTERNAL.message);
      // The summary of the previous period would mislead beside the chosen one.
      expect(await manager.getByTestId("report-summary").textContent()).toBe("");
      await manager.screenshot({ path: `${artifacts}/console-reports-error.png` });
    } finally {
      await db.execute(sql`alter table messages rename column topics_away to topics`);
    }
    await manager.getByTestId("report-retry").click();
    await expect.poll(() => body().getAttribute("data-state")).toBe("topics");
    expect(await manager.getByTestId("report-period-90").getAttribute("aria-pressed")).toBe("true");
  });

  it("goes back to the inbox", async () => {
    await manager.getByTestId("reports-back").click();
    await expect.poll(() => manager.getByTestId("reports-view").count()).toBe(0);
    expect(await manager.getByTestId("conversation-list").isVisible()).toBe(true);
    // The address follows the page after the render (an effect), so wait for it.
    await expect.poll(() => new URL(manager.url()).pathname).toBe("/console/");
  });

  it("never shows an agent the Reports entry, not even at its address", async () => {
    const agent = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await agent.goto(`${app.url}/console/reports`);
    await signIn(agent, agentUser.email);
    await expect.poll(() => agent.getByTestId("current-user").textContent()).toContain(agentUser.name);
    expect(await agent.getByTestId("conversation-list").isVisible()).toBe(true);
    expect(await agent.getByTestId("nav-reports").count()).toBe(0);
    expect(await agent.getByTestId("reports-view").count()).toBe(0);
    await expect.poll(() => new URL(agent.url()).pathname).toBe("/console/");
  });
});

describe("sessions and password page, in Chromium", () => {
  let app: TestApp;
  let here: Page;
  let there: Page;

  async function signInAdmin(page: Page): Promise<void> {
    await page.goto(`${app.url}/console`);
    await page.getByTestId("login-email").fill(ADMIN.email);
    await page.getByTestId("login-password").fill(ADMIN.password);
    await page.getByTestId("login-submit").click();
    await page.getByTestId("console").waitFor();
  }

  beforeAll(async () => {
    app = await createTestApp();
    here = await (await browser.newContext({ viewport: { width: 1280, height: 860 }, userAgent: "Here/1.0 (e2e)" })).newPage();
    there = await (await browser.newContext({ viewport: { width: 1280, height: 860 }, userAgent: "There/2.0 (e2e)" })).newPage();
  });

  afterAll(async () => {
    await Promise.all([here?.context().close(), there?.context().close()]);
    await app?.close();
  });

  it("lists where the user is signed in, this browser marked, and signing out another browser sends it to the sign-in page at once", async () => {
    await signInAdmin(here);
    await signInAdmin(there);
    await expect.poll(() => there.getByTestId("connection-state").getAttribute("class")).toContain("conn--connected");
    await here.getByTestId("nav-security").click();
    await here.getByTestId("sessions-list").waitFor();
    await expect.poll(() => new URL(here.url()).pathname).toBe("/console/security");
    const rows = here.getByTestId("session-row");
    expect(await rows.count()).toBe(2);
    expect(await here.locator("[data-testid=session-row][data-current=true]").textContent()).toContain("Here/1.0 (e2e)");
    await here.screenshot({ path: `${artifacts}/console-sessions.png` });
    await here.locator("[data-testid=session-row][data-current=false]").getByTestId("session-end").click();
    await expect.poll(() => rows.count()).toBe(1);
    await here.getByTestId("sessions-empty").waitFor();
    // The other browser learns over its socket, without any click or reload.
    await there.getByTestId("login-form").waitFor();
    expect(await there.getByTestId("error-banner").textContent()).toContain("Your session has ended");
  });

  it("names the wrong field of a password change, then changes it and signs the other browser out", async () => {
    await signInAdmin(there);
    await expect.poll(() => there.getByTestId("connection-state").getAttribute("class")).toContain("conn--connected");
    await here.getByTestId("password-current").fill("not-the-password");
    await here.getByTestId("password-new").fill("a-brand-new-password");
    await here.getByTestId("password-submit").click();
    await here.getByTestId("password-current-error").waitFor();
    await here.getByTestId("password-current").fill(ADMIN.password);
    await here.getByTestId("password-submit").click();
    await here.getByTestId("password-saved").waitFor();
    await there.getByTestId("login-form").waitFor();
    expect(await here.getByTestId("console").isVisible()).toBe(true);
  });

  it("log out everywhere returns this browser to the sign-in page too", async () => {
    await here.getByTestId("logout-everywhere").click();
    await here.getByTestId("login-form").waitFor();
    const me = await here.evaluate(async () => (await fetch("/api/v1/auth/me", { credentials: "same-origin" })).status);
    expect(me).toBe(401);
  });
});
