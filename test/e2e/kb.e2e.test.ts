import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Locator, Page } from "playwright-core";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, createTestApp, type TestApp } from "../support/create-test-app.ts";
import { browserForFile, signIn } from "./browser.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const artifacts = `${root}test/artifacts/kb`;
const QUESTION = "How do I switch between my two accounts?";
const ANSWER = "To switch accounts, open Settings and pick Switch account.";

const browser = browserForFile(artifacts);
let app: TestApp;
let admin: Page;

/** The widget lives in an open shadow root; Playwright's CSS engine pierces it. */
const widget = (page: Page, selector: string): Locator => page.locator(`switchboard-widget >> ${selector}`);

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  await build({ configFile: `${root}widget/vite.config.ts`, logLevel: "silent" });
  app = await createTestApp();
  admin = await browser.newPage();
  await admin.goto(`${app.url}/console/settings`);
  await signIn(admin, ADMIN.email, ADMIN.password);
  await admin.getByTestId("settings-tab-bot").click();
  await admin.getByTestId("kb-list").waitFor();
}, 240_000);

afterAll(async () => {
  await admin?.context().close();
  await app?.close();
});

describe("Settings → Bot answers in Chromium", () => {
  it("lists the demo answers with their text shown as text, and the preview says a person would take the account question", async () => {
    await expect.poll(() => admin.getByTestId("kb-article").count()).toBeGreaterThanOrEqual(13);
    await expect.poll(() => admin.locator("[data-testid=kb-article][data-title='Refund policy']").textContent()).toContain("within 30 days");
    await admin.getByTestId("kb-preview-text").fill(QUESTION);
    await admin.getByTestId("kb-preview-text").press("Enter");
    await expect.poll(() => admin.getByTestId("kb-preview-intent").textContent()).toContain("switch_account");
    expect(await admin.getByTestId("kb-preview-decision").getAttribute("data-decision")).toBe("handoff");
  });

  it("an admin creates an FAQ answer with the keyboard; the preview and then the bot in the widget use it", async () => {
    await admin.getByTestId("kb-new").click();
    await admin.getByTestId("kb-title").fill("Switching accounts");
    await admin.getByTestId("kb-body").fill("To **switch accounts**, open *Settings* and pick Switch account.");
    await admin.getByTestId("kb-intents").fill("switch_account");
    await admin.getByTestId("kb-examples").fill("how can I change to my other account\nswap accounts");
    await admin.getByTestId("kb-examples").press("Tab");
    await admin.keyboard.press("Tab");
    await admin.keyboard.press("Enter");
    const created = admin.locator("[data-testid=kb-article][data-title='Switching accounts']");
    await created.waitFor();
    expect(await created.locator(".kb-article__body").textContent()).toBe(ANSWER);
    expect(await created.textContent()).toContain("2 example questions");
    await admin.getByTestId("kb-preview-run").click();
    await expect.poll(() => admin.getByTestId("kb-preview-decision").getAttribute("data-decision")).toBe("answer");
    expect(await admin.getByTestId("kb-preview-reply").textContent()).toBe(ANSWER);
    await admin.screenshot({ path: `${artifacts}/kb-settings-preview.png`, fullPage: true });

    const customer = await browser.newPage({ width: 1100, height: 760 });
    try {
      await customer.goto(`${app.url}/`);
      await widget(customer, "button.launcher").click();
      await widget(customer, "[role=dialog]").waitFor({ state: "visible" });
      await widget(customer, "textarea").fill(QUESTION);
      await widget(customer, "textarea").press("Enter");
      await expect.poll(() => widget(customer, ".row.bot .bubble").allTextContents(), { timeout: 30_000 }).toContain(ANSWER);
      await customer.screenshot({ path: `${artifacts}/kb-widget-answer.png` });
    } finally {
      await customer.context().close();
    }
  });

  it("retraining shows its progress, then the decision with both held-out accuracies", async () => {
    await admin.getByTestId("kb-retrain-start").click();
    await admin.getByTestId("kb-retrain-progress").waitFor({ timeout: 30_000 });
    await admin.screenshot({ path: `${artifacts}/kb-retrain-progress.png` });
    const result = admin.getByTestId("kb-retrain-result");
    await result.waitFor({ timeout: 600_000 });
    expect(await result.textContent()).toMatch(/(Accepted|Refused): held-out accuracy .*\d+\.\d %.*\d+\.\d %/);
    await admin.screenshot({ path: `${artifacts}/kb-retrain-result.png` });
  }, 900_000);

  it("an article is edited and deleted from the list", async () => {
    const item = admin.locator("[data-testid=kb-article][data-title='Switching accounts']");
    await item.getByTestId("kb-edit").click();
    await admin.getByTestId("kb-published").uncheck();
    await admin.getByTestId("kb-save").click();
    await expect.poll(() => item.textContent()).toContain("Draft");
    await item.getByTestId("kb-delete").click();
    await item.getByTestId("kb-delete").click();
    await expect.poll(() => item.count()).toBe(0);
  });

  it("the profile card changes the admin's name, initials colour and notification preferences, kept on the server", async () => {
    await admin.goto(`${app.url}/console/security`);
    await admin.getByTestId("profile-form").waitFor();
    expect(await admin.getByTestId("profile-avatar-initials").textContent()).toBe("A");
    await admin.getByTestId("profile-name").fill("Ada Admin");
    await admin.getByTestId("profile-pref-sound").check();
    await admin.getByTestId("profile-save").click();
    await admin.getByTestId("profile-saved").waitFor();
    expect(await admin.getByTestId("profile-avatar-initials").textContent()).toBe("AA");
    await admin.screenshot({ path: `${artifacts}/profile.png` });
    await admin.reload();
    await admin.getByTestId("profile-form").waitFor();
    expect(await admin.getByTestId("profile-name").inputValue()).toBe("Ada Admin");
    expect(await admin.getByTestId("profile-pref-sound").isChecked()).toBe(true);
  });
});
