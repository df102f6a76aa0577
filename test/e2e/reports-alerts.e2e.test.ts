/**
 * The Reports area's Alerts tab: a manager sees the open negative-sentiment alerts, opens the messages behind one,
 * acknowledges it by keyboard, and finds it among the acknowledged; the list pages 25 at a time.
 */
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoAgents } from "../../src/db/seed/demo-data.ts";
import { tables } from "../../src/db/index.ts";
import { createTestApp, type TestApp } from "../support/create-test-app.ts";
import { reportFixtures } from "../support/report-fixtures.ts";
import { browserForFile, signIn } from "./browser.ts";

const shots = fileURLToPath(new URL("../artifacts/reports-alerts", import.meta.url));
const manager = demoAgents.find((a) => a.role === "manager") ?? demoAgents[2];
const chrome = browserForFile(shots);
const HOUR = 3_600_000;

/** Whether the page scrolls sideways (it must not at a laptop's width). */
const overflowsX = (page: Page): Promise<boolean> => page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

describe("Reports, Alerts tab: a manager reads an open alert's messages, acknowledges it, and finds it among the acknowledged", () => {
  let app: TestApp;
  let page: Page;
  let spike: string;
  const seen: string[] = [];

  beforeAll(async () => {
    app = await createTestApp({ env: { ALERT_SCAN_MINUTES: "0" } });
    page = await chrome.newPage({ width: 1280, height: 800 });
    await page.goto(`${app.url}/console`);
    await signIn(page, manager.email);
  }, 180_000);

  afterAll(async () => {
    await page?.context().close();
    await app?.close();
  });

  it("says so when no alert is open", async () => {
    await page.goto(`${app.url}/console/reports?tab=alerts`);
    await page.locator("[data-testid=alerts-tab][data-state=empty]").waitFor({ timeout: 30_000 });
    expect(await page.getByTestId("alerts-empty").textContent()).toContain("No open alerts");
    expect(await page.getByTestId("report-tab-alerts").getAttribute("aria-selected")).toBe("true");
    // Alerts have no period: the picker belongs to the sentiment and service tabs.
    expect(await page.getByTestId("trend-period").count()).toBe(0);
  });

  it("lists the open alerts newest first with scope, name, share against threshold and negative / messages; Load more pages them", async () => {
    const db = app.container.database.db;
    const f = reportFixtures(db);
    await f.setup();
    // The spike: the demo inbox's last whole hour, 4 of 5 customer messages negative.
    const end = new Date(Math.floor(Date.now() / HOUR) * HOUR);
    const start = new Date(end.getTime() - HOUR);
    const c = await f.conversation("demo", "web", start.toISOString());
    const texts = ["refund now", "this is broken", "terrible service", "never again", "thanks anyway"];
    for (const [i, text] of texts.entries()) {
      const negative = i < 4;
      await f.customer(c, new Date(start.getTime() + (i + 1) * 5 * 60_000).toISOString(), text, { score: negative ? -2 : 2, label: negative ? "negative" : "positive", drivers: [] });
    }
    const [row] = await db
      .insert(tables.reportAlerts)
      .values({ scope: "inbox", key: "demo", windowStart: start, windowEnd: end, share: 0.8, threshold: 0.35, negative: 4, volume: 5, raisedAt: new Date(end.getTime() + 60_000) })
      .returning({ id: tables.reportAlerts.id });
    spike = row.id;
    // 26 older spikes of other topics, ended: 27 open alerts, two pages.
    await db.insert(tables.reportAlerts).values(
      Array.from({ length: 26 }, (_, i) => {
        const at = new Date(end.getTime() - (i + 2) * 24 * HOUR);
        return { scope: "topic" as const, key: `topic ${i + 1}`, windowStart: new Date(at.getTime() - HOUR), windowEnd: at, share: 0.5, threshold: 0.3, negative: 5, volume: 10, raisedAt: at, endedAt: new Date(at.getTime() + HOUR) };
      }),
    );
    await page.reload();
    await page.locator("[data-testid=alerts-tab][data-state=loaded]").waitFor({ timeout: 30_000 });
    expect(await page.getByTestId("alert-row").count()).toBe(25);
    const first = page.getByTestId("alert-row").first();
    expect(await first.getAttribute("data-id")).toBe(spike);
    expect(await first.getByTestId("alert-scope").textContent()).toBe("Inbox");
    expect(await first.getByTestId("alert-label").textContent()).toBe("Acme Outdoor website");
    expect(await first.getByTestId("alert-share").textContent()).toBe("80% (> 35%)");
    expect(await first.getByTestId("alert-volume").textContent()).toBe("4 / 5");
    expect(await first.getByTestId("alert-state").textContent()).toBe("Ongoing");
    expect(await page.getByTestId("alert-row").nth(1).getByTestId("alert-state").textContent()).toMatch(/^Ended /);
    await page.getByTestId("alerts-more").click();
    await expect.poll(() => page.getByTestId("alert-row").count(), { timeout: 30_000 }).toBe(27);
    expect(await page.getByTestId("alerts-more").count()).toBe(0);
    expect(await page.getByTestId("alert-label").last().textContent()).toBe("topic 26");
  });

  it("opens the messages behind an alert in the drill-down (its hour, its inbox, negative), linked from the address", async () => {
    await page.locator(`[data-testid=alert-row][data-id="${spike}"]`).getByTestId("alert-drill").click();
    await page.locator("[data-testid=drill-panel][data-state=loaded]").waitFor({ timeout: 30_000 });
    expect(await page.getByTestId("drill-count").textContent()).toBe("4 messages");
    expect(await page.getByTestId("drill-text").allTextContents()).toEqual(["never again", "terrible service", "this is broken", "refund now"]);
    const url = new URL(page.url());
    expect([url.searchParams.get("tab"), url.searchParams.get("alert")]).toEqual(["alerts", spike]);
    // Every label: the positive one too.
    await page.getByTestId("drill-label").selectOption("");
    await expect.poll(() => page.getByTestId("drill-message").count(), { timeout: 30_000 }).toBe(5);
    expect(new URL(page.url()).searchParams.get("sentiment")).toBe("all");
    expect(await overflowsX(page)).toBe(false);
    await page.screenshot({ path: `${shots}/alerts-drill.png` });
    seen.push(`${shots}/alerts-drill.png`);
    await page.getByTestId("drill-close").click();
    await expect.poll(() => page.getByTestId("drill-panel").count()).toBe(0);
  });

  it("acknowledges an alert by keyboard: it leaves the open list, the focus stays in the list, and it shows among the acknowledged", async () => {
    const button = page.locator(`[data-testid=alert-row][data-id="${spike}"]`).getByTestId("alert-acknowledge");
    await button.focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator(`[data-testid=alert-row][data-id="${spike}"]`).count(), { timeout: 30_000 }).toBe(0);
    expect(await page.getByTestId("alerts-notice").textContent()).toBe("Alert for Acme Outdoor website acknowledged.");
    expect(await page.getByTestId("alert-row").count()).toBe(26);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("alert-acknowledge");
    const stored = await app.container.database.db.select().from(tables.reportAlerts);
    expect(stored.find((a) => a.id === spike)?.acknowledgedAt).toBeInstanceOf(Date);
    await page.getByTestId("alerts-status-acknowledged").click();
    await page.locator("[data-testid=alerts-tab][data-status=acknowledged][data-state=loaded]").waitFor({ timeout: 30_000 });
    expect(await page.getByTestId("alert-row").count()).toBe(1);
    expect(await page.getByTestId("alert-state").textContent()).toMatch(/^Acknowledged /);
    expect(await page.getByTestId("alert-acknowledge").count()).toBe(0);
    expect(new URL(page.url()).searchParams.get("status")).toBe("acknowledged");
    expect(await overflowsX(page)).toBe(false);
    await page.screenshot({ path: `${shots}/alerts-acknowledged.png` });
    seen.push(`${shots}/alerts-acknowledged.png`);
    await page.getByTestId("alerts-status-open").click();
    await page.locator("[data-testid=alerts-tab][data-status=open][data-state=loaded]").waitFor({ timeout: 30_000 });
    await page.screenshot({ path: `${shots}/alerts-open.png` });
    seen.push(`${shots}/alerts-open.png`);
    console.log(`screenshots: ${seen.join(", ")}`);
  });
});
