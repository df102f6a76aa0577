/**
 * An emailed invite in Chromium: an admin adds a user with "Email an invite link" (the mail goes through an email
 * inbox's relay, the SMTP sink); the user opens the link, sets a password with the keyboard and lands in the console;
 * opening the used link again shows the error and the way to sign in.
 */
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api } from "../support/api-client.ts";
import { ADMIN, createTestApp, type TestApp } from "../support/create-test-app.ts";
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink.ts";
import { browserForFile, signIn } from "./browser.ts";

const artifacts = fileURLToPath(new URL("../artifacts/invite", import.meta.url));
const chrome = browserForFile(artifacts);
const INVITEE = "iris@example.test";

describe("an emailed invite link in the console", () => {
  let app: TestApp;
  let sink: SmtpSink;
  let adminPage: Page;
  let page: Page;

  beforeAll(async () => {
    sink = await startSmtpSink();
    app = await createTestApp();
    const admin = await app.login();
    const inbox = await api(app.url, "POST", "/api/v1/inboxes", { cookie: admin, body: { name: "Acme support", channel: "email", settings: { address: "support@acme.test", smtpUrl: sink.url } } });
    expect(inbox.status).toBe(201);
    adminPage = await chrome.newPage();
    page = await chrome.newPage();
  }, 180_000);

  afterAll(async () => {
    await adminPage?.context().close();
    await page?.context().close();
    await app?.close();
    await sink?.close();
  });

  it("the admin emails an invite; the user opens the link, sets a password and sees the console", async () => {
    await adminPage.goto(`${app.url}/console/settings`);
    await signIn(adminPage, ADMIN.email, ADMIN.password);
    await adminPage.locator("[data-testid=user-row]").first().waitFor({ timeout: 20_000 });
    await adminPage.getByTestId("new-user-name").fill("Iris Invitee");
    await adminPage.getByTestId("new-user-email").fill(INVITEE);
    await adminPage.getByTestId("new-user-invite").check();
    await adminPage.getByTestId("new-user-submit").click();
    await adminPage.getByTestId("invite-sent-notice").waitFor({ timeout: 20_000 });
    expect(await adminPage.getByTestId("invite-sent-notice").textContent()).toContain(INVITEE);
    expect(await adminPage.getByTestId("temporary-password").count()).toBe(0);
    await adminPage.screenshot({ path: `${artifacts}/invite-sent.png` });

    await expect.poll(() => sink.sentTo(INVITEE).length, { timeout: 20_000 }).toBe(1);
    const link = /https?:\/\/\S+\/console\/invite\/\S+/.exec(sink.sentTo(INVITEE)[0]!.mail.text ?? "")![0];

    await page.goto(link);
    await page.getByTestId("invite-form").waitFor();
    // Keyboard only: the password field has the focus; Tab to the second one, Enter submits.
    await page.keyboard.type("short");
    await page.keyboard.press("Tab");
    await page.keyboard.type("different");
    await page.keyboard.press("Enter");
    // The browser's own check (12 characters at least) keeps the form here.
    expect(await page.getByTestId("invite-form").isVisible()).toBe(true);
    await page.getByTestId("invite-password").fill("iris chooses a long password");
    await page.getByTestId("invite-confirm").fill("iris chooses a long pasword");
    await page.getByTestId("invite-confirm").press("Enter");
    expect(await page.getByTestId("invite-error").textContent()).toContain("differ");
    await page.getByTestId("invite-confirm").fill("iris chooses a long password");
    await page.screenshot({ path: `${artifacts}/invite-form.png` });
    await page.getByTestId("invite-confirm").press("Enter");
    await page.getByTestId("console").waitFor({ timeout: 20_000 });
    expect(new URL(page.url()).pathname).toBe("/console/");
    expect(await page.getByTestId("console").textContent()).toContain("Iris Invitee");
    await page.screenshot({ path: `${artifacts}/invite-console.png` });

    // The link worked once.
    const again = await chrome.newPage();
    await again.goto(link);
    await again.getByTestId("invite-password").fill("yet another long password");
    await again.getByTestId("invite-confirm").fill("yet another long password");
    await again.getByTestId("invite-submit").click();
    await again.getByTestId("invite-error").waitFor();
    expect(await again.getByTestId("invite-error").textContent()).toContain("used already");
    await again.getByTestId("invite-sign-in").waitFor();
    await again.screenshot({ path: `${artifacts}/invite-used.png` });
    await again.context().close();
  });
});
