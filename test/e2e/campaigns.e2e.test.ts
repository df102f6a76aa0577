import { fileURLToPath } from "node:url";
import { eq } from "drizzle-orm";
import type { Locator, Page } from "playwright-core";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoAgents } from "../../src/db/seed/demo-data.ts";
import { tables } from "../../src/db/index.ts";
import { createTestApp, type TestApp } from "../support/create-test-app.ts";
import { browserForFile, signIn } from "./browser.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const shots = fileURLToPath(new URL("../artifacts/campaigns", import.meta.url));
const manager = demoAgents.find((a) => a.role === "manager") ?? demoAgents[0];
const SEGMENT = "returning-campers";
const chrome = browserForFile(shots);

/** The widget lives in an open shadow root; Playwright's CSS engine pierces it. */
const widget = (page: Page, selector: string): Locator => page.locator(`switchboard-widget >> ${selector}`);

describe("Campaigns page: a manager sends a widget campaign to a segment and a customer of it sees the message", () => {
  let app: TestApp;
  let consolePage: Page;
  let shopPage: Page;

  beforeAll(async () => {
    await build({ configFile: `${root}widget/vite.config.ts`, logLevel: "silent" });
    app = await createTestApp();
    consolePage = await chrome.newPage();
    shopPage = await chrome.newPage({ width: 1100, height: 760 });
  }, 180_000);
  afterAll(async () => {
    await app?.close();
  });

  it("shows the empty state, creates and starts a campaign, the widget shows it, and the results chart counts it", async () => {
    // A customer chats once in the widget; the insights module (another slice) would put them in a segment: the row here.
    await shopPage.goto(`${app.url}/`);
    await widget(shopPage, "button.launcher").click();
    await widget(shopPage, "textarea").fill("Hi, do you sell tents?");
    await widget(shopPage, "textarea").press("Enter");
    const db = app.container.database.db;
    await expect.poll(async () => (await db.select().from(tables.conversations)).length, { timeout: 20_000 }).toBeGreaterThan(0);
    const [conversation] = await db.select().from(tables.conversations);
    await db.update(tables.customers).set({ segment: SEGMENT, name: "Casey Camper" }).where(eq(tables.customers.id, conversation!.customerId));

    await consolePage.goto(`${app.url}/console/sales/campaigns`);
    await signIn(consolePage, manager.email);
    await consolePage.getByTestId("campaigns-empty").waitFor({ timeout: 20_000 });
    await consolePage.screenshot({ path: `${shots}/campaigns-empty.png`, fullPage: true });

    await consolePage.getByTestId("campaign-new").click();
    await consolePage.getByTestId("campaign-name").fill("Spring tents");
    await consolePage.getByTestId("campaign-audience").fill(SEGMENT);
    await consolePage.getByTestId("campaign-message").fill("Hi {{name}}, our spring tents are 20% off this week.");
    // A bad variable is refused with the field named, nothing is created.
    await consolePage.getByTestId("campaign-message").fill("Hi {{firstname}}");
    await consolePage.getByTestId("campaign-create").click();
    await expect.poll(async () => (await consolePage.getByTestId("campaign-problem").textContent()) ?? "", { timeout: 10_000 }).toContain("{{firstname}}");
    await consolePage.getByTestId("campaign-message").fill("Hi {{name}}, our spring tents are 20% off this week.");
    await consolePage.getByTestId("campaign-create").click();
    const row = consolePage.getByTestId("campaign-row").first();
    await row.waitFor({ timeout: 20_000 });
    expect(await row.getAttribute("data-status")).toBe("draft");
    await row.getByTestId("campaign-start").click();
    await expect.poll(async () => consolePage.getByTestId("campaign-row").first().getAttribute("data-status"), { timeout: 20_000 }).toMatch(/running|completed/);

    // The job ran: the customer's widget shows the message on its next connection (a new page load).
    await expect.poll(async () => (await db.select().from(tables.campaignSends)).map((s) => s.status).join(","), { timeout: 20_000 }).toBe("sent");
    await shopPage.reload();
    await widget(shopPage, "button.launcher").click();
    const bubble = widget(shopPage, ".bubble").filter({ hasText: "Hi Casey, our spring tents are 20% off this week." });
    await bubble.first().waitFor({ timeout: 20_000 });
    await shopPage.screenshot({ path: `${shots}/widget-proactive.png` });
    await widget(shopPage, "textarea").fill("Which tents?");
    await widget(shopPage, "textarea").press("Enter");
    await expect.poll(async () => (await db.select().from(tables.campaignSends))[0]?.repliedAt !== null, { timeout: 20_000 }).toBe(true);

    // Results: the chart and the table count it delivered, seen and replied.
    await consolePage.reload();
    await consolePage.getByTestId("campaign-results-open").first().click();
    await consolePage.getByTestId("campaign-results").waitFor({ timeout: 20_000 });
    const variant = consolePage.getByTestId("campaign-variant-row").first();
    expect(await variant.getByTestId("variant-delivered").textContent()).toBe("1");
    expect(await variant.getByTestId("variant-seen").textContent()).toBe("1");
    expect(await variant.getByTestId("variant-replied").textContent()).toBe("1");
    await consolePage.locator("[data-testid=campaign-chart][data-ready=true]").waitFor({ timeout: 20_000 });
    await consolePage.screenshot({ path: `${shots}/campaign-results.png`, fullPage: true });
    // Keyboard: Escape closes the results dialog.
    await consolePage.keyboard.press("Escape");
    await consolePage.getByTestId("campaign-results-dialog").waitFor({ state: "detached", timeout: 10_000 });
  });
});
