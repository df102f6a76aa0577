import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InsightRunDTO, InsightStatusDTO } from "../../src/contracts/insights.ts";
import { demoAgents } from "../../src/db/seed/demo-data.ts";
import { api } from "../support/api-client.ts";
import { createTestApp, type TestApp } from "../support/create-test-app.ts";
import { plantResponseCampaigns, plantResponseCustomers } from "../support/plant-response.ts";
import { browserForFile, signIn } from "./browser.ts";

const shots = fileURLToPath(new URL("../artifacts/insights-response", import.meta.url));
const manager = demoAgents.find((a) => a.role === "manager") ?? demoAgents[2];
const chrome = browserForFile(shots);
// A fixed clock: the demo customers the test app seeds are created after it, so only the planted customers count.
const NOW = new Date("2026-06-01T12:00:00Z");

describe("the response model on the Insights page, the score on the profile, and the forecast in the campaign form", () => {
  let app: TestApp;
  let page: Page;
  let cookie: string;
  let groups: { buyers: string[]; dormant: string[] };

  async function refresh(): Promise<void> {
    const res = await api<{ data: InsightRunDTO }>(app.url, "POST", "/api/v1/insights/refresh", { cookie, body: {} });
    const deadline = Date.now() + 120_000;
    while ((await api<{ data: InsightStatusDTO }>(app.url, "GET", "/api/v1/insights/status", { cookie })).body.data.lastSucceeded?.id !== res.body.data.id) {
      if (Date.now() > deadline) throw new Error("the refresh did not finish");
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }

  beforeAll(async () => {
    app = await createTestApp({ now: () => NOW });
    cookie = await app.login(manager.email);
    groups = await plantResponseCustomers(app.container.database.db, NOW);
    await refresh();
    page = await chrome.newPage();
    await page.goto(`${app.url}/console/insights`);
    await signIn(page, manager.email);
  }, 240_000);

  afterAll(async () => {
    await page?.context().close();
    await app?.close();
  });

  it("with no campaign outcomes, the response card explains what the model needs", async () => {
    await page.getByTestId("response-empty").waitFor({ timeout: 60_000 });
    expect(await page.getByTestId("response-empty").textContent()).toMatch(/Not enough campaign outcomes yet.*at least 50 delivered campaign sends/);
    expect(await page.getByTestId("escalation-rules-rule").count()).toBeGreaterThan(0);
    await page.getByTestId("insights-response").screenshot({ path: `${shots}/response-empty.png` });
  }, 120_000);

  it("after campaigns, shows both models' AUC, the chosen one, the calibration chart and the customers most likely to respond", async () => {
    await plantResponseCampaigns(app.container.database.db, NOW, groups, 12);
    await page.getByTestId("insights-refresh").click();
    await page.locator("[data-testid=response-model]").first().waitFor({ timeout: 120_000 });
    const models = await page.getByTestId("response-model").evaluateAll((rows) => rows.map((r) => ({ name: r.getAttribute("data-model"), chosen: r.getAttribute("data-chosen") })));
    expect(models.map((m) => m.name)).toEqual(["logistic", "svm"]);
    expect(models.filter((m) => m.chosen === "true")).toHaveLength(1);
    const aucs = await page.getByTestId("response-auc").allTextContents();
    for (const auc of aucs) expect(Number(auc)).toBeGreaterThan(0.9);
    await page.locator("[data-testid=response-calibration] canvas").waitFor({ timeout: 30_000 });
    expect(await page.getByTestId("response-row").count()).toBe(10);
    expect(await page.getByTestId("response-customer").first().textContent()).toMatch(/^buyer \d+$/);
    expect(await page.getByTestId("escalation-rules-rule").first().textContent()).toMatch(/handed to a human/);
    await page.getByTestId("insights-response").screenshot({ path: `${shots}/response-card.png` });
    await page.getByTestId("insights-escalation").screenshot({ path: `${shots}/escalation.png` });
  }, 180_000);

  it("a top-scored customer's profile shows the response score beside segment and churn risk", async () => {
    await page.getByTestId("response-customer").first().click();
    await expect.poll(() => new URL(page.url()).pathname, { timeout: 20_000 }).toMatch(/^\/console\/customers\//);
    await page.getByTestId("profile-response-score").waitFor({ timeout: 20_000 });
    expect(await page.getByTestId("profile-response-score").textContent()).toMatch(/\d+%|>99%/);
    expect(await page.getByTestId("profile-segment").count()).toBe(1);
    await shot(page, "profile");
  }, 60_000);

  it("the new-campaign form forecasts a top-N audience's response before sending", async () => {
    await page.goto(`${app.url}/console/sales/campaigns`);
    await page.getByTestId("campaign-new").click();
    await page.getByTestId("campaign-name").fill("Top buyers");
    await page.getByTestId("campaign-audience-kind").selectOption("top");
    await page.getByTestId("campaign-audience").fill("10");
    await page.getByTestId("campaign-message").fill("Hello {{name}}, news from the shop.");
    await page.getByTestId("campaign-forecast-run").click();
    await page.getByTestId("campaign-forecast-result").waitFor({ timeout: 30_000 });
    expect(await page.getByTestId("campaign-forecast-rate").textContent()).toMatch(/\d+%/);
    expect(await page.getByTestId("campaign-forecast-model").textContent()).toMatch(/Multiple regression on 12 past campaigns: R² [\d.]+/);
    await page.getByTestId("new-campaign-dialog").screenshot({ path: `${shots}/campaign-forecast.png` });
    await page.getByTestId("campaign-create").click();
    await expect.poll(() => page.getByTestId("campaign-row").first().textContent(), { timeout: 20_000 }).toContain("Top 10 by response score");
  }, 120_000);
});

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
}
