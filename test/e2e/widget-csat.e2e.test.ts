/** The widget's "How did we do?" prompt in Chromium: shown when the conversation is resolved, rated by keyboard, thanked. */
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { desc, eq } from "drizzle-orm";
import type { Browser, Locator, Page } from "playwright-core";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tables } from "../../src/db/index.ts";
import { openHandoffTicket } from "../../src/modules/tickets/index.ts";
import { api } from "../support/api-client.ts";
import { createTestApp, type TestApp } from "../support/create-test-app.ts";
import { en } from "../../widget/src/strings.ts";
import { launchChromium } from "./browser.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const artifacts = `${root}test/artifacts`;
const widget = (page: Page, selector: string): Locator => page.locator(`switchboard-widget >> ${selector}`);

describe("CSAT prompt in the customer widget (Chromium)", () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    await build({ configFile: `${root}widget/vite.config.ts`, logLevel: "silent" });
    app = await createTestApp({ env: { ALERT_SCAN_MINUTES: "0" } });
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1100, height: 760 } })).newPage();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it("resolving from the API shows the prompt; 4 is chosen with the arrow keys and sent with Enter; the thank-you replaces it", async () => {
    await page.goto(`${app.url}/`);
    await widget(page, "button.launcher").click();
    await widget(page, "textarea[aria-label='Message']").fill("hello");
    await widget(page, "textarea[aria-label='Message']").press("Enter");
    const db = app.container.database.db;
    await expect.poll(async () => (await db.select().from(tables.conversations).where(eq(tables.conversations.channel, "web"))).length, { timeout: 15_000 }).toBe(1);
    const [conversation] = await db.select().from(tables.conversations).orderBy(desc(tables.conversations.createdAt)).limit(1);
    await expect(widget(page, "form.csat").isVisible()).resolves.toBe(false);

    const ticket = await openHandoffTicket(app.container.deps, { conversationId: conversation!.id, reason: "customer_request" });
    const admin = await app.login();
    expect((await api(app.url, "PATCH", `/api/v1/tickets/${ticket.id}`, { cookie: admin, body: { status: "resolved" } })).status).toBe(200);

    const card = widget(page, "form.csat");
    await card.waitFor({ state: "visible", timeout: 15_000 });
    expect(await widget(page, ".csat-title").textContent()).toBe(en.csatQuestion);
    // Keyboard only: into the radio group, three steps right (1 → 4), Enter.
    await widget(page, "input[type=radio][value='1']").focus();
    await page.keyboard.press("Space");
    for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight");
    expect(await widget(page, "input[type=radio]:checked").getAttribute("value")).toBe("4");
    await page.screenshot({ path: `${artifacts}/widget-csat-prompt.png` });
    await page.keyboard.press("Enter");

    await widget(page, "form.csat.done").waitFor({ timeout: 15_000 });
    expect(await widget(page, ".csat-title").textContent()).toBe(en.csatThanks);
    expect(await widget(page, "input[type=radio]").first().isVisible()).toBe(false);
    await page.screenshot({ path: `${artifacts}/widget-csat-thanks.png` });
    const [row] = await db.select().from(tables.csatResponses).where(eq(tables.csatResponses.conversationId, conversation!.id));
    expect(row).toMatchObject({ score: 4, via: "widget" });
  }, 90_000);
});
