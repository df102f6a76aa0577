import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConversationDTO, Page as ListPage, TicketDTO } from "../../src/contracts/api.ts";
import type { CustomerProfileDTO, CustomerSummaryDTO } from "../../src/contracts/crm.ts";
import { demoAgents } from "../../src/db/seed/demo-data.ts";
import { api } from "../support/api-client.ts";
import { ADMIN, createTestApp, type TestApp } from "../support/create-test-app.ts";
import { connectCustomer, type WidgetCustomer } from "../support/widget-client.ts";
import { browserForFile, signIn } from "./browser.ts";

const artifacts = fileURLToPath(new URL("../artifacts", import.meta.url));
const agentUser = demoAgents[0];
const CUSTOMER_NAME = "Grace Hopper";
const TYPO = "Grase Hoper";
const WRITTEN_EMAIL = "grace.hopper@navy-example.com";
const FIRST_TEXT = `Hello, the invoice for my last order is wrong. My email is ${WRITTEN_EMAIL} if you need it.`;
const NOTE = "Called her back: the invoice is fixed, a credit note follows by email.";

const chrome = browserForFile(artifacts);

/** Calls the API from inside a signed-in page, with its session cookie. */
async function apiFromPage<T>(page: Page, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const res = await fetch(path, { method, credentials: "same-origin", headers: body === undefined ? {} : { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
    },
    { method, path, body },
  );
}

describe("the CRM pages: an agent finds a customer with a typo, accepts what the customer wrote, and notes it", () => {
  let app: TestApp;
  let adminCookie: string;
  let agent: Page;
  let widgetCustomer: WidgetCustomer;
  let customerId = "";
  let conversationId = "";
  const cspViolations: string[] = [];

  beforeAll(async () => {
    app = await createTestApp();
    adminCookie = await app.login();
    // Some other customers, so the list looks like a CRM and the search has something to rule out.
    const company = await api<{ data: { id: string } }>(app.url, "POST", "/api/v1/companies", { cookie: adminCookie, body: { name: "Harvard Computation Lab", domain: "harvard-lab.example" } });
    expect(company.status).toBe(201);
    for (const [name, email, tags] of [
      ["Ada Lovelace", "ada@analytical.example", ["vip", "newsletter"]],
      ["Alan Turing", "alan@bletchley.example", ["newsletter"]],
      ["Howard Aiken", "howard@harvard-lab.example", ["b2b"]],
    ] as const) {
      const created = await api(app.url, "POST", "/api/v1/customers", { cookie: adminCookie, body: { name, email, tags } });
      expect(created.status).toBe(201);
    }

    // The customer writes in the widget: their email is in their words, not on their (anonymous) record.
    widgetCustomer = await connectCustomer(app.url, app.inboxId);
    await widgetCustomer.send(FIRST_TEXT);
    await widgetCustomer.waitFor((m) => m.sender.type !== "customer", 15_000);
    await widgetCustomer.send("I want to talk to a human");
    await widgetCustomer.waitFor((m) => m.sender.type === "system" || /human|agent|colleague/i.test(m.text), 15_000).catch(() => undefined);
    const conversations = await api<ListPage<ConversationDTO>>(app.url, "GET", "/api/v1/conversations?status=all&limit=50", { cookie: adminCookie });
    // The newest conversation of a customer without an email is this one (the demo's customers all have one).
    const conversation = [...conversations.body.data].sort((a, b) => b.createdAt.localeCompare(a.createdAt)).find((c) => c.customer.email === null);
    expect(conversation).toBeDefined();
    conversationId = conversation?.id ?? "";
    customerId = conversation?.customer.id ?? "";
    // Someone on the team already knows who this is (the name), so the agent can search for it.
    expect((await api(app.url, "PATCH", `/api/v1/customers/${customerId}`, { cookie: adminCookie, body: { name: CUSTOMER_NAME, tags: ["billing", "enterprise"] } })).status).toBe(200);

    agent = await chrome.newPage();
    agent.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
  }, 180_000);

  afterAll(async () => {
    widgetCustomer?.close();
    await agent?.context().close();
    await app?.close();
  });

  it("opens the Customers page from the top bar, which shows an agent Customers and Companies but not API keys", async () => {
    await agent.goto(`${app.url}/console`);
    await signIn(agent, agentUser.email);
    expect(await agent.getByTestId("nav-customers").isVisible()).toBe(true);
    expect(await agent.getByTestId("nav-companies").isVisible()).toBe(true);
    expect(await agent.getByTestId("nav-apikeys").count()).toBe(0);
    await agent.getByTestId("nav-customers").click();
    await agent.getByTestId("customers-table").waitFor();
    await expect.poll(() => new URL(agent.url()).pathname).toBe("/console/customers");
    expect(await agent.getByTestId("customer-row").count()).toBeGreaterThanOrEqual(4);
    // Agents may not import or export.
    expect(await agent.getByTestId("import-csv").count()).toBe(0);
    expect(await agent.getByTestId("export-csv").count()).toBe(0);
    await agent.screenshot({ path: `${artifacts}/customers-list.png` });
  });

  it("finds the customer by a misspelt name, by keyboard alone, and opens the profile with Enter", async () => {
    await agent.getByTestId("customer-search").focus();
    await agent.keyboard.type(TYPO, { delay: 30 });
    const row = agent.locator(`[data-testid=customer-row][data-customer-id="${customerId}"]`);
    await row.waitFor({ timeout: 10_000 });
    expect(await agent.getByTestId("customer-row").first().getAttribute("data-customer-id")).toBe(customerId);
    await expect.poll(() => new URL(agent.url()).search).toContain("q=Grase");
    // Tab onwards until the customer's name link has the focus, then Enter opens it.
    for (let i = 0; i < 25; i += 1) {
      const focused = await agent.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid ?? "");
      if (focused === "customer-link") break;
      await agent.keyboard.press("Tab");
    }
    expect(await agent.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid)).toBe("customer-link");
    await agent.keyboard.press("Enter");
    await agent.locator("[data-testid=customer-view][data-state=loaded]").waitFor();
    await expect.poll(() => new URL(agent.url()).pathname).toBe(`/console/customers/${customerId}`);
    expect(await agent.getByTestId("profile-name").textContent()).toBe(CUSTOMER_NAME);
  });

  it("shows the email the customer wrote with their words, and accepting it puts it on the profile", async () => {
    const suggestion = agent.locator(`[data-testid=suggestion][data-field=email]`);
    await suggestion.waitFor({ timeout: 10_000 });
    expect(await suggestion.getAttribute("data-value")).toBe(WRITTEN_EMAIL);
    expect(await suggestion.getByTestId("suggestion-excerpt").textContent()).toContain(WRITTEN_EMAIL);
    expect(await agent.getByTestId("field-email-value").textContent()).toBe("Not set");
    await agent.screenshot({ path: `${artifacts}/customer-profile-suggestion.png` });
    // customer.edit for an agent covers customers whose open ticket is theirs: the agent takes the ticket first.
    const me = await apiFromPage<{ data: { id: string } }>(agent, "GET", "/api/v1/auth/me");
    const conversation = await apiFromPage<{ data: ConversationDTO }>(agent, "GET", `/api/v1/conversations/${conversationId}`);
    const ticketId = conversation.body.data.ticketId;
    expect(ticketId).toBeTruthy();
    const taken = await apiFromPage<{ data: TicketDTO }>(agent, "PATCH", `/api/v1/tickets/${ticketId}`, { assigneeId: me.body.data.id });
    expect(taken.status).toBe(200);

    await suggestion.getByTestId("suggestion-accept").click();
    await expect.poll(() => agent.getByTestId("field-email-value").textContent(), { timeout: 10_000 }).toBe(WRITTEN_EMAIL);
    await expect.poll(() => agent.locator("[data-testid=suggestion][data-field=email]").count()).toBe(0);
    const stored = await apiFromPage<{ data: CustomerProfileDTO }>(agent, "GET", `/api/v1/customers/${customerId}`);
    expect(stored.body.data.email).toBe(WRITTEN_EMAIL);
  });

  it("adds a note with Ctrl+Enter and sees it on the timeline, then edits it", async () => {
    await agent.getByTestId("note-composer-input").fill(NOTE);
    await agent.getByTestId("note-composer-input").press("Control+Enter");
    const note = agent.locator("[data-testid=timeline-item][data-kind=note]").first();
    await expect.poll(() => note.getByTestId("timeline-text").textContent(), { timeout: 10_000 }).toBe(NOTE);
    expect(await agent.getByTestId("note-composer-input").inputValue()).toBe("");
    expect(await note.textContent()).toContain(agentUser.name);
    // The conversation the customer started is on the same timeline, with a link to it.
    expect(await agent.locator("[data-testid=timeline-item][data-kind=conversation]").count()).toBeGreaterThanOrEqual(1);
    await note.getByTestId("note-edit-button").click();
    await agent.getByTestId("note-edit-input").fill(`${NOTE} (sent)`);
    await agent.getByTestId("note-edit-input").press("Control+Enter");
    await expect.poll(() => agent.locator("[data-testid=timeline-item][data-kind=note]").first().getByTestId("timeline-text").textContent()).toBe(`${NOTE} (sent)`);
    // The sentiment chart (uPlot, loaded on demand) draws under the console's CSP: no inline style or script.
    await agent.locator("[data-testid=sentiment-chart][data-ready=true]").waitFor();
    expect(cspViolations).toEqual([]);
    await agent.screenshot({ path: `${artifacts}/customer-profile.png` });
  });

  it("shows the customer's record beside their conversation, with a link back to the full profile", async () => {
    await agent.goto(`${app.url}/console/conversations/${conversationId}`);
    const sidebar = agent.locator("[data-testid=sidebar-profile][data-state=loaded]");
    await sidebar.waitFor({ timeout: 15_000 });
    expect(await agent.getByTestId("customer-email").textContent()).toBe(WRITTEN_EMAIL);
    expect(await agent.getByTestId("sidebar-tags").textContent()).toContain("billing");
    await agent.screenshot({ path: `${artifacts}/conversation-sidebar.png` });
    await agent.getByTestId("open-profile").click();
    await agent.locator("[data-testid=customer-view][data-state=loaded]").waitFor();
    expect(new URL(agent.url()).pathname).toBe(`/console/customers/${customerId}`);
    await agent.getByTestId("profile-back").click();
    await agent.getByTestId("customers-view").waitFor();
  });

  it("says so when no customer matches, and clearing the search brings them back", async () => {
    await agent.goto(`${app.url}/console/customers`);
    await agent.getByTestId("customer-search").fill("zzqx nobody by this name");
    await agent.getByTestId("customers-empty").waitFor({ timeout: 10_000 });
    expect(await agent.getByTestId("customers-empty").textContent()).toContain("No customers match");
    await agent.screenshot({ path: `${artifacts}/customers-empty.png` });
    await agent.getByTestId("clear-filters").click();
    await agent.getByTestId("customers-table").waitFor();
    expect(await agent.getByTestId("customer-search").inputValue()).toBe("");
  });

  it("shows the server's message when the search fails, and Retry recovers", async () => {
    const customersList = (url: URL): boolean => url.pathname === "/api/v1/customers";
    await agent.route(customersList, (route) =>
      route.fulfill({ status: 500, contentType: "application/json", body: JSON.stringify({ error: { code: "INTERNAL", message: "The server had a problem. Try again." } }) }),
    );
    await agent.getByTestId("customer-search").fill("ada");
    await agent.getByTestId("customers-error").waitFor({ timeout: 10_000 });
    expect(await agent.getByTestId("customers-error-message").textContent()).toBe("The server had a problem. Try again.");
    await agent.unroute(customersList);
    await agent.getByTestId("customers-error-retry").click();
    await agent.getByTestId("customers-table").waitFor();
    expect(await agent.getByTestId("customer-row").count()).toBeGreaterThanOrEqual(1);
  });

  it("answers an unknown customer's address with a not-found page, not a blank one", async () => {
    await agent.goto(`${app.url}/console/customers/${randomUUID()}`);
    await agent.getByTestId("profile-not-found").waitFor({ timeout: 10_000 });
    expect(await agent.getByTestId("profile-not-found").textContent()).toContain("This customer does not exist");
  });
});

describe("the CRM pages for an admin: companies, bulk tags, API keys, erase, import", () => {
  let app: TestApp;
  let admin: Page;

  beforeAll(async () => {
    app = await createTestApp();
    const cookie = await app.login();
    for (const [name, email] of [
      ["Katherine Johnson", "katherine@nasa.example"],
      ["Dorothy Vaughan", "dorothy@nasa.example"],
      ["Mary Jackson", "mary@nasa.example"],
    ]) {
      expect((await api(app.url, "POST", "/api/v1/customers", { cookie, body: { name, email } })).status).toBe(201);
    }
    admin = await chrome.newPage();
    await admin.goto(`${app.url}/console/companies`);
    await signIn(admin, ADMIN.email, ADMIN.password);
  }, 180_000);

  afterAll(async () => {
    await admin?.context().close();
    await app?.close();
  });

  it("opens Companies from its deep link, creates one, and lists its customers through the count", async () => {
    await admin.getByTestId("companies-view").waitFor();
    await admin.getByTestId("new-company").click();
    await admin.getByTestId("company-name").fill("NASA Langley");
    await admin.getByTestId("company-domain").fill("nasa.example");
    await admin.getByTestId("company-submit").click();
    const row = admin.locator("[data-testid=company-row]", { hasText: "NASA Langley" });
    await row.waitFor({ timeout: 10_000 });
    await admin.screenshot({ path: `${artifacts}/companies.png` });
    await row.getByTestId("company-customers").click();
    await admin.getByTestId("customers-view").waitFor();
    await expect.poll(() => new URL(admin.url()).search).toContain("companyId=");
  });

  it("tags several customers at once from their checkboxes", async () => {
    await admin.goto(`${app.url}/console/customers`);
    await admin.getByTestId("customers-table").waitFor();
    const rows = admin.getByTestId("customer-row");
    await rows.nth(0).getByTestId("customer-select").check();
    await rows.nth(1).getByTestId("customer-select").check();
    expect(await admin.getByTestId("bulk-count").textContent()).toContain("2");
    await admin.getByTestId("bulk-tags").fill("pioneer");
    await admin.getByTestId("bulk-add").click();
    await admin.getByTestId("toast").waitFor();
    const tagged = admin.locator("[data-testid=tag-chip][data-tag=pioneer]");
    await tagged.click();
    await expect.poll(() => admin.getByTestId("customer-row").count(), { timeout: 10_000 }).toBe(2);
  });

  it("creates an API key whose token shows once, then revokes it after a confirm", async () => {
    await admin.getByTestId("nav-apikeys").click();
    await admin.getByTestId("api-keys-view").waitFor();
    await expect.poll(() => new URL(admin.url()).pathname).toBe("/console/settings/api-keys");
    await admin.getByTestId("new-api-key").click();
    await admin.getByTestId("api-key-name").fill("Billing system");
    await admin.getByTestId("api-key-scope-customers:write").check();
    await admin.getByTestId("api-key-submit").click();
    const token = await admin.getByTestId("api-key-token-value").inputValue();
    expect(token.length).toBeGreaterThan(20);
    const withKey = await fetch(`${app.url}/api/v1/customers?limit=1`, { headers: { authorization: `Bearer ${token}` } });
    expect(withKey.status).toBe(200);
    await admin.screenshot({ path: `${artifacts}/api-keys-token.png` });
    await admin.getByTestId("api-key-done").click();
    const row = admin.locator("[data-testid=api-key-row]", { hasText: "Billing system" });
    await row.waitFor();
    expect(await admin.getByTestId("api-key-token-value").count()).toBe(0);
    await row.getByTestId("api-key-revoke").click();
    await admin.getByTestId("confirm-submit").click();
    await expect.poll(() => row.getAttribute("data-revoked")).toBe("true");
    await admin.screenshot({ path: `${artifacts}/api-keys.png` });
    const revoked = await fetch(`${app.url}/api/v1/customers?limit=1`, { headers: { authorization: `Bearer ${token}` } });
    expect(revoked.status).toBe(401);
  });

  it("erases a customer only once their name is typed, then returns to the list with a toast", async () => {
    const list = await apiFromPage<{ data: CustomerSummaryDTO[] }>(admin, "GET", "/api/v1/customers?q=Mary%20Jackson");
    const mary = list.body.data.find((c) => c.name === "Mary Jackson");
    expect(mary).toBeDefined();
    await admin.goto(`${app.url}/console/customers/${mary?.id}`);
    await admin.locator("[data-testid=customer-view][data-state=loaded]").waitFor();
    await admin.getByTestId("erase-customer").click();
    expect(await admin.getByTestId("confirm-submit").isDisabled()).toBe(true);
    await admin.getByTestId("confirm-input").fill("Mary Jackson");
    await admin.getByTestId("confirm-submit").click();
    await admin.getByTestId("customers-view").waitFor();
    expect(await admin.getByTestId("toast").textContent()).toContain("Customer erased");
    const gone = await apiFromPage(admin, "GET", `/api/v1/customers/${mary?.id}`);
    expect(gone.status).toBe(404);
  });

  it("imports a CSV with a bad row: progress, counts, and the row's error", async () => {
    await admin.goto(`${app.url}/console/customers`);
    await admin.getByTestId("import-csv").click();
    await admin.getByTestId("import-file").setInputFiles({
      name: "customers.csv",
      mimeType: "text/csv",
      buffer: Buffer.from("name,email,tags\nMargaret Hamilton,margaret@apollo.example,apollo\nBad Row,not-an-email,\n"),
    });
    await admin.getByTestId("import-submit").click();
    const progress = admin.getByTestId("import-progress");
    await expect.poll(() => progress.getAttribute("data-status"), { timeout: 30_000 }).toBe("completed");
    expect(await progress.getByRole("progressbar").getAttribute("aria-valuenow")).toBe("100");
    expect(await admin.getByTestId("import-created").textContent()).toBe("1");
    expect(await admin.getByTestId("import-failed").textContent()).toBe("1");
    expect(await admin.getByTestId("import-error-row").first().textContent()).toContain("email");
    await admin.screenshot({ path: `${artifacts}/customers-import.png` });
    await admin.keyboard.press("Escape");
    await expect.poll(() => admin.getByTestId("import-dialog").count()).toBe(0);
  });
});
