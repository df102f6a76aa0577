/**
 * Widget look and visitor details in Chromium: an admin changes the widget's colour, title and corner on Settings →
 * Inboxes and the preview follows; the demo page's widget then shows the new look; a visitor (in Tokyo) writes from it,
 * and an agent sees the page they write from, their browser and their local time in the conversation's sidebar.
 */
import { fileURLToPath } from "node:url";
import { desc, eq } from "drizzle-orm";
import type { Locator, Page } from "playwright-core";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tables } from "../../src/db/index.ts";
import { demoAgents } from "../../src/db/seed/demo-data.ts";
import { ADMIN, createTestApp, type TestApp } from "../support/create-test-app.ts";
import { connectCustomer } from "../support/widget-client.ts";
import { browserForFile, signIn } from "./browser.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const artifacts = fileURLToPath(new URL("../artifacts/widget-look", import.meta.url));
const chrome = browserForFile(artifacts);
const widget = (page: Page, selector: string): Locator => page.locator(`switchboard-widget >> ${selector}`);
const background = (locator: Locator): Promise<string> => locator.evaluate((node) => getComputedStyle(node).backgroundColor);

describe("widget look and visitor details", () => {
  let app: TestApp;
  let admin: Page;

  beforeAll(async () => {
    await build({ configFile: `${root}widget/vite.config.ts`, logLevel: "silent" });
    app = await createTestApp();
  }, 180_000);
  afterAll(async () => {
    await admin?.context().close();
    await app?.close();
  });

  it("an admin changes the colour, title and corner: the preview follows every change, a colour text cannot be read on is refused", async () => {
    admin = await chrome.newPage();
    await admin.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: app.url });
    await admin.goto(`${app.url}/console`);
    await signIn(admin, ADMIN.email, ADMIN.password);
    await admin.getByTestId("nav-inboxes").click();
    const row = admin.locator(`[data-testid=inbox-row][data-inbox-id="${app.inboxId}"]`);
    await row.getByTestId("inbox-widget-look").click();
    await admin.locator("[data-testid=widget-look-section][data-state=loaded]").waitFor();
    // The section's heading takes the focus, so a keyboard user lands on it.
    expect(await admin.evaluate(() => document.activeElement?.id)).toBe("widget-look-heading");
    expect(await admin.getByTestId("widget-preview-title").textContent()).toBe("Chat with us");

    await admin.getByTestId("widget-look-color").fill("#888888");
    await admin.locator("[data-testid=widget-look-contrast][data-state=low]").waitFor();
    await admin.getByTestId("widget-look-save").click();
    await admin.getByTestId("widget-look-error").waitFor();
    expect(await admin.locator(".field__error", { hasText: "contrast" }).count()).toBeGreaterThan(0);
    await admin.screenshot({ path: `${artifacts}/settings-low-contrast-refused.png`, fullPage: true });

    await admin.getByTestId("widget-look-color").fill("#b91c1c");
    await admin.getByTestId("widget-look-title").fill("Acme support");
    await admin.getByTestId("widget-look-greeting").fill("Hello! Questions about an order? <b>Ask</b> us.");
    await admin.getByTestId("widget-look-position-left").check();
    await admin.getByTestId("widget-look-replyTime").selectOption("hour");
    await admin.getByTestId("widget-look-avatarInitials").fill("AS");
    // The preview follows before anything is saved.
    expect(await admin.getByTestId("widget-preview-title").textContent()).toBe("Acme support");
    expect(await admin.getByTestId("widget-preview-greeting").textContent()).toBe("Hello! Questions about an order? <b>Ask</b> us.");
    expect(await admin.getByTestId("widget-preview-reply").textContent()).toBe("We usually reply within an hour");
    expect(await admin.getByTestId("widget-preview-initials").textContent()).toBe("AS");
    expect(await background(admin.getByTestId("widget-preview-header"))).toBe("rgb(185, 28, 28)");
    expect(await admin.getByTestId("widget-preview").getAttribute("data-position")).toBe("left");
    await admin.locator("[data-testid=widget-look-contrast][data-state=ok]").waitFor();

    await admin.getByTestId("widget-look-save").click();
    await admin.getByTestId("toast").filter({ hasText: "Widget look saved" }).waitFor();
    // Saved: nothing left to save or undo, and the refusal is gone.
    expect(await admin.getByTestId("widget-look-save").isDisabled()).toBe(true);
    expect(await admin.getByTestId("widget-look-error").count()).toBe(0);
    const snippet = await admin.getByTestId("widget-embed-snippet").textContent();
    expect(snippet).toBe(`<script src="${app.url}/widget.js" data-inbox="${app.inboxId}" async></script>`);
    await admin.getByTestId("widget-embed-copy").click();
    expect(await admin.evaluate(() => navigator.clipboard.readText())).toBe(snippet);
    await admin.getByTestId("widget-look-section").scrollIntoViewIfNeeded();
    await admin.screenshot({ path: `${artifacts}/settings-widget-look.png`, fullPage: true });
  });

  it("the widget on the demo page shows the new look; the visitor's page, browser and local time appear in the agent's sidebar", async () => {
    // A visitor in Tokyo: a context of the same browser with that time zone.
    const probe = await chrome.newPage();
    const browser = probe.context().browser()!;
    await probe.context().close();
    const visitor = await browser.newContext({ viewport: { width: 1100, height: 760 }, timezoneId: "Asia/Tokyo" });
    const page = await visitor.newPage();
    await page.goto(`${app.url}/`);
    const launcher = widget(page, "button.launcher");
    await expect.poll(() => background(launcher), { timeout: 15_000 }).toBe("rgb(185, 28, 28)");
    // The launcher sits in the bottom-left corner.
    expect((await launcher.boundingBox())!.x).toBeLessThan(100);
    await launcher.click();
    await widget(page, "[role=dialog]").waitFor({ state: "visible" });
    expect(await widget(page, ".title").textContent()).toBe("Acme support");
    expect(await widget(page, ".subtitle").textContent()).toBe("We usually reply within an hour");
    expect(await widget(page, ".empty").textContent()).toBe("Hello! Questions about an order? <b>Ask</b> us.");
    expect(await widget(page, ".avatar").textContent()).toBe("AS");
    expect(await page.evaluate(() => document.querySelector("switchboard-widget")?.shadowRoot?.querySelectorAll(".empty b").length)).toBe(0);
    await page.screenshot({ path: `${artifacts}/widget-new-look.png` });

    const pageTitle = await page.title();
    await widget(page, "textarea").fill("hello, I need help with my order");
    await widget(page, "textarea").press("Enter");
    await expect.poll(() => widget(page, ".row.pending").count(), { timeout: 15_000 }).toBe(0);
    const [conversation] = await app.container.database.db.select().from(tables.conversations).orderBy(desc(tables.conversations.createdAt)).limit(1);
    await expect.poll(async () => (await app.container.database.db.select().from(tables.conversations).orderBy(desc(tables.conversations.createdAt)).limit(1))[0]?.visitor?.pageUrl).toBe(`${app.url}/`);

    const agent = await chrome.newPage();
    await agent.goto(`${app.url}/console/conversations/${conversation!.id}`);
    await signIn(agent, demoAgents[0]!.email);
    await agent.getByTestId("visitor-details").waitFor();
    expect(await agent.getByTestId("visitor-page").textContent()).toBe(pageTitle);
    expect(await agent.locator("[data-testid=visitor-page] a").getAttribute("href")).toBe(`${app.url}/`);
    expect(await agent.getByTestId("visitor-browser").textContent()).toMatch(/^Chrome \d+ on Linux$/);
    const tokyo = new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Tokyo", hour: "2-digit", minute: "2-digit" });
    const expected = [new Date(Date.now() - 60_000), new Date(), new Date(Date.now() + 60_000)].map((d) => `${tokyo.format(d)} (Asia/Tokyo)`);
    expect(expected).toContain(await agent.getByTestId("visitor-local-time").textContent());
    await agent.getByTestId("details-pane").screenshot({ path: `${artifacts}/agent-visitor-details.png` });
    await agent.screenshot({ path: `${artifacts}/agent-conversation.png` });
    await agent.context().close();
    await visitor.close();
  });

  it("what agents see: the status pill names who has the conversation and whose turn it is, intent chips never say 100 %, the Tickets count is the list's own, resolve tells the customer and a new message reopens with the bot", async () => {
    const customer = await connectCustomer(app.url, app.inboxId);
    const ack = (await customer.send("I want to talk to a human please")) as { conversationId: string };
    await customer.waitFor((m) => m.sender.type !== "customer", 15_000);
    const agent = await chrome.newPage();
    await agent.goto(`${app.url}/console/conversations/${ack.conversationId}`);
    await signIn(agent, demoAgents[0]!.email);
    const state = agent.locator(`[data-testid=conversation-item][data-conversation-id="${ack.conversationId}"] [data-testid=conversation-state]`);
    await agent.getByTestId("ticket-details").waitFor({ timeout: 15_000 });
    await expect.poll(() => state.textContent(), { timeout: 15_000 }).toMatch(/· waiting for us$/);
    expect(await state.textContent()).not.toBe("Waiting for human");
    if ((await agent.getByTestId("ticket-assignee").textContent()) !== demoAgents[0]!.name) await agent.getByTestId("assign-to-me").click();
    await agent.getByTestId("reply-input").fill("Hi, Alex here. How can I help?");
    await agent.getByTestId("reply-input").press("Enter");
    await expect.poll(() => state.textContent(), { timeout: 15_000 }).toBe(`${demoAgents[0]!.name} · waiting for the customer`);
    await customer.send("My order ORD-10001 has not arrived and I want a refund");
    await expect.poll(() => state.textContent(), { timeout: 15_000 }).toBe(`${demoAgents[0]!.name} · waiting for us`);
    for (const chip of await agent.getByTestId("message-intent").allTextContents()) expect(chip).not.toMatch(/(^|[^>\d])(100|0)%/);

    await agent.getByTestId("tab-tickets").click();
    await agent.getByTestId("ticket-list").waitFor();
    await expect.poll(() => agent.getByTestId("ticket-item").count(), { timeout: 10_000 }).toBeGreaterThan(0);
    const count = async (): Promise<string> => (await agent.locator("[data-testid=tab-tickets] .tab__count").textContent()) ?? "";
    expect(await count()).toBe(String(await agent.getByTestId("ticket-item").count()));
    await agent.screenshot({ path: `${artifacts}/agent-status-pill-tickets.png` });

    await agent.getByTestId("resolve-ticket").click();
    await expect.poll(() => agent.getByTestId("ticket-details").getAttribute("data-status")).toBe("resolved");
    const closed = await customer.waitFor((m) => m.sender.type === "system" && /closed/i.test(m.text), 15_000);
    expect(closed.text).toMatch(/closed/i);
    // The open tickets list drops the resolved one, and its count follows.
    await expect.poll(async () => (await count()) === String(await agent.getByTestId("ticket-item").count()), { timeout: 10_000 }).toBe(true);
    await customer.send("One more question about shipping");
    await expect.poll(async () => (await app.container.database.db.select().from(tables.conversations).where(eq(tables.conversations.id, ack.conversationId)))[0]?.status, { timeout: 10_000 }).toBe("bot");
    const [ticket] = await app.container.database.db.select().from(tables.tickets).where(eq(tables.tickets.conversationId, ack.conversationId));
    expect(ticket?.status).toBe("resolved");
    await agent.screenshot({ path: `${artifacts}/agent-resolved-reopened.png` });
    customer.close();
    await agent.context().close();
  });
});
