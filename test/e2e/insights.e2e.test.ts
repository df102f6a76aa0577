import { sql } from "drizzle-orm";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoAgents } from "../../src/db/seed/demo-data.ts";
import { createTestApp, type TestApp } from "../support/create-test-app.ts";
import { browserForFile, signIn } from "./browser.ts";

const shots = fileURLToPath(new URL("../artifacts/insights", import.meta.url));
const manager = demoAgents.find((a) => a.role === "manager") ?? demoAgents[2];
const agent = demoAgents.find((a) => a.role === "agent") ?? demoAgents[0];
const chrome = browserForFile(shots);

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
}

/**
 * Two planted groups of 15 customers with the same monthly orders up to 95 days ago (as the insights HTTP test plants
 * them): the loyal kept ordering and wrote kindly; the unhappy wrote angrily, opened a ticket and stopped ordering.
 */
async function plant(t: TestApp): Promise<void> {
  const db = t.container.database.db;
  const now = Date.now();
  const daysAgo = (days: number): string => new Date(now - days * 86_400_000).toISOString();
  const rows = <T>(r: unknown) => (r as { rows: T[] }).rows;
  for (const group of ["loyal", "unhappy"] as const) {
    for (let i = 0; i < 15; i++) {
      const [c] = rows<{ id: string }>(
        await db.execute(sql`insert into customers (name, email, created_at) values (${`${group === "loyal" ? "Loyal" : "Unhappy"} customer ${i + 1}`}, ${`${group}${i}@example.test`}, ${daysAgo(400 + i)}::timestamptz) returning id`),
      );
      const days = [95, 125, 155, 185, 215, 245, 275, 305, 335, ...(group === "loyal" ? [5 + (i % 3), 35, 65] : [])];
      for (const [n, d] of days.entries()) {
        await db.execute(sql`insert into orders (number, customer_id, status, total_cents, placed_at) values (${`ORD-${group}-${i}-${n}`}, ${c.id}::uuid, 'delivered', ${6000 + i * 50}, ${daysAgo(d)}::timestamptz)`);
      }
      const mood = group === "loyal" ? { score: 3, label: "positive", intent: "order_status" } : { score: -3, label: "negative", intent: "complaint" };
      const annotation = JSON.stringify({ sentiment: { score: mood.score, comparative: 0, label: mood.label, confidence: 0.9, drivers: [] }, intent: { name: mood.intent, confidence: 0.9 }, keyPhrases: ["delivery"] });
      for (const d of [150 + i, 20]) {
        const [conversation] = rows<{ id: string }>(
          await db.execute(sql`insert into conversations (inbox_id, customer_id, channel, status, created_at, updated_at, last_message_at)
            values ('demo', ${c.id}::uuid, 'web', 'resolved', ${daysAgo(d)}::timestamptz, ${daysAgo(d)}::timestamptz, ${daysAgo(d)}::timestamptz) returning id`),
        );
        await db.execute(sql`insert into messages (conversation_id, sender_type, text, annotation, created_at)
          values (${conversation.id}::uuid, 'customer', 'About my order', ${annotation}::jsonb, ${daysAgo(d)}::timestamptz)`);
        if (group === "unhappy" && d === 20) {
          await db.execute(sql`insert into tickets (conversation_id, customer_id, subject, status, priority, reason, created_at, updated_at)
            values (${conversation.id}::uuid, ${c.id}::uuid, 'Complaint', 'open', 'normal', 'customer_request', ${daysAgo(d)}::timestamptz, ${daysAgo(d)}::timestamptz)`);
        }
      }
    }
  }
}

describe("the Insights page: a manager refreshes, reads the map, the segments' rules and the churn list, and opens a customer at risk", () => {
  let app: TestApp;
  let page: Page;

  beforeAll(async () => {
    app = await createTestApp();
    await plant(app);
    page = await chrome.newPage();
    await page.goto(`${app.url}/console/insights`);
    await signIn(page, manager.email);
  }, 180_000);

  afterAll(async () => {
    await page?.context().close();
    await app?.close();
  });

  it("before any refresh, shows the empty state with a Refresh button", async () => {
    await page.getByTestId("insights-empty").waitFor({ timeout: 30_000 });
    expect(await page.getByTestId("insights-empty").textContent()).toMatch(/refresh/i);
    expect(await page.getByTestId("nav-insights").getAttribute("aria-current")).toBe("page");
    await shot(page, "empty");
  });

  it("Refresh runs the job (the page follows its status), then shows the map by segment and the segment table with rules", async () => {
    await page.getByTestId("insights-empty-refresh").click();
    await page.locator("[data-testid=insights-map-chart][data-ready=true]").waitFor({ timeout: 120_000 });
    expect(Number(await page.getByTestId("insights-map").getAttribute("data-points"))).toBeGreaterThanOrEqual(30);
    expect(await page.getByTestId("insights-variance").textContent()).toMatch(/Axis 1 explains \d+% of the variance/);
    const segments = page.getByTestId("segment-row");
    expect(await segments.count()).toBeGreaterThanOrEqual(2);
    const names = await segments.evaluateAll((rows) => rows.map((r) => r.getAttribute("data-segment") ?? ""));
    expect(names.some((n) => /unhappy/.test(n))).toBe(true);
    expect(await page.getByTestId("segment-rules-rule").count()).toBeGreaterThan(0);
    expect(await page.getByTestId("segment-accuracy").first().textContent()).toMatch(/Tree accuracy \d+%/);
    expect(await page.getByTestId("churn-rules-rule").count()).toBeGreaterThan(0);

    // Hovering the first customer's dot names them.
    const [x, y] = ((await page.getByTestId("insights-map").getAttribute("data-first-point")) ?? "").split(",").map(Number);
    const over = await page.locator("[data-testid=insights-map-chart] .u-over").boundingBox();
    expect(over).not.toBeNull();
    await page.mouse.move((over?.x ?? 0) + (x ?? 0), (over?.y ?? 0) + (y ?? 0));
    await page.getByTestId("insights-map-tip").waitFor({ timeout: 10_000 });
    const tip = (await page.getByTestId("insights-map-tip").textContent()) ?? "";
    expect(names.some((n) => tip.endsWith(n)) && tip.length > Math.min(...names.map((n) => n.length))).toBe(true);
    await shot(page, "refreshed");
  }, 180_000);

  it("sorts the churn list both ways; the riskiest are the unhappy, and a row opens the customer's profile with segment and risk", async () => {
    const first = page.getByTestId("churn-customer").first();
    await expect.poll(() => first.textContent(), { timeout: 20_000 }).toMatch(/^Unhappy customer/);
    const risks = () => page.getByTestId("churn-risk").evaluateAll((cells) => cells.map((c) => Number((c.textContent ?? "").replace(/[^\d]/g, ""))));
    const descending = await risks();
    expect(descending).toEqual([...descending].sort((a, b) => b - a));
    await page.getByTestId("churn-sort").click();
    await expect.poll(() => page.getByTestId("churn-sort").textContent(), { timeout: 20_000 }).toContain("↑");
    await expect.poll(async () => (await risks())[0] ?? 100, { timeout: 20_000 }).toBeLessThan(descending[0] ?? 0);
    const ascending = await risks();
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
    await page.getByTestId("churn-sort").click();
    await expect.poll(() => page.getByTestId("churn-customer").first().textContent(), { timeout: 20_000 }).toMatch(/^Unhappy customer/);
    // 30 planted active customers: a first page of 25, and the rest on "Show more" (keyset pages of the API).
    expect(await page.getByTestId("churn-row").count()).toBe(25);
    await page.getByTestId("churn-more").click();
    await expect.poll(() => page.getByTestId("churn-row").count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(30);
    await page.getByTestId("insights-segments").screenshot({ path: `${shots}/segments.png` });
    await page.getByTestId("insights-churn").screenshot({ path: `${shots}/churn.png` });
    const row = page.getByTestId("churn-row").first();
    const id = await row.getAttribute("data-customer-id");
    const name = await row.getByTestId("churn-customer").textContent();
    await row.getByTestId("churn-customer").click();
    await expect.poll(() => new URL(page.url()).pathname, { timeout: 20_000 }).toBe(`/console/customers/${id}`);
    await expect.poll(() => page.getByTestId("profile-name").textContent(), { timeout: 20_000 }).toContain(name ?? "");
    expect(await page.getByTestId("profile-segment").textContent()).toMatch(/unhappy/);
    expect(await page.getByTestId("profile-churn-risk").textContent()).toMatch(/\d+%|>99%/);
    await shot(page, "profile");
  }, 120_000);

  it("the header's Insights entry opens the page again by keyboard, and clicking a dot on the map opens that customer's profile", async () => {
    await page.getByTestId("nav-insights").focus();
    await page.keyboard.press("Enter");
    await page.locator("[data-testid=insights-map-chart][data-ready=true]").waitFor({ timeout: 60_000 });
    await expect.poll(() => new URL(page.url()).pathname).toBe("/console/insights");
    const [x, y] = ((await page.getByTestId("insights-map").getAttribute("data-first-point")) ?? "").split(",").map(Number);
    const over = await page.locator("[data-testid=insights-map-chart] .u-over").boundingBox();
    await page.mouse.move((over?.x ?? 0) + (x ?? 0), (over?.y ?? 0) + (y ?? 0));
    const name = (await page.getByTestId("insights-map-tip").locator("strong").textContent()) ?? "";
    expect(name).not.toBe("");
    await page.mouse.click((over?.x ?? 0) + (x ?? 0), (over?.y ?? 0) + (y ?? 0));
    await expect.poll(() => new URL(page.url()).pathname, { timeout: 20_000 }).toMatch(/^\/console\/customers\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByTestId("profile-name").textContent(), { timeout: 20_000 }).toBe(name);
  }, 120_000);

  it("agents have no Insights link, and its address shows them the inbox", async () => {
    const agentPage = await chrome.newPage();
    try {
      await agentPage.goto(`${app.url}/console/insights`);
      await signIn(agentPage, agent.email);
      expect(await agentPage.getByTestId("nav-insights").count()).toBe(0);
      expect(await agentPage.getByTestId("insights-view").count()).toBe(0);
    } finally {
      await agentPage.context().close();
    }
  }, 60_000);
});
