import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api } from "../support/api-client.ts";
import { AGENT_PASSWORD, createTestApp, type TestApp } from "../support/create-test-app.ts";
import { handOff } from "../support/routing-fixtures.ts";
import { launchChromium } from "./browser.ts";
import { buildConsole } from "./console-build.ts";

const artifacts = fileURLToPath(new URL("../artifacts/routing", import.meta.url));

let browser: Browser;
let app: TestApp;
let sam: Page;

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  await buildConsole();
  [browser, app] = await Promise.all([launchChromium(), createTestApp()]);
  sam = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  await sam.goto(`${app.url}/console/`);
  await sam.getByTestId("login-email").fill("sam@switchboard.local");
  await sam.getByTestId("login-password").fill(AGENT_PASSWORD);
  await sam.getByTestId("login-submit").click();
  await sam.getByTestId("console").waitFor();
}, 180_000);

afterAll(async () => {
  await sam?.context().close();
  await browser?.close();
  await app?.close();
});

describe("routing and presence in the console", () => {
  it("an agent who opens the console is online without touching the toggle", async () => {
    await expect.poll(() => sam.getByTestId("presence-toggle").getAttribute("data-status"), { timeout: 20_000 }).toBe("online");
    const me = await sam.evaluate(async () => (await (await fetch("/api/v1/auth/me")).json()) as { data: { status: string } });
    expect(me.data.status).toBe("online");
  });

  it("a refund hand-off on the demo data reaches Sam through the Billing team, and the ticket's history says why", async () => {
    const { conversationId } = await handOff(app, "I would like a refund for the tent I sent back");
    await sam.goto(`${app.url}/console/conversations/${conversationId}`);
    await sam.getByTestId("ticket-details").waitFor({ timeout: 20_000 });
    const items = sam.getByTestId("ticket-history-item");
    await expect.poll(() => items.allTextContents(), { timeout: 20_000 }).toContainEqual(expect.stringContaining("routed to Sam Support: team Billing, skill get_refund, 1 of 4 open"));
    await sam.getByTestId("ticket-history").scrollIntoViewIfNeeded();
    await sam.screenshot({ path: `${artifacts}/ticket-history-routed.png` });
  });

  it("the header's toggle sets the agent away, and the server keeps it while they keep working", async () => {
    const toggle = sam.getByTestId("presence-toggle");
    await toggle.click();
    await expect.poll(() => toggle.getAttribute("data-status")).toBe("away");
    await sam.keyboard.press("Shift");
    const admin = await app.login();
    const users = await api<{ data: { email: string; status: string }[] }>(app.url, "GET", "/api/v1/users", { cookie: admin });
    expect(users.body.data.find((u) => u.email === "sam@switchboard.local")?.status).toBe("away");
    await sam.screenshot({ path: `${artifacts}/presence-away.png`, clip: { x: 0, y: 0, width: 1440, height: 120 } });
  });
});
