import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api } from "../support/api-client.ts";
import { createTestApp, type TestApp } from "../support/create-test-app.ts";
import { customerWrites, type Written } from "../support/customer-records.ts";
import { browserForFile, signIn } from "./browser.ts";

const artifacts = fileURLToPath(new URL("../artifacts/search", import.meta.url));
const chrome = browserForFile(artifacts);

describe("search in the console: an agent searches, sees highlighted results and opens one with the keyboard", () => {
  let app: TestApp;
  let agent: Page;
  let refund: Written;
  let hostile: Written;

  beforeAll(async () => {
    app = await createTestApp();
    const admin = await app.login();
    await api(app.url, "POST", "/api/v1/canned-replies", { cookie: admin, body: { shortcut: "thanks", text: "Thank you, {{customer.name}}!", shared: true } });
    refund = await customerWrites(app, "My order ORD-10001 arrived broken and I would like refunds for both tents", { email: "nora.refund@example.com" });
    hostile = await customerWrites(app, 'Still waiting for my refund <img src=x onerror="document.title=1"> please');
    await customerWrites(app, "Do you ship camping stoves to Norway?");
    agent = await chrome.newPage();
    await agent.goto(`${app.url}/console/`);
    await signIn(agent, "alex@switchboard.local");
  }, 180_000);
  afterAll(async () => {
    await agent?.context().close();
    await app?.close();
  });

  it('Ctrl+K and "/" focus the search box; Enter shows ranked results with the matched words in <mark> and customer text as text', async () => {
    await agent.locator("body").press("/");
    await expect.poll(() => agent.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("search-input");
    await agent.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await agent.keyboard.press("Control+k");
    await expect.poll(() => agent.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("search-input");
    await agent.keyboard.type("refund");
    await agent.keyboard.press("Enter");
    await agent.getByTestId("search-result").first().waitFor();
    const messageIds = await agent.locator("[data-testid=search-result][data-type=message]").evaluateAll((els) => els.map((e) => e.getAttribute("data-id")));
    expect(messageIds.sort()).toEqual([refund.messageId, hostile.messageId].sort());
    // "refunds" matched "refund": the word is marked in the snippet, as a <mark> element.
    const marks = await agent.locator(`[data-id="${refund.messageId}"] mark`).allTextContents();
    expect(marks).toEqual(["refunds"]);
    // The customer's markup is shown as text: no element came of it.
    const snippet = agent.locator(`[data-id="${hostile.messageId}"] [data-testid=search-snippet]`);
    expect(await snippet.textContent()).toContain('<img src=x onerror="document.title=1">');
    expect(await snippet.locator("img").count()).toBe(0);
    await agent.screenshot({ path: `${artifacts}/search-results.png` });
  }, 120_000);

  it("a filter narrows the results, and a search with nothing found says so", async () => {
    // No ticket mentions a refund.
    await agent.getByTestId("search-filter-type").selectOption("ticket");
    await expect.poll(() => agent.locator("[data-testid=search-result]").count()).toBe(0);
    await agent.getByTestId("search-empty").waitFor();
    expect(await agent.getByTestId("search-empty").textContent()).toContain("No results for “refund”");
    await agent.screenshot({ path: `${artifacts}/search-empty.png` });
    await agent.getByTestId("search-filters-clear").click();
    await agent.getByTestId("search-result").first().waitFor();
  }, 120_000);

  it("the order number finds the conversation; ↓ moves into the results, ↑ back to the box, Enter opens the conversation", async () => {
    const input = agent.getByTestId("search-input");
    await input.fill("ORD-10001");
    await input.press("Enter");
    await agent.locator(`[data-testid=search-result][data-type=conversation][data-id="${refund.conversationId}"]`).waitFor();
    await agent.screenshot({ path: `${artifacts}/search-order-number.png` });
    await agent.getByTestId("search-filter-type").selectOption("conversation");
    await agent.locator("[data-testid=search-loading]").waitFor({ state: "detached" });
    await expect.poll(() => agent.locator("[data-testid=search-result]").first().getAttribute("data-id")).toBe(refund.conversationId);
    const active = () => agent.evaluate(() => [document.activeElement?.getAttribute("data-testid"), document.activeElement?.getAttribute("data-id")]);
    await input.focus();
    await input.press("ArrowDown");
    expect(await active()).toEqual(["search-result", refund.conversationId]);
    await agent.keyboard.press("ArrowUp");
    expect(await active()).toEqual(["search-input", null]);
    await agent.keyboard.press("ArrowDown");
    await agent.keyboard.press("Enter");
    await expect.poll(() => agent.getByTestId("search-panel").count()).toBe(0);
    await agent.getByTestId("conversation-view").waitFor();
    await expect.poll(() => agent.url()).toContain(refund.conversationId);
    await agent.screenshot({ path: `${artifacts}/search-opened.png` });
  }, 120_000);

  it('"/" typed in the reply box still opens the canned replies, not the search', async () => {
    const reply = agent.getByTestId("reply-input");
    await reply.click();
    await reply.pressSequentially("/");
    await agent.getByTestId("canned-picker").waitFor();
    expect(await agent.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("reply-input");
    expect(await reply.inputValue()).toBe("/");
  }, 120_000);
});
