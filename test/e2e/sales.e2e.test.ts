import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConversationDTO, Page as ListPage, UserDTO } from "../../src/contracts/api.ts";
import type { DealDTO } from "../../src/contracts/sales.ts";
import { demoAgents } from "../../src/db/seed/demo-data.ts";
import { api } from "../support/api-client.ts";
import { ADMIN, createTestApp, type TestApp } from "../support/create-test-app.ts";
import { connectCustomer, type WidgetCustomer } from "../support/widget-client.ts";
import { browserForFile, signIn } from "./browser.ts";

const shots = fileURLToPath(new URL("../artifacts/sales", import.meta.url));
const manager = demoAgents.find((a) => a.role === "manager") ?? demoAgents[0];
const rep = demoAgents[0];
const DEAL_TITLE = "Harbour Cafe espresso fit-out";
const DEAL_CENTS = 1_234_500;
const TARGET_CENTS = 5_000_000;

const chrome = browserForFile(shots);

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
}

/** What `read` answers once `done` holds (set-up code, where expect.poll is not available); throws after `timeoutMs`. */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > until) throw new Error(`still not there after ${timeoutMs} ms: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The dashboard's won-deals tile and the rep's attainment cell, once both have loaded. */
async function dashboardFigures(page: Page, repId: string): Promise<{ won: string; attainment: string }> {
  await page.locator("[data-testid=sales-totals][data-state=loaded]").waitFor({ timeout: 20_000 });
  const row = page.locator(`[data-testid=target-row][data-owner-id="${repId}"]`);
  await row.waitFor({ timeout: 20_000 });
  return { won: (await page.getByTestId("total-won-value").textContent()) ?? "", attainment: (await row.getByTestId("target-attainment").textContent()) ?? "" };
}

describe("the Sales area: a manager wins a deal on the board, sees it on the dashboard, and applies a lead-assignment plan", () => {
  let app: TestApp;
  let adminCookie: string;
  let page: Page;
  let repId = "";
  let dealId = "";
  let before = { won: "", attainment: "" };

  beforeAll(async () => {
    app = await createTestApp({ demoCrm: true });
    adminCookie = await app.login();
    const users = await api<{ data: UserDTO[] }>(app.url, "GET", "/api/v1/users", { cookie: adminCookie });
    repId = users.body.data.find((u) => u.email === rep.email)?.id ?? "";
    expect(repId).not.toBe("");
    const customer = await api<{ data: { id: string } }>(app.url, "POST", "/api/v1/customers", { cookie: adminCookie, body: { name: "Harbour Cafe", email: "owner@harbour-cafe.example" } });
    expect(customer.status).toBe(201);
    const deal = await api<{ data: DealDTO }>(app.url, "POST", "/api/v1/deals", {
      cookie: adminCookie,
      body: { title: DEAL_TITLE, customerId: customer.body.data.id, ownerId: repId, amountCents: DEAL_CENTS, currency: "USD", stage: "negotiation" },
    });
    expect(deal.status).toBe(201);
    dealId = deal.body.data.id;
    // New leads nobody owns yet: what the lead-assignment plan places.
    for (const [title, cents] of [["Lighthouse Inn cold-brew bar", 480_000], ["Dockside Bakery grinders", 95_000], ["Old Town Roasters service plan", 260_000]] as const) {
      const lead = await api(app.url, "POST", "/api/v1/deals", { cookie: adminCookie, body: { title, customerId: customer.body.data.id, ownerId: null, amountCents: cents, currency: "USD", stage: "lead" } });
      expect(lead.status).toBe(201);
    }
    const now = new Date();
    const period = `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, "0")}`;
    const target = await api(app.url, "PUT", "/api/v1/sales/targets", { cookie: adminCookie, body: { ownerId: repId, period, amountCents: TARGET_CENTS, currency: "USD" } });
    expect(target.status).toBe(200);
    page = await chrome.newPage();
    await page.goto(`${app.url}/console/sales/dashboard`);
    await signIn(page, manager.email);
  }, 180_000);

  afterAll(async () => {
    await page?.context().close();
    await app?.close();
  });

  it("opens the dashboard from its deep link: totals, the weekly revenue with its forecast band, products, customers, the rep's target", async () => {
    await page.getByTestId("sales-dashboard").waitFor();
    before = await dashboardFigures(page, repId);
    expect(before.attainment).toMatch(/%|—/);
    await page.locator("[data-testid=forecast-chart][data-ready=true]").waitFor({ timeout: 20_000 });
    await page.locator("[data-testid=targets-chart][data-ready=true]").waitFor({ timeout: 20_000 });
    expect(Number((await page.getByTestId("total-orders-value").textContent())?.replace(/\D/g, ""))).toBeGreaterThanOrEqual(0);
    await shot(page, "dashboard-before");
  });

  it("drags the deal to Won on the board; the columns' totals follow and the server has it won", async () => {
    await page.getByTestId("sales-tab-pipeline").click();
    await page.locator("[data-testid=pipeline-view][data-state=loaded]").waitFor({ timeout: 20_000 });
    await expect.poll(() => new URL(page.url()).pathname).toBe("/console/sales/pipeline");
    const won = page.locator("[data-testid=board-column][data-stage=won]");
    const countBefore = await won.getByTestId("column-count").textContent();
    await shot(page, "pipeline-before");
    const card = page.locator(`[data-testid=deal-card][data-deal-id="${dealId}"]`);
    await card.dragTo(won);
    await won.locator(`[data-testid=deal-card][data-deal-id="${dealId}"]`).waitFor({ timeout: 10_000 });
    expect(await page.getByTestId("board-announcement").textContent()).toContain("Won");
    await expect.poll(() => won.getByTestId("column-count").textContent()).not.toBe(countBefore);
    await expect.poll(async () => (await api<{ data: DealDTO }>(app.url, "GET", `/api/v1/deals/${dealId}`, { cookie: adminCookie })).body.data.stage.key).toBe("won");
    await shot(page, "pipeline-after-drag");
  });

  it("sees the dashboard's won revenue and the rep's attainment change", async () => {
    await page.getByTestId("sales-tab-salesDashboard").click();
    await expect.poll(async () => (await dashboardFigures(page, repId)).won, { timeout: 20_000 }).not.toBe(before.won);
    const after = await dashboardFigures(page, repId);
    expect(after.attainment).not.toBe(before.attainment);
    expect(parseFloat(after.attainment)).toBeCloseTo((DEAL_CENTS / TARGET_CENTS) * 100 + (parseFloat(before.attainment) || 0), 0);
    await shot(page, "dashboard-after");
  });

  it("proposes a lead assignment, shows it against the round-robin baseline, and applies it", async () => {
    await page.getByTestId("sales-tab-plans").click();
    // The reps card edits what the plan assigns within: a rep's segments, saved.
    const rep = page.locator(`[data-testid=rep-row]`, { hasText: demoAgents[0]?.name ?? "" });
    await rep.getByTestId("rep-segments").fill("consumer, smb, enterprise");
    await rep.getByTestId("rep-save").click();
    await expect.poll(() => page.getByTestId("toast").textContent(), { timeout: 10_000 }).toContain("Rep saved");
    await page.getByTestId("lead-plan-propose").click();
    await page.getByTestId("lead-plan-table").waitFor({ timeout: 30_000 });
    expect(await page.getByTestId("lead-plan-objective").textContent()).toMatch(/\$/);
    expect(await page.getByTestId("lead-plan-baseline").textContent()).toMatch(/\$/);
    const rows = page.getByTestId("lead-plan-row");
    expect(await rows.count()).toBeGreaterThan(0);
    const proposed = await rows.evaluateAll((trs) => trs.map((tr) => ({ dealId: tr.getAttribute("data-deal-id") ?? "", ownerId: tr.getAttribute("data-owner-id") ?? "" })));
    await shot(page, "plans-proposed");
    await page.getByTestId("lead-plan-apply-all").click();
    await expect.poll(() => page.getByTestId("toast").textContent(), { timeout: 20_000 }).toContain("assignments applied");
    for (const a of proposed.slice(0, 5)) {
      const deal = await api<{ data: DealDTO }>(app.url, "GET", `/api/v1/deals/${a.dealId}`, { cookie: adminCookie });
      expect(deal.body.data.owner?.id).toBe(a.ownerId);
    }
    await page.getByTestId("effort-budget").fill("120");
    await page.getByTestId("effort-allocate").click();
    await page.getByTestId("effort-table").waitFor({ timeout: 30_000 });
    expect(await page.getByTestId("effort-row").count()).toBeGreaterThan(0);
    expect(await page.getByTestId("effort-total").textContent()).toMatch(/\$[\d,]+/);
    await shot(page, "plans-applied");
    // More hours than any curve can use: the rest is shown as unallocated, not spread where it adds nothing.
    await page.getByTestId("effort-budget").fill("5000");
    await page.getByTestId("effort-allocate").click();
    await expect.poll(() => page.getByTestId("effort-unallocated").textContent(), { timeout: 30_000 }).toMatch(/hours left unallocated/);
    await shot(page, "plans-effort-unallocated");
  });

  it("moves a deal by keyboard alone, announced, and rolls a refused move back with a visible error", async () => {
    // The board moves the focus to the card in an effect after the render that shows it there.
    const focusedDeal = () => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.dealId);
    await page.getByTestId("sales-tab-pipeline").click();
    await page.locator("[data-testid=pipeline-view][data-state=loaded]").waitFor({ timeout: 20_000 });
    // The plan applied above announced its deals on the socket: let the board's quiet reloads land before moving.
    await page.waitForLoadState("networkidle");
    const card = page.locator("[data-testid=board-column][data-stage=lead] [data-testid=deal-card]").first();
    const id = (await card.getAttribute("data-deal-id")) ?? "";
    await card.focus();
    await page.keyboard.press("ArrowRight");
    await page.locator(`[data-testid=board-column][data-stage=qualified] [data-deal-id="${id}"]`).waitFor();
    await expect.poll(focusedDeal).toBe(id);
    expect(await page.getByTestId("board-announcement").textContent()).toContain("Qualified");
    await expect.poll(async () => (await api<{ data: DealDTO }>(app.url, "GET", `/api/v1/deals/${id}`, { cookie: adminCookie })).body.data.stage.key).toBe("qualified");

    await page.route(`**/api/v1/deals/${id}`, (route) =>
      route.request().method() === "PATCH" ? route.fulfill({ status: 500, contentType: "application/json", body: JSON.stringify({ error: { code: "INTERNAL", message: "The server had a problem." } }) }) : route.continue(),
    );
    await page.keyboard.press("ArrowRight");
    await page.getByTestId("move-error").waitFor({ timeout: 10_000 });
    expect(await page.getByTestId("move-error").textContent()).toContain("back where it was");
    await page.locator(`[data-testid=board-column][data-stage=qualified] [data-deal-id="${id}"]`).waitFor();
    await expect.poll(focusedDeal).toBe(id);
    await shot(page, "pipeline-move-refused");
    await page.unroute(`**/api/v1/deals/${id}`);
  });

  it("opens the deal's page with its stage history, edits its amount, and links to the customer", async () => {
    await page.goto(`${app.url}/console/sales/deals/${dealId}`);
    await page.locator("[data-testid=deal-view][data-state=loaded]").waitFor({ timeout: 20_000 });
    expect(await page.getByTestId("deal-history-item").count()).toBeGreaterThanOrEqual(2);
    await page.getByTestId("deal-field-amount-edit").click();
    await page.getByTestId("deal-field-amount-input").fill("13000");
    await page.getByTestId("deal-field-amount-input").press("Enter");
    await expect.poll(() => page.getByTestId("deal-field-amount-value").textContent()).toContain("13,000");
    await shot(page, "deal-page");
    await page.getByTestId("deal-open-customer").click();
    await page.getByTestId("customer-view").waitFor();
  });

  it("lists orders with filters and pages, and moves an order from processing to shipped with a carrier", async () => {
    await page.goto(`${app.url}/console/sales/orders`);
    await page.getByTestId("orders-table").waitFor({ timeout: 20_000 });
    await shot(page, "orders");
    await page.getByTestId("orders-status").selectOption("processing");
    await page.locator("[data-testid=orders-view][data-state=loaded]").waitFor();
    await page.getByTestId("order-link").first().click();
    await page.locator("[data-testid=order-view][data-state=loaded]").waitFor({ timeout: 20_000 });
    await page.getByTestId("order-carrier").fill("DHL");
    await page.getByTestId("order-tracking").fill("JD0146000011");
    await page.getByTestId("order-shipping-save").click();
    await page.getByTestId("order-mark-shipped").click();
    await expect.poll(() => page.getByTestId("order-details").getAttribute("data-status")).toBe("shipped");
    await shot(page, "order-page");
    await page.getByTestId("orders-status").count();
    await page.goto(`${app.url}/console/sales/orders`);
    await page.getByTestId("orders-from").fill("1990-01-01");
    await page.getByTestId("orders-to").fill("1990-02-01");
    await page.getByTestId("orders-empty").waitFor({ timeout: 20_000 });
    await shot(page, "orders-empty");
  });

  it("adds a product to the catalogue and archives it", async () => {
    await page.goto(`${app.url}/console/sales/products`);
    await page.getByTestId("products-table").waitFor({ timeout: 20_000 });
    await page.getByTestId("new-product").click();
    await page.getByTestId("product-sku").fill("E2E-GRINDER");
    await page.getByTestId("product-name").fill("Burr grinder");
    await page.getByTestId("product-price").fill("249.00");
    await page.getByTestId("product-submit").click();
    const row = page.locator("[data-testid=product-row]", { hasText: "E2E-GRINDER" });
    await row.waitFor({ timeout: 10_000 });
    await shot(page, "products");
    await row.getByTestId("product-archive").click();
    await page.getByTestId("confirm-submit").click();
    await expect.poll(() => page.locator("[data-testid=product-row]", { hasText: "E2E-GRINDER" }).count()).toBe(0);
  });

  it("shows the empty and error states of the Sales pages", async () => {
    const empty = { status: 200, contentType: "application/json", body: JSON.stringify({ data: [], nextCursor: null }) };
    await page.route("**/api/v1/products?*", (route) => route.fulfill(empty));
    await page.goto(`${app.url}/console/sales/products`);
    await page.getByTestId("products-empty").waitFor({ timeout: 20_000 });
    await shot(page, "products-empty");
    await page.unroute("**/api/v1/products?*");
    await page.route("**/api/v1/deals/pipeline*", (route) => route.fulfill({ status: 500, contentType: "application/json", body: JSON.stringify({ error: { code: "INTERNAL", message: "The server had a problem." } }) }));
    await page.goto(`${app.url}/console/sales/pipeline`);
    await page.getByTestId("pipeline-error").waitFor({ timeout: 20_000 });
    await shot(page, "pipeline-error");
    await page.unroute("**/api/v1/deals/pipeline*");
    await page.getByTestId("pipeline-error-retry").click();
    await page.getByTestId("pipeline-board").waitFor({ timeout: 20_000 });
  });
});

describe("the Sales area for an agent: the chat's lead another rep owns, their own deals, a read-only catalogue, and a deal from a conversation in two clicks", () => {
  const otherRep = demoAgents.find((a) => a.email !== rep.email && a.role === "agent") ?? demoAgents[1];
  let app: TestApp;
  let agent: Page;
  let widgetCustomer: WidgetCustomer;
  let conversationId = "";
  let leadId = "";

  beforeAll(async () => {
    app = await createTestApp();
    const cookie = await app.login();
    // Round-robin gives chat leads to the other rep only; the agent signing in takes the chat.
    const users = (await api<{ data: UserDTO[] }>(app.url, "GET", "/api/v1/users", { cookie })).body.data;
    for (const user of users.filter((u) => demoAgents.some((a) => a.email === u.email))) {
      const res = await api(app.url, "PUT", `/api/v1/sales/plans/reps/${user.id}`, { cookie, body: { active: user.email === otherRep.email } });
      expect(res.status).toBe(200);
    }
    widgetCustomer = await connectCustomer(app.url, app.inboxId);
    await widgetCustomer.send("Hi, I want to buy 3 of your espresso machines, my budget is $2,400.");
    await widgetCustomer.waitFor((m) => m.sender.type !== "customer", 15_000);
    await widgetCustomer.send("I want to talk to a human");
    const conversations = await api<ListPage<ConversationDTO>>(app.url, "GET", "/api/v1/conversations?status=all&limit=50", { cookie });
    conversationId = [...conversations.body.data].sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0]?.id ?? "";
    expect(conversationId).not.toBe("");
    const leads = await eventually(async () => (await api<{ data: DealDTO[] }>(app.url, "GET", `/api/v1/deals?conversationId=${conversationId}`, { cookie })).body.data, (l) => l.length > 0);
    expect(leads.map((l) => l.owner?.name)).toEqual([otherRep.name]);
    leadId = leads[0]?.id ?? "";
    const ticketId = await eventually(async () => (await api<{ data: ConversationDTO }>(app.url, "GET", `/api/v1/conversations/${conversationId}`, { cookie })).body.data.ticketId, (id) => id !== null);
    const repId = users.find((u) => u.email === rep.email)?.id;
    expect((await api(app.url, "PATCH", `/api/v1/tickets/${ticketId}`, { cookie, body: { assigneeId: repId } })).status).toBe(200);
    agent = await chrome.newPage();
    await agent.goto(`${app.url}/console/conversations/${conversationId}`);
    await signIn(agent, rep.email);
  }, 180_000);

  afterAll(async () => {
    widgetCustomer?.close();
    await agent?.context().close();
    await app?.close();
  });

  it("sees the lead the chat opened in the conversation's sidebar, though round-robin gave it to another rep, and opens it read-only", async () => {
    const card = agent.locator("[data-testid=conversation-deals][data-state=loaded]");
    await card.waitFor({ timeout: 20_000 });
    const lead = card.locator(`[data-testid=conversation-deal][data-deal-id="${leadId}"]`);
    await lead.waitFor({ timeout: 20_000 });
    expect(await lead.textContent()).toContain(otherRep.name);
    await lead.scrollIntoViewIfNeeded();
    await shot(agent, "conversation-sidebar-other-reps-lead");
    await lead.getByTestId("conversation-deal-link").click();
    await agent.locator("[data-testid=deal-view][data-state=loaded]").waitFor({ timeout: 20_000 });
    expect(await agent.getByTestId("deal-field-amount-value").count()).toBe(1);
    expect(await agent.getByTestId("deal-field-amount-edit").count()).toBe(0);
    await shot(agent, "deal-page-read-only");
    await agent.goBack();
  });

  it("creates a deal from the conversation in two clicks, prefilled, and sees it in the sidebar", async () => {
    const card = agent.locator("[data-testid=conversation-deals][data-state=loaded]");
    await card.waitFor({ timeout: 20_000 });
    const before = await agent.getByTestId("conversation-deal").count();
    await shot(agent, "conversation-sidebar-before");
    await agent.getByTestId("create-deal").click();
    await agent.getByTestId("new-deal-form").waitFor({ timeout: 15_000 });
    expect(await agent.getByTestId("deal-title").inputValue()).not.toBe("");
    await shot(agent, "conversation-create-deal");
    await agent.getByTestId("deal-submit").click();
    await expect.poll(() => agent.getByTestId("conversation-deal").count(), { timeout: 15_000 }).toBe(before + 1);
    await shot(agent, "conversation-sidebar-after");
  });

  it("sees the pipeline and a read-only catalogue, but neither the dashboard nor the plans", async () => {
    await agent.getByTestId("nav-pipeline").click();
    await agent.locator("[data-testid=pipeline-view][data-state=loaded]").waitFor({ timeout: 20_000 });
    // The columns fill in the render after the load: wait for the deal the agent created above.
    await agent.getByTestId("deal-card").first().waitFor({ timeout: 20_000 });
    expect(await agent.getByTestId("sales-tab-salesDashboard").count()).toBe(0);
    expect(await agent.getByTestId("sales-tab-plans").count()).toBe(0);
    await shot(agent, "agent-pipeline");
    await agent.getByTestId("sales-tab-products").click();
    await agent.locator("[data-testid=products-view]").waitFor();
    expect(await agent.getByTestId("new-product").count()).toBe(0);
    await shot(agent, "agent-products");
    await agent.getByTestId("sales-tab-orders").click();
    await agent.getByTestId("orders-view").waitFor();
    expect(await agent.getByTestId("new-order").count()).toBe(1);
    await shot(agent, "agent-orders");
  });

  it("has no Stages tab, and opening the stages page's address says that only admins change stages", async () => {
    expect(await agent.getByTestId("sales-tab-stages").count()).toBe(0);
    await agent.goto(`${app.url}/console/sales/stages`);
    await agent.getByTestId("stages-forbidden").waitFor({ timeout: 20_000 });
    expect(await agent.getByTestId("stages-forbidden").textContent()).toContain("Only admins");
    expect(await agent.getByTestId("stage-row").count()).toBe(0);
    await shot(agent, "stages-forbidden");
  });
});

describe("the pipeline's stages: an admin renames and reorders them, and the board follows", () => {
  let app: TestApp;
  let admin: Page;
  const boardStages = async (): Promise<{ key: string; title: string }[]> =>
    admin.locator("[data-testid=board-column]").evaluateAll((columns) =>
      columns.map((c) => ({ key: c.getAttribute("data-stage") ?? "", title: c.querySelector("[data-testid=column-title]")?.firstChild?.textContent?.trim() ?? "" })),
    );
  const stageRow = (key: string) => admin.locator(`[data-testid=stage-row][data-stage="${key}"]`);

  beforeAll(async () => {
    app = await createTestApp();
    admin = await chrome.newPage();
    await admin.goto(`${app.url}/console/sales/pipeline`);
    await signIn(admin, ADMIN.email, ADMIN.password);
  }, 180_000);

  afterAll(async () => {
    await admin?.context().close();
    await app?.close();
  });

  it("opens the Stages tab: the stages in board order with their default win probability", async () => {
    await admin.locator("[data-testid=pipeline-view][data-state=loaded]").waitFor({ timeout: 20_000 });
    expect((await boardStages()).map((s) => s.key)).toEqual(["lead", "qualified", "proposal", "negotiation", "won", "lost"]);
    await admin.getByTestId("sales-tab-stages").click();
    await admin.locator("[data-testid=stages-view][data-state=loaded]").waitFor({ timeout: 20_000 });
    expect(await admin.getByTestId("stage-row").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-stage")))).toEqual(["lead", "qualified", "proposal", "negotiation", "won", "lost"]);
    expect(await stageRow("proposal").getByTestId("stage-probability-value").textContent()).toMatch(/^\d+%$/);
  });

  it("renames a stage and changes its probability in place, with the keyboard", async () => {
    await stageRow("qualified").getByTestId("stage-name-edit").click();
    await stageRow("qualified").getByTestId("stage-name-input").fill("Discovery call");
    await admin.keyboard.press("Enter");
    await expect.poll(() => stageRow("qualified").getByTestId("stage-name-value").textContent()).toBe("Discovery call");
    await stageRow("proposal").getByTestId("stage-probability-edit").click();
    await stageRow("proposal").getByTestId("stage-probability-input").fill("150");
    await admin.keyboard.press("Enter");
    await stageRow("proposal").getByTestId("stage-probability-error").waitFor({ timeout: 10_000 });
    expect(await stageRow("proposal").getByTestId("stage-probability-error").textContent()).toContain("at most 100");
    await stageRow("proposal").getByTestId("stage-probability-input").fill("55");
    await admin.keyboard.press("Enter");
    await expect.poll(() => stageRow("proposal").getByTestId("stage-probability-value").textContent()).toBe("55%");
  });

  it("moves a stage up with its button from the keyboard; the focus stays on it and the move is announced", async () => {
    await stageRow("negotiation").getByTestId("stage-move-up").focus();
    await admin.keyboard.press("Enter");
    await expect
      .poll(() => admin.getByTestId("stage-row").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-stage"))))
      .toEqual(["lead", "qualified", "negotiation", "proposal", "won", "lost"]);
    await expect.poll(() => admin.evaluate(() => (document.activeElement as HTMLElement | null)?.closest("[data-testid=stage-row]")?.getAttribute("data-stage"))).toBe("negotiation");
    expect(await admin.getByTestId("stages-announcement").textContent()).toContain("position 3");
    expect(await stageRow("lead").getByTestId("stage-move-up").isDisabled()).toBe(true);
  });

  it("adds an open stage: a bad probability is refused with the reason beside the field, then it goes before the won and lost stages", async () => {
    await admin.getByTestId("stage-add-name").fill("Contract sent");
    await admin.getByTestId("stage-add-probability").fill("101");
    await admin.getByTestId("stage-add-submit").click();
    await admin.getByTestId("stage-add-probability-error").waitFor({ timeout: 10_000 });
    expect(await admin.getByTestId("stage-add-probability-error").textContent()).toContain("at most 100");
    await shot(admin, "stages-validation");
    await admin.getByTestId("stage-add-probability").fill("80");
    await admin.getByTestId("stage-add-submit").click();
    await stageRow("contract_sent").waitFor({ timeout: 10_000 });
    expect(await admin.getByTestId("stage-row").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-stage")))).toEqual([
      "lead",
      "qualified",
      "negotiation",
      "proposal",
      "contract_sent",
      "won",
      "lost",
    ]);
    await shot(admin, "stages");
  });

  it("the pipeline board shows the new name and order", async () => {
    await admin.getByTestId("sales-tab-pipeline").click();
    await admin.locator("[data-testid=pipeline-view][data-state=loaded]").waitFor({ timeout: 20_000 });
    await expect.poll(async () => (await boardStages()).map((s) => s.key)).toEqual(["lead", "qualified", "negotiation", "proposal", "contract_sent", "won", "lost"]);
    expect((await boardStages()).find((s) => s.key === "qualified")?.title).toBe("Discovery call");
    await shot(admin, "pipeline-after-stages");
  });

  it("deletes a stage after confirming; a stage with deals is refused and the dialog says why", async () => {
    await admin.getByTestId("sales-tab-stages").click();
    await admin.locator("[data-testid=stages-view][data-state=loaded]").waitFor({ timeout: 20_000 });
    await stageRow("lead").getByTestId("stage-delete").click();
    await admin.getByTestId("confirm-submit").click();
    await admin.getByTestId("confirm-error").waitFor({ timeout: 10_000 });
    expect(await admin.getByTestId("confirm-error").textContent()).toContain("still has deals");
    await shot(admin, "stages-delete-refused");
    await admin.keyboard.press("Escape");
    await stageRow("contract_sent").getByTestId("stage-delete").click();
    await admin.getByTestId("confirm-submit").click();
    await expect.poll(() => stageRow("contract_sent").count(), { timeout: 10_000 }).toBe(0);
    expect(await admin.getByTestId("stage-row").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-stage")))).toEqual(["lead", "qualified", "negotiation", "proposal", "won", "lost"]);
  });

  it("shows the stages page's error state with Retry when the list cannot be loaded", async () => {
    await admin.route("**/api/v1/deals/stages", (route) => route.fulfill({ status: 500, contentType: "application/json", body: JSON.stringify({ error: { code: "INTERNAL", message: "The server had a problem." } }) }));
    await admin.goto(`${app.url}/console/sales/stages`);
    await admin.getByTestId("stages-error").waitFor({ timeout: 20_000 });
    await shot(admin, "stages-error");
    await admin.unroute("**/api/v1/deals/stages");
    await admin.getByTestId("stages-error-retry").click();
    await admin.locator("[data-testid=stages-view][data-state=loaded]").waitFor({ timeout: 20_000 });
  });
});
