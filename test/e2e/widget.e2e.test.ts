import { mkdirSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inboxSecret } from "../../src/modules/inboxes/index.ts";
import { identifierHashOf } from "../../src/modules/visitors/index.ts";
import { createTestApp } from "../support/create-test-app.ts";
import { en } from "../../widget/src/strings.ts";
import { launchChromium } from "./browser.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const artifacts = `${root}test/artifacts`;
const XSS_TEXT = `<b>html</b> <img src=x onerror="window.__xss = 1">`;

type App = Awaited<ReturnType<typeof createTestApp>>;

/** The widget lives in an open shadow root; Playwright's CSS engine pierces it. */
const widget = (page: Page, selector: string): Locator => page.locator(`switchboard-widget >> ${selector}`);

/** A third-party shop page on another origin, with hostile global CSS, embedding the widget from the server. */
function shopPage(serverUrl: string, inbox: string, attributes = ""): string {
  return `<!doctype html><html><head><meta charset="utf-8"><style>
    * { color: rgb(255, 0, 0) !important; font-size: 40px !important; }
    div, button { background: rgb(0, 255, 0) !important; border: 9px solid blue !important; }
  </style></head><body><h1>Other shop</h1><button id="own">Their button</button>
  <script src="${serverUrl}/widget.js" data-inbox="${inbox}" data-title="Shop help" ${attributes} async></script></body></html>`;
}

/** Serves a shop page from its own loopback server (another origin, as on a customer's real site). */
async function hostShop(body: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((_req, res) => res.writeHead(200, { "content-type": "text/html" }).end(body));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://localhost:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function openWidget(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await widget(page, "button.launcher").click();
  await widget(page, "[role=dialog]").waitFor({ state: "visible" });
}

async function say(page: Page, text: string): Promise<void> {
  await widget(page, "textarea").fill(text);
  await widget(page, "textarea").press("Enter");
}

const bubbles = (page: Page): Promise<string[]> => widget(page, ".bubble").allTextContents();

const countOf = async (page: Page, text: string): Promise<number> => (await bubbles(page)).filter((t) => t === text).length;

describe("customer web widget in Chromium", () => {
  let app: App;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    await build({ configFile: `${root}widget/vite.config.ts`, logLevel: "silent" });
    app = await createTestApp();
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1100, height: 760 } });
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it("opens from the launcher, sends hello and shows the bot's answer", async () => {
    await openWidget(page, `${app.url}/`);
    await say(page, "hello");
    await expect.poll(() => countOf(page, "hello"), { timeout: 10_000 }).toBe(1);
    await widget(page, ".row.bot .bubble").first().waitFor({ timeout: 15_000 });
    expect((await widget(page, ".row.bot .bubble").first().textContent())?.length).toBeGreaterThan(0);
    await expect.poll(() => widget(page, ".row.pending").count()).toBe(0);
    await page.screenshot({ path: `${artifacts}/widget-conversation.png` });
  });

  it("shows the conversation again after a reload", async () => {
    const before = await bubbles(page);
    await page.reload();
    await widget(page, "button.launcher").click();
    await expect.poll(() => bubbles(page), { timeout: 10_000 }).toEqual(before);
  });

  it("renders markup in a message as literal text, never as HTML", async () => {
    await say(page, XSS_TEXT);
    await expect.poll(() => countOf(page, XSS_TEXT), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => widget(page, ".row.pending").count(), { timeout: 10_000 }).toBe(0);
    const injected = await page.evaluate(() => document.querySelector("switchboard-widget")?.shadowRoot?.querySelectorAll(".log b, .log img").length);
    expect(injected).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await page.screenshot({ path: `${artifacts}/widget-literal-markup.png` });
  });

  it("delivers a message exactly once when the connection drops right after sending it", async () => {
    const text = `sent as the link dropped ${Date.now()}`;
    await widget(page, "textarea").fill(text);
    // Send and cut the transport in the same task, so the acknowledgement cannot arrive on the old link.
    await widget(page, "textarea").evaluate((ta) => {
      ta.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true, cancelable: true }));
      (window as unknown as { SwitchboardWidget: { dropConnection(): void } }).SwitchboardWidget.dropConnection();
    });
    await expect.poll(() => widget(page, ".row.pending").count(), { timeout: 15_000 }).toBe(0);
    expect(await countOf(page, text)).toBe(1);
    await page.reload();
    await widget(page, "button.launcher").click();
    await expect.poll(() => countOf(page, text), { timeout: 10_000 }).toBe(1);
  });

  it("keeps a message written while offline pending and delivers it exactly once after reconnecting", async () => {
    const text = `written offline ${Date.now()}`;
    await context.setOffline(true);
    await page.evaluate(() => (window as unknown as { SwitchboardWidget: { dropConnection(): void } }).SwitchboardWidget.dropConnection());
    await expect.poll(() => widget(page, ".banner").textContent()).toContain("Reconnecting");
    await say(page, text);
    await expect.poll(() => widget(page, ".row.pending .meta").allTextContents()).toEqual(["sending…"]);
    await page.screenshot({ path: `${artifacts}/widget-reconnecting.png` });
    await context.setOffline(false);
    await expect.poll(() => widget(page, ".row.pending").count(), { timeout: 20_000 }).toBe(0);
    await expect.poll(() => widget(page, ".banner").isHidden()).toBe(true);
    expect(await countOf(page, text)).toBe(1);
    await page.reload();
    await widget(page, "button.launcher").click();
    await expect.poll(() => countOf(page, text), { timeout: 10_000 }).toBe(1);
  });

  it("resends a message still unacknowledged when the page was reloaded", async () => {
    const text = `survives a reload ${Date.now()}`;
    // Blocking the socket.io handshake (polling comes first) keeps the widget offline across the reload.
    await page.route("**/socket.io/**", (route) => route.abort());
    await page.evaluate(() => (window as unknown as { SwitchboardWidget: { dropConnection(): void } }).SwitchboardWidget.dropConnection());
    await say(page, text);
    await expect.poll(() => widget(page, ".row.pending").count()).toBe(1);
    await page.reload();
    await widget(page, "button.launcher").click();
    await expect.poll(() => widget(page, ".row.pending .bubble").allTextContents()).toEqual([text]);
    await page.unroute("**/socket.io/**");
    await expect.poll(() => widget(page, ".row.pending").count(), { timeout: 20_000 }).toBe(0);
    expect(await countOf(page, text)).toBe(1);
  });

  it("refuses empty and over-long text and closes with Escape", async () => {
    await widget(page, "textarea").fill("   ");
    expect(await widget(page, "button.send").isDisabled()).toBe(true);
    await widget(page, "textarea").fill("x".repeat(4001));
    expect(await widget(page, "button.send").isDisabled()).toBe(true);
    expect(await widget(page, ".counter").textContent()).toBe("4001 / 4000");
    await widget(page, "textarea").fill("");
    await widget(page, "textarea").press("Escape");
    expect(await widget(page, "[role=dialog]").isHidden()).toBe(true);
  });

  it("works when embedded on another website, untouched by the site's CSS", async () => {
    const site = await hostShop(shopPage(app.url, app.inboxId));
    const shop = await browser.newContext();
    try {
      const p = await shop.newPage();
      await openWidget(p, site.url);
      expect(await widget(p, ".title").textContent()).toBe("Shop help");
      await say(p, "where is my order ORD-10001?");
      await widget(p, ".row.bot .bubble").first().waitFor({ timeout: 15_000 });
      const style = await widget(p, ".row.mine .bubble").first().evaluate((b) => {
        const css = getComputedStyle(b);
        return { color: css.color, fontSize: css.fontSize };
      });
      expect(style).toEqual({ color: "rgb(255, 255, 255)", fontSize: "14px" });
      expect(await p.locator("#own").evaluate((b) => getComputedStyle(b).backgroundColor)).toBe("rgb(0, 255, 0)");
      await p.screenshot({ path: `${artifacts}/widget-third-party-site.png` });
    } finally {
      await shop.close();
      await site.close();
    }
  });

  it("keeps the id the server issued, and a signed-in customer of the site sees their conversation on a second device", async () => {
    const identifier = `shop-user-${Date.now()}`;
    const hash = identifierHashOf(identifier, await inboxSecret(app.container.deps, app.inboxId));
    const site = await hostShop(shopPage(app.url, app.inboxId, `data-identifier="${identifier}" data-identifier-hash="${hash}"`));
    const laptop = await browser.newContext();
    const phone = await browser.newContext();
    try {
      const first = await laptop.newPage();
      await openWidget(first, site.url);
      await say(first, "hello from my laptop");
      await widget(first, ".row.bot .bubble").first().waitFor({ timeout: 15_000 });
      const stored = await first.evaluate((inbox) => localStorage.getItem(`switchboard:visitor:${inbox}`), app.inboxId);
      expect(stored).toMatch(/^v1\./);
      const second = await phone.newPage();
      await openWidget(second, site.url);
      await expect.poll(() => bubbles(second), { timeout: 10_000 }).toContain("hello from my laptop");
      await second.screenshot({ path: `${artifacts}/widget-second-device.png` });
    } finally {
      await laptop.close();
      await phone.close();
      await site.close();
    }
  });

  it("refuses a tampered identity with a clear message instead of chatting as someone else", async () => {
    const site = await hostShop(shopPage(app.url, app.inboxId, `data-identifier="someone-else" data-identifier-hash="${"0".repeat(64)}"`));
    const shop = await browser.newContext();
    try {
      const p = await shop.newPage();
      await openWidget(p, site.url);
      await expect.poll(() => widget(p, ".banner").textContent()).toBe(en.identityRefused);
      expect(await widget(p, "textarea").isDisabled()).toBe(true);
    } finally {
      await shop.close();
      await site.close();
    }
  });

  it("tells the customer clearly when the inbox does not exist, and stops reconnecting", async () => {
    const site = await hostShop(shopPage(app.url, "no-such-inbox"));
    const shop = await browser.newContext();
    try {
      const p = await shop.newPage();
      let handshakes = 0;
      p.on("request", (r) => void (r.url().includes("/socket.io/") && handshakes++));
      await openWidget(p, site.url);
      await expect.poll(() => widget(p, ".banner").textContent()).toBe(en.inboxNotFound);
      expect(await widget(p, "textarea").isDisabled()).toBe(true);
      const seen = handshakes;
      await p.waitForTimeout(2500);
      expect(handshakes).toBe(seen);
      await p.screenshot({ path: `${artifacts}/widget-unknown-inbox.png` });
    } finally {
      await shop.close();
      await site.close();
    }
  });
});
