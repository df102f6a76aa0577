import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../support/create-test-app.ts";
import { launchChromium } from "./browser.ts";

const artifacts = fileURLToPath(new URL("../artifacts", import.meta.url));

// Redoc's sidebar links to Redocly with a logo from their CDN; the page's CSP blocks it, so nothing is fetched from there.
const REDOCLY_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg";

/** Records the CSP violations the page reports, and every answer that came from anywhere but the server itself. */
async function watch(page: Page, origin: string): Promise<{ csp: () => Promise<string[]>; foreign: string[] }> {
  const logged: string[] = [];
  const foreign: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) logged.push(message.text());
  });
  page.on("response", (response) => {
    const url = response.url();
    if (!url.startsWith(origin) && !url.startsWith("data:") && !url.startsWith("blob:")) foreign.push(url);
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener("securitypolicyviolation", (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  return { csp: async () => [...logged, ...(await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []))], foreign };
}

describe("the API reference page in Chromium", () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    app = await createTestApp();
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it("/api/docs renders the document's title and its operations from this server alone, under a CSP without inline scripts", async () => {
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    const seen = await watch(page, app.url);
    const response = await page.goto(`${app.url}/api/docs`);
    await page.getByRole("heading", { name: "Switchboard REST API" }).first().waitFor({ timeout: 30_000 });
    await page.getByRole("heading", { name: "Change a ticket's status, priority, assignee, team or snooze" }).first().waitFor({ timeout: 30_000 });
    const createKey = page.getByRole("heading", { name: "Create an API key" }).first();
    await createKey.scrollIntoViewIfNeeded();
    await page.getByText("Answers the token once").first().waitFor({ timeout: 10_000 });
    await page.screenshot({ path: `${artifacts}/api-docs.png` });
    const csp = response?.headers()["content-security-policy"] ?? "";
    expect(csp).toMatch(/script-src 'self';/);
    expect(csp).not.toContain("unsafe-inline");
    expect((await seen.csp()).filter((violation) => !violation.includes(REDOCLY_LOGO))).toEqual([]);
    expect(seen.foreign).toEqual([]);
    await page.context().close();
  }, 90_000);
});
