import { mkdirSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AGENT_PASSWORD, createTestApp, type TestApp } from "../support/create-test-app.ts";
import { launchChromium } from "./browser.ts";

const artifacts = fileURLToPath(new URL("../artifacts", import.meta.url));

/** Records every CSP violation the page reports (the securitypolicyviolation event and Chromium's console errors). */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  const logged: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) logged.push(message.text());
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener("securitypolicyviolation", (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  return async () => [...logged, ...(await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []))];
}

describe("browser security in Chromium", () => {
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

  it("the demo page and its widget, and the signed-in console showing that conversation, run under their CSP without a violation", async () => {
    const customer = await (await browser.newContext()).newPage();
    const customerCsp = await watchCsp(customer);
    await customer.goto(`${app.url}/`);
    await customer.locator("switchboard-widget >> button.launcher").click();
    await customer.locator("switchboard-widget >> textarea").fill("where is my order ORD-10001?");
    await customer.locator("switchboard-widget >> textarea").press("Enter");
    await expect.poll(() => customer.locator("switchboard-widget >> .bubble").count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(2);

    const agent = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    const agentCsp = await watchCsp(agent);
    await agent.goto(`${app.url}/console`);
    await agent.getByTestId("login-email").fill("alex@switchboard.local");
    await agent.getByTestId("login-password").fill(AGENT_PASSWORD);
    await agent.getByTestId("login-submit").click();
    await agent.getByTestId("console").waitFor();
    await expect.poll(() => agent.getByTestId("connection-state").getAttribute("class"), { timeout: 15_000 }).toContain("conn--connected");
    await agent.getByTestId("conversation-item").first().click();
    await agent.locator("[data-testid=message]").first().waitFor({ timeout: 15_000 });
    await agent.screenshot({ path: `${artifacts}/console-under-csp.png` });

    expect(await customerCsp()).toEqual([]);
    expect(await agentCsp()).toEqual([]);
    await Promise.all([customer.context().close(), agent.context().close()]);
  }, 90_000);

  it("another site can frame the demo page but not the console", async () => {
    const html = `<!doctype html><iframe id="demo" src="${app.url}/"></iframe><iframe id="console" src="${app.url}/console"></iframe>`;
    const site = createServer((_req, res) => res.writeHead(200, { "content-type": "text/html" }).end(html));
    await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
    const page = await (await browser.newContext()).newPage();
    try {
      await page.goto(`http://localhost:${(site.address() as AddressInfo).port}/`);
      await expect.poll(() => page.frameLocator("#demo").locator("h1").textContent(), { timeout: 15_000 }).toContain("Need help");
      // Chromium replaces a frame its ancestors may not hold with its error page instead of the console.
      const consoleFrame = await (await page.$("#console"))?.contentFrame();
      await expect.poll(() => consoleFrame?.url(), { timeout: 15_000 }).toMatch(/^chrome-error:/);
      expect(await page.frameLocator("#console").getByTestId("login-email").count()).toBe(0);
    } finally {
      await page.context().close();
      await new Promise((resolve) => site.close(resolve));
    }
  }, 60_000);
});
