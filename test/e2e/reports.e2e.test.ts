import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoAgents } from "../../src/db/seed/demo-data.ts";
import { tables } from "../../src/db/index.ts";
import { errorCatalogue } from "../../src/errors.ts";
import { createTestApp, type TestApp } from "../support/create-test-app.ts";
import { reportFixtures } from "../support/report-fixtures.ts";
import { browserForFile, signIn } from "./browser.ts";

const shots = fileURLToPath(new URL("../artifacts/reports", import.meta.url));
const manager = demoAgents.find((a) => a.role === "manager") ?? demoAgents[2];
const chrome = browserForFile(shots);

/** A screenshot of the viewport, and one with the reports area scrolled to its end (it scrolls inside the page). */
async function shot(page: Page, name: string): Promise<string> {
  const path = `${shots}/${name}.png`;
  await page.screenshot({ path });
  const area = page.locator("main.reports");
  if ((await area.count()) > 0 && (await area.evaluate((el) => el.scrollHeight > el.clientHeight))) {
    const top = await area.evaluate((el) => el.scrollTop);
    await area.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await page.screenshot({ path: `${shots}/${name}-end.png` });
    await area.evaluate((el, y) => el.scrollTo(0, y), top);
  }
  return path;
}

/** Whether the page scrolls sideways (it must not at a laptop's width). */
const overflowsX = (page: Page): Promise<boolean> => page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

/**
 * Known messages relative to today (the console asks for "the last 30 days" from the browser's clock), written as the
 * server writes them so the hourly rollups hold them:
 * three days ago, conversation 1: "this is awful" (before any agent), Alex replies, "still broken, terrible" (negative,
 * Alex's), "ok thanks" (positive, Alex's); conversation 2: "hello" (neutral), a hand-off to Sam, Sam replies, then three
 * negative messages (Sam's): Sam's point that day is 100 % negative, the worst of the chart. Five days ago, conversation
 * 3: Alex replies, "great help" (positive). Forty days ago (the previous 30 days): one negative and one positive message.
 */
async function plant(t: TestApp): Promise<Planted> {
  const f = reportFixtures(t.container.database.db);
  const { alex, sam } = await f.setup();
  const day = (daysAgo: number, hh: number, mm: number): string => {
    const d = new Date();
    d.setUTCDate(d.getUTCDate() - daysAgo);
    d.setUTCHours(hh, mm, 0, 0);
    return d.toISOString();
  };
  const c1 = await f.conversation("demo", "web", day(3, 10, 0));
  await f.customer(c1, day(3, 10, 0), "this is awful", { score: -3, label: "negative", intent: "complaint", drivers: [{ text: "awful", weight: -3 }] });
  await f.reply(c1, day(3, 10, 2), alex);
  await f.customer(c1, day(3, 10, 4), "still broken, terrible", { score: -3, label: "negative", intent: "complaint", drivers: [{ text: "terrible", weight: -3 }] });
  await f.reply(c1, day(3, 10, 6), alex);
  await f.customer(c1, day(3, 10, 8), "ok thanks", { score: 2, label: "positive", intent: "thanks", drivers: [{ text: "thanks", weight: 2 }] });

  const c2 = await f.conversation("demo", "web", day(3, 11, 0));
  await f.customer(c2, day(3, 11, 0), "hello", { score: 0, label: "neutral", intent: "greeting" });
  const ticket = await f.ticket(c2, { createdAt: day(3, 11, 1), reason: "customer_request", priority: "high", status: "resolved", assigneeId: sam, firstResponseAt: day(3, 11, 3), resolvedAt: day(3, 11, 30) });
  await f.event(ticket, day(3, 11, 1), "assigned", { from: null, to: sam });
  await f.reply(c2, day(3, 11, 3), sam);
  await f.customer(c2, day(3, 11, 5), "this is useless and slow", { score: -3, label: "negative", intent: "complaint", drivers: [{ text: "useless", weight: -2 }, { text: "slow", weight: -1 }] });
  await f.customer(c2, day(3, 11, 7), "worst support ever", { score: -3, label: "negative", intent: "complaint", drivers: [{ text: "worst", weight: -3 }] });
  await f.customer(c2, day(3, 11, 9), "horrible, I want a refund", { score: -3, label: "negative", intent: "refund", drivers: [{ text: "horrible", weight: -3 }] });
  await f.event(ticket, day(3, 11, 30), "status_changed", { from: "open", to: "resolved" });

  const c3 = await f.conversation("demo", "web", day(5, 9, 0));
  await f.customer(c3, day(5, 9, 0), "my parcel?", { score: 0, label: "neutral", intent: "order_status" });
  await f.reply(c3, day(5, 9, 1), alex);
  await f.customer(c3, day(5, 9, 3), "great help", { score: 3, label: "positive", intent: "thanks", drivers: [{ text: "great", weight: 3 }] });

  const old = await f.conversation("demo", "web", day(40, 10, 0));
  await f.customer(old, day(40, 10, 0), "bad", { score: -2, label: "negative", drivers: [{ text: "bad", weight: -2 }] });
  await f.customer(old, day(40, 10, 5), "good", { score: 2, label: "positive", drivers: [{ text: "good", weight: 2 }] });
  return { alex, sam, samConversation: c2, c1, c3, old, day };
}

type Planted = { alex: string; sam: string; samConversation: string; c1: string; c3: string; old: string; day: (daysAgo: number, hh: number, mm: number) => string };

describe("Reports: a manager reads sentiment by agent, drills into the worst point, downloads the CSV, and reads the service figures", () => {
  let app: TestApp;
  let page: Page;
  let ids: Planted;
  const seen: string[] = [];

  beforeAll(async () => {
    app = await createTestApp();
    page = await chrome.newPage({ width: 1280, height: 800 });
    await page.goto(`${app.url}/console`);
    await signIn(page, manager.email);
  }, 180_000);

  afterAll(async () => {
    await page?.context().close();
    await app?.close();
  });

  it("opens Reports on the Sentiment tab, which says so when the period has no customer messages", async () => {
    await page.getByTestId("nav-reports").click();
    await page.locator("[data-testid=sentiment-tab][data-state=empty]").waitFor({ timeout: 30_000 });
    expect(await page.getByTestId("sentiment-empty").textContent()).toContain("No customer messages in this period");
    expect(await page.getByTestId("report-tab-sentiment").getAttribute("aria-selected")).toBe("true");
    expect(await page.getByTestId("trend-period-30").getAttribute("aria-pressed")).toBe("true");
    seen.push(await shot(page, "sentiment-empty"));
    await page.getByTestId("report-tab-service").click();
    await page.locator("[data-testid=service-tab][data-state=empty]").waitFor({ timeout: 30_000 });
    expect(await page.getByTestId("service-empty").textContent()).toContain("No conversations in this period");
    // The tabs are a tablist: the arrow keys move between them.
    await page.getByTestId("report-tab-service").focus();
    await page.keyboard.press("ArrowLeft");
    await page.locator("[data-testid=sentiment-tab][data-state=empty]").waitFor({ timeout: 30_000 });
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("report-tab-sentiment");
  });

  it("shows the period's totals against the previous 30 days, and a line per channel", async () => {
    ids = await plant(app);
    await page.reload();
    await page.locator("[data-testid=sentiment-tab][data-state=loaded]").waitFor({ timeout: 30_000 });
    expect(await page.getByTestId("total-messages-value").textContent()).toBe("9");
    // 5 of 9 negative (56 %) against 1 of 2 (50 %) in the 30 days before.
    expect(await page.getByTestId("total-negative-value").textContent()).toBe("56%");
    expect(await page.getByTestId("total-negative-change").textContent()).toBe("▲ 6 pts vs previous 30 days");
    await page.locator("[data-testid=sentiment-chart][data-ready=true]").waitFor();
    expect(await page.getByTestId("sentiment-row").count()).toBe(1);
    expect(await overflowsX(page)).toBe(false);
    seen.push(await shot(page, "sentiment-by-channel"));
  });

  it("groups by agent: Sam's day is the worst point; clicking it lists exactly those messages with the words that drove them", async () => {
    await page.getByTestId("sentiment-groupby").selectOption("agent");
    await page.locator("[data-testid=sentiment-tab][data-state=loaded]").waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId("sentiment-row").count()).toBe(3);
    const sam = page.locator(`[data-testid=sentiment-row][data-key="${ids.sam}"]`);
    expect(await sam.getByTestId("row-negative").textContent()).toBe("100%");
    // Alex's stint: the customer went from -3 to +2 (conversation 1) and from 0 to +3 (conversation 3).
    expect(await page.locator(`[data-testid=sentiment-row][data-key="${ids.alex}"]`).getByTestId("row-agent-change").textContent()).toBe("+4 (2)");
    const chart = page.locator("[data-testid=sentiment-chart][data-ready=true]");
    await chart.waitFor();
    await expect.poll(() => chart.getAttribute("data-worst-line")).toBe("Sam Support");
    const x = Number(await chart.getAttribute("data-worst-x"));
    const y = Number(await chart.getAttribute("data-worst-y"));
    const over = (await chart.locator(".u-over").boundingBox())!;
    await page.mouse.move(over.x + x, over.y + y);
    await page.mouse.click(over.x + x, over.y + y);
    await page.locator("[data-testid=drill-panel][data-state=loaded]").waitFor({ timeout: 30_000 });
    expect(await page.getByTestId("drill-count").textContent()).toBe("3 messages");
    expect(await page.getByTestId("drill-message").count()).toBe(3);
    expect(await page.getByTestId("drill-text").allTextContents()).toEqual(["horrible, I want a refund", "worst support ever", "this is useless and slow"]);
    expect(await page.getByTestId("drill-drivers").last().textContent()).toBe("Drove the score: useless −2, slow −1");
    expect(await page.locator("[data-testid=drill-text] mark.driver--negative").allTextContents()).toEqual(["horrible", "worst", "useless", "slow"]);
    // The drill-down is in the address, so it can be shared.
    const url = new URL(page.url());
    expect(url.pathname).toBe("/console/reports");
    expect(url.searchParams.get("groupBy")).toBe("agent");
    expect(url.searchParams.get("group")).toBe(ids.sam);
    expect(url.searchParams.get("sentiment")).toBe("negative");
    expect(await overflowsX(page)).toBe(false);
    seen.push(await shot(page, "sentiment-agent-drill"));
  });

  it("opens the same drill-down from its link in another browser, and from there the conversation", async () => {
    const other = await chrome.newPage({ width: 1366, height: 768 });
    try {
      await other.goto(page.url());
      await signIn(other, manager.email);
      await other.locator("[data-testid=drill-panel][data-state=loaded]").waitFor({ timeout: 30_000 });
      expect(await other.getByTestId("drill-message").count()).toBe(3);
      expect(await overflowsX(other)).toBe(false);
      seen.push(await shot(other, "sentiment-drill-1366x768"));
      await other.getByTestId("drill-open").first().click();
      await expect.poll(() => new URL(other.url()).pathname).toBe(`/console/conversations/${ids.samConversation}`);
    } finally {
      await other.context().close();
    }
  });

  it("by keyboard: Enter on a group's row lists that group's messages over the period; Load more is absent when all are shown", async () => {
    await page.getByTestId("drill-close").click();
    await expect.poll(() => page.getByTestId("drill-panel").count()).toBe(0);
    const alexRow = page.locator(`[data-testid=sentiment-row][data-key="${ids.alex}"]`).getByTestId("sentiment-row-drill");
    await alexRow.focus();
    await page.keyboard.press("Enter");
    await page.locator("[data-testid=drill-panel][data-state=loaded]").waitFor({ timeout: 30_000 });
    expect(await page.getByTestId("drill-count").textContent()).toBe("1 message");
    expect(await page.getByTestId("drill-text").allTextContents()).toEqual(["still broken, terrible"]);
    await page.getByTestId("drill-label").selectOption("");
    await expect.poll(() => page.getByTestId("drill-message").count()).toBe(3);
    expect(await page.getByTestId("drill-more").count()).toBe(0);
  });

  it("downloads the report as CSV with the session cookie: a header, each point and each group's total", async () => {
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("sentiment-csv").click()]);
    const lines = readFileSync((await download.path())!, "utf8").trim().split(/\r?\n/);
    expect(lines[0]).toBe("group,label,bucket,messages,meanScore,negativeShare,neutralShare,positiveShare,conversations,worsened,turnedAround,agentChange,agentConversations");
    // No agent: 2 days; Alex: 2 days; Sam: 1; and the 3 groups' totals.
    expect(lines.length - 1).toBe(8);
    expect(lines.filter((l) => l.includes(",total,")).length).toBe(3);
    expect(lines.filter((l) => l.startsWith(`${ids.sam},`))).toHaveLength(2);
  });

  it("the Service tab shows conversations, containment and hand-offs, and by agent Sam's first response and workload", async () => {
    await page.getByTestId("report-tab-service").click();
    await page.locator("[data-testid=service-tab][data-state=loaded]").waitFor({ timeout: 30_000 });
    expect(await page.getByTestId("service-conversations-value").textContent()).toBe("3");
    expect(await page.getByTestId("service-contained-value").textContent()).toBe("67%");
    expect(await page.getByTestId("service-handoffs-value").textContent()).toBe("1");
    await page.getByTestId("service-groupby").selectOption("agent");
    await expect.poll(() => page.locator("[data-testid=service-row][data-label='Sam Support']").count(), { timeout: 30_000 }).toBe(1);
    const sam = page.locator("[data-testid=service-row][data-label='Sam Support']");
    expect(await sam.getByTestId("service-row-first-response").textContent()).toBe("2 min / 2 min");
    expect(await page.locator("[data-testid=workload-row][data-label='Sam Support']").getByTestId("workload-resolved").textContent()).toBe("1");
    await page.locator("[data-testid=service-chart][data-ready=true]").waitFor();
    expect(await overflowsX(page)).toBe(false);
    seen.push(await shot(page, "service-by-agent"));
  });

  it("the Service tab shows CSAT against the previous period, per group, its correlation with sentiment, and the conversation where they disagree", async () => {
    // Rated in the period: conversation 1 (mean sentiment (−3 − 3 + 2) / 3 = −1.33) 5, Sam's (−9 / 4 = −2.25) 2,
    // conversation 3 (+1.5) 4; in the previous 30 days the old one (0) 3.
    const rate = async (conversationId: string, daysAgo: number, score: number, comment: string | null) =>
      app.container.database.db.insert(tables.csatResponses).values({ conversationId, score, comment, via: "widget", requestedAt: new Date(ids.day(daysAgo, 12, 0)), respondedAt: new Date(ids.day(daysAgo, 12, 5)) });
    await rate(ids.c1, 3, 5, "quick fix, thanks");
    await rate(ids.samConversation, 3, 2, null);
    await rate(ids.c3, 5, 4, null);
    await rate(ids.old, 40, 3, null);
    // The tab asks again when it opens (a reload would forget the sentiment tab's grouping the later tests rely on).
    await page.getByTestId("report-tab-topics").click();
    await page.getByTestId("report-tab-service").click();
    await page.locator("[data-testid=service-tab][data-state=loaded]").waitFor({ timeout: 30_000 });
    expect(await page.getByTestId("csat-responses-value").textContent()).toBe("3");
    expect(await page.getByTestId("csat-responses-change").textContent()).toBe("▲ 2 vs previous 30 days");
    // (5 + 2 + 4) / 3 = 3.67 against 3; 2 of 3 satisfied against none.
    expect(await page.getByTestId("csat-mean-value").textContent()).toBe("3.7");
    expect(await page.getByTestId("csat-mean-change").textContent()).toBe("▲ 0.67 vs previous 30 days");
    expect(await page.getByTestId("csat-satisfied-value").textContent()).toBe("67%");
    expect(await page.getByTestId("csat-satisfied-change").textContent()).toBe("▲ 67 pts vs previous 30 days");
    // By agent: Sam's conversation was handed to Sam; the other two never were.
    expect(await page.locator("[data-testid=service-row][data-label='Sam Support']").getByTestId("service-row-csat").textContent()).toBe("2.0 (1)");
    expect(await page.locator("[data-testid=service-row][data-label='Unassigned']").getByTestId("service-row-csat").textContent()).toBe("4.5 (2)");
    // Pairs (5, −1.333), (2, −2.25), (4, 1.5): Σdxdy = 2.4722, Σdx² = 4.6667, Σdy² = 7.6435, r = 0.41.
    expect(await page.getByTestId("csat-correlation").textContent()).toBe("Correlation between the rating and the conversation's mean sentiment: r = 0.41 over 3 rated conversations.");
    const rows = page.getByTestId("csat-disagreement");
    expect(await rows.count()).toBe(1);
    expect(await rows.getAttribute("data-id")).toBe(ids.c1);
    expect(await rows.getByTestId("csat-disagreement-kind").textContent()).toBe("High rating, negative messages");
    expect(await rows.getByTestId("csat-disagreement-score").textContent()).toBe("5 / 5");
    expect(await rows.getByTestId("csat-disagreement-sentiment").textContent()).toBe("−1.33 (3)");
    expect(await rows.getByTestId("csat-disagreement-comment").textContent()).toBe("quick fix, thanks");
    expect(await overflowsX(page)).toBe(false);
    seen.push(await shot(page, "service-csat"));
    // The link opens the conversation in the console, as the drill-down's do.
    expect(await rows.getByTestId("csat-disagreement-open").getAttribute("href")).toBe(`/console/conversations/${ids.c1}`);
  });

  it("shows the server's error with Retry when the report fails, and Retry loads it", async () => {
    await page.getByTestId("report-tab-sentiment").click();
    await page.locator("[data-testid=sentiment-tab][data-state=loaded]").waitFor({ timeout: 30_000 });
    // A real failure: the column the report reads is away for a moment, so the server answers 500 INTERNAL.
    const db = app.container.database.db;
    await db.execute(sql`alter table messages rename column sentiment_score to sentiment_score_away`);
    try {
      await page.getByTestId("trend-period-90").click();
      await page.getByTestId("sentiment-error").waitFor({ timeout: 30_000 });
      expect(await page.getByTestId("sentiment-error-message").textContent()).toBe(errorCatalogue.INTERNAL.message);
      seen.push(await shot(page, "sentiment-error"));
    } finally {
      await db.execute(sql`alter table messages rename column sentiment_score_away to sentiment_score`);
    }
    await page.getByTestId("sentiment-error-retry").click();
    await page.locator("[data-testid=sentiment-tab][data-state=loaded]").waitFor({ timeout: 30_000 });
    expect(await page.getByTestId("trend-period-90").getAttribute("aria-pressed")).toBe("true");
    expect(await page.getByTestId("total-messages-value").textContent()).toBe("11");
  });

  it("pages a long drill-down: 25 messages, then Load more brings the rest", async () => {
    const f = reportFixtures(app.container.database.db);
    const at = (minute: number): string => new Date(Date.now() - 2 * 86_400_000 + minute * 60_000).toISOString();
    const c = await f.conversation("demo", "web", at(0));
    for (let i = 0; i < 30; i++) await f.customer(c, at(i), `bad service ${i + 1}`, { score: -2, label: "negative", drivers: [{ text: "bad", weight: -2 }] });
    await page.getByTestId("trend-period-30").click();
    // The tab kept its grouping by agent while the Service tab showed.
    expect(await page.getByTestId("sentiment-groupby").inputValue()).toBe("agent");
    await page.getByTestId("sentiment-groupby").selectOption("channel");
    await page.locator("[data-testid=sentiment-tab][data-state=loaded]").waitFor({ timeout: 30_000 });
    await page.locator("[data-testid=sentiment-row][data-key=web]").getByTestId("sentiment-row-drill").press("Enter");
    await page.locator("[data-testid=drill-panel][data-state=loaded]").waitFor({ timeout: 30_000 });
    expect(await page.getByTestId("drill-count").textContent()).toBe("35 messages");
    expect(await page.getByTestId("drill-message").count()).toBe(25);
    await page.getByTestId("drill-more").click();
    await expect.poll(() => page.getByTestId("drill-message").count(), { timeout: 30_000 }).toBe(35);
    expect(await page.getByTestId("drill-more").count()).toBe(0);
    expect(await page.getByTestId("drill-text").last().textContent()).toBe("this is awful");
  });

  it("keeps the Topics tab", async () => {
    await page.getByTestId("report-tab-topics").click();
    await page.getByTestId("report-body").waitFor();
    expect(await page.getByTestId("report-period-7").getAttribute("aria-pressed")).toBe("true");
    await page.locator("[data-testid=report-body]:not([data-state=loading])").waitFor({ timeout: 30_000 });
    expect(await page.getByTestId("report-summary").textContent()).toMatch(/^39 customer messages, /);
    // The planted messages hold no key phrase: they are counted under their intent instead of vanishing.
    await page.getByTestId("without-topic-table").waitFor();
    const complaints = page.locator("[data-testid=without-topic-row][data-intent=complaint] td").first();
    expect(Number(await complaints.textContent())).toBeGreaterThanOrEqual(4);
    seen.push(await shot(page, "topics-without-topic"));
    // Every planted message came by web chat: none by Telegram.
    await page.getByTestId("report-channel").selectOption("telegram");
    await expect.poll(() => page.getByTestId("report-body").getAttribute("data-state"), { timeout: 30_000 }).toBe("no-messages");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("topics-csv").click()]);
    expect(readFileSync((await download.path())!, "utf8")).toBe("phrase,messages,conversations,averageSentiment,negativeShare,topIntent,previousMessages,trend,group\r\n");
    seen.push(await shot(page, "topics-telegram"));
  });

  it("filters the Sentiment and Service tabs by intent, agent and inbox: the totals, the drill-down and the address follow", async () => {
    await page.getByTestId("report-tab-sentiment").click();
    await page.locator("[data-testid=sentiment-tab][data-state=loaded]").waitFor({ timeout: 30_000 });
    await page.locator("[data-testid=sentiment-filters][data-state=loaded]").waitFor({ timeout: 30_000 });
    // Complaints in the period: "this is awful", "still broken, terrible", "this is useless and slow", "worst support ever".
    await page.getByTestId("sentiment-filters-intent").selectOption("complaint");
    await expect.poll(() => page.getByTestId("total-messages-value").textContent(), { timeout: 30_000 }).toBe("4");
    expect(await page.getByTestId("total-negative-value").textContent()).toBe("100%");
    expect(new URL(page.url()).searchParams.get("intent")).toBe("complaint");
    // And Sam's: the two after his reply.
    await page.getByTestId("sentiment-filters-agent").selectOption({ label: "Sam Support" });
    await expect.poll(() => page.getByTestId("total-messages-value").textContent(), { timeout: 30_000 }).toBe("2");
    await page.locator("[data-testid=sentiment-row][data-key=web]").getByTestId("sentiment-row-drill").press("Enter");
    await page.locator("[data-testid=drill-panel][data-state=loaded]").waitFor({ timeout: 30_000 });
    expect(await page.getByTestId("drill-text").allTextContents()).toEqual(["worst support ever", "this is useless and slow"]);
    expect(await overflowsX(page)).toBe(false);
    seen.push(await shot(page, "sentiment-filtered"));
    // The Service tab keeps the filters: Sam's conversation ended on a refund, so no complaint conversation is his.
    await page.getByTestId("report-tab-service").click();
    await page.locator("[data-testid=service-tab][data-state=empty]").waitFor({ timeout: 30_000 });
    expect(await page.getByTestId("service-filters-agent").inputValue()).toBe(ids.sam);
    await page.getByTestId("service-filters-clear").click();
    await page.locator("[data-testid=service-tab][data-state=loaded]").waitFor({ timeout: 30_000 });
    expect(await page.getByTestId("service-conversations-value").textContent()).toBe("4");
    await page.locator("[data-testid=service-filters][data-state=loaded]").waitFor({ timeout: 30_000 });
    await page.getByTestId("service-filters-inbox").selectOption("demo");
    await expect.poll(() => new URL(page.url()).searchParams.get("inbox"), { timeout: 30_000 }).toBe("demo");
    await page.locator("[data-testid=service-tab][data-state=loaded]").waitFor({ timeout: 30_000 });
    expect(await page.getByTestId("service-conversations-value").textContent()).toBe("4");
    expect(await page.getByTestId("csat-unfiltered").count()).toBe(1);
    expect(await overflowsX(page)).toBe(false);
    seen.push(await shot(page, "service-filtered"));
    console.log(`screenshots: ${seen.join(", ")}`);
  });
});
