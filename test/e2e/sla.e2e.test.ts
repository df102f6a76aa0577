import { fileURLToPath } from "node:url";
import { and, eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TicketDTO } from "../../src/contracts/api.ts";
import { tables } from "../../src/db/index.ts";
import { runSlaScan } from "../../src/modules/tickets/index.ts";
import { api } from "../support/api-client.ts";
import { ADMIN, createTestApp, type TestApp } from "../support/create-test-app.ts";
import { handedOffTicket } from "../support/handoff.ts";
import { browserForFile, signIn } from "./browser.ts";

const artifacts = fileURLToPath(new URL("../artifacts/sla", import.meta.url));
const browser = browserForFile(artifacts);
let app: TestApp;
let admin: string;

beforeAll(async () => {
  app = await createTestApp({ env: { SLA_SCAN_SECONDS: "0" } });
  admin = await app.login();
}, 120_000);
afterAll(async () => {
  await app?.close();
});

async function adminPage(path: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${app.url}${path}`);
  await signIn(page, ADMIN.email, ADMIN.password);
  return page;
}

async function ticketWithSla(ticketId: string): Promise<TicketDTO> {
  for (let i = 0; i < 100; i++) {
    const res = await api<{ data: TicketDTO }>(app.url, "GET", `/api/v1/tickets/${ticketId}`, { cookie: admin });
    if (res.body.data.sla) return res.body.data;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("the ticket was never timed");
}

describe("SLA in the console (Chromium)", () => {
  it("an admin replaces the low-priority SLA policy in Settings → SLA policies and edits it in place", async () => {
    const page = await adminPage("/console/settings");
    await page.getByTestId("settings-tab-sla").click();
    await expect.poll(() => page.getByTestId("sla-policy-row").count()).toBe(4);
    await page.locator("[data-testid=sla-policy-row][data-priority=low] [data-testid=sla-delete]").click();
    await expect.poll(() => page.getByTestId("sla-policy-row").count()).toBe(3);
    // The add form offers the one priority without a policy.
    expect(await page.getByTestId("new-sla-priority").inputValue()).toBe("low");
    await page.getByTestId("new-sla-first").fill("45");
    await page.getByTestId("new-sla-next").fill("90");
    await page.getByTestId("new-sla-resolution").fill("600");
    await page.getByTestId("new-sla-submit").click();
    const low = page.locator("[data-testid=sla-policy-row][data-priority=low]");
    await low.waitFor();
    expect(await low.locator("td").first().textContent()).toBe("45");
    await low.getByTestId("sla-edit").click();
    await page.getByTestId("sla-edit-first").fill("50");
    await page.getByTestId("sla-edit-first").press("Enter");
    await expect.poll(() => low.locator("td").first().textContent()).toBe("50");
    await page.screenshot({ path: `${artifacts}/settings-sla-policies.png` });
    const stored = await api<{ data: { priority: string; firstResponseMinutes: number; resolutionMinutes: number }[] }>(app.url, "GET", "/api/v1/sla-policies", { cookie: admin });
    expect(stored.body.data.find((p) => p.priority === "low")).toMatchObject({ firstResponseMinutes: 50, resolutionMinutes: 600 });
    await page.context().close();
  });

  it("a ticket shows its due time in the list and on its card, and turns red once breached", async () => {
    const { ticketId, conversationId } = await handedOffTicket(app, null, "I need a human about my refund");
    const ticket = await ticketWithSla(ticketId);
    expect(ticket.sla?.metric).toBe("first_response");
    const page = await adminPage("/console");
    await page.getByTestId("tab-tickets").click();
    const item = page.locator(`[data-testid=ticket-item][data-ticket-id="${ticketId}"]`);
    await expect.poll(() => item.getByTestId("sla-due").textContent()).toMatch(/^First response due in \d/);
    expect(await item.getByTestId("sla-due").getAttribute("data-state")).toBe("running");
    // The first response comes due: the scan records the breach and the console updates live.
    const past = new Date(Date.now() - 5 * 60_000);
    await app.container.database.db.update(tables.ticketSlaTargets).set({ warnAt: past, dueAt: past }).where(and(eq(tables.ticketSlaTargets.ticketId, ticketId), eq(tables.ticketSlaTargets.metric, "first_response")));
    expect((await runSlaScan(app.container.deps)).breaches).toBe(1);
    await expect.poll(() => item.getByTestId("sla-due").getAttribute("data-state")).toBe("breached");
    expect(await item.getByTestId("sla-due").textContent()).toMatch(/^First response overdue by \d+ min/);
    const color = await item.getByTestId("sla-due").evaluate((el) => getComputedStyle(el).color);
    expect(color).toBe("rgb(185, 28, 28)");
    await item.click();
    const card = page.getByTestId("ticket-details");
    await card.waitFor();
    expect(await card.getByTestId("sla-due").textContent()).toMatch(/^First response overdue by/);
    await expect.poll(() => card.getByTestId("ticket-history").textContent()).toContain("First response SLA breached");
    await page.screenshot({ path: `${artifacts}/ticket-due-time.png` });
    expect(conversationId).toBeTruthy();
    await page.context().close();
  });

  it("an admin edits an inbox's business hours: a bad time zone and overlapping ranges are shown beside their fields, a good change is saved", async () => {
    const page = await adminPage("/console/settings/inboxes");
    await page.locator(`[data-testid=inbox-row][data-inbox-id="${app.inboxId}"] [data-testid=inbox-hours]`).click();
    const dialog = page.getByTestId("business-hours-dialog");
    await dialog.getByTestId("business-hours-zone").waitFor();
    expect(await dialog.getByTestId("business-hours-zone").inputValue()).toBe("Europe/Paris");
    await dialog.getByTestId("business-hours-zone").fill("Mars/Olympus");
    await dialog.getByTestId("business-hours-mon").fill("09:00-13:00, 12:00-17:00");
    await dialog.getByTestId("business-hours-save").click();
    await dialog.getByTestId("business-hours-failure").waitFor();
    expect(await dialog.textContent()).toContain("timeZone must be an IANA time zone");
    await dialog.getByTestId("business-hours-zone").fill("America/New_York");
    await dialog.getByTestId("business-hours-save").click();
    await dialog.getByTestId("business-hours-mon-error").waitFor();
    expect(await dialog.getByTestId("business-hours-mon-error").textContent()).toMatch(/overlap/);
    await page.screenshot({ path: `${artifacts}/business-hours-errors.png` });
    await dialog.getByTestId("business-hours-mon").fill("09:00-12:00, 13:00-17:00");
    await dialog.getByTestId("business-hours-save").click();
    await dialog.waitFor({ state: "detached" });
    const stored = await api<{ data: { businessHours: { timeZone: string; weekly: { mon: unknown[] } } } }>(app.url, "GET", `/api/v1/inboxes/${app.inboxId}/business-hours`, { cookie: admin });
    expect(stored.body.data.businessHours.timeZone).toBe("America/New_York");
    expect(stored.body.data.businessHours.weekly.mon).toEqual([{ start: "09:00", end: "12:00" }, { start: "13:00", end: "17:00" }]);
    await page.context().close();
  });
});
