/**
 * An email conversation in the console: a mail with an attachment, sent with nodemailer to the product's SMTP server,
 * shows with its Subject, an Email channel badge on its messages, and the attachment (name, type, size) as a link that
 * downloads the file.
 */
import { fileURLToPath } from "node:url";
import nodemailer from "nodemailer";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InboxDTO } from "../../src/contracts/channels.ts";
import { demoAgents } from "../../src/db/seed/demo-data.ts";
import { api } from "../support/api-client.ts";
import { createTestApp, type TestApp } from "../support/create-test-app.ts";
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink.ts";
import { browserForFile, signIn } from "./browser.ts";

const artifacts = fileURLToPath(new URL("../artifacts/email", import.meta.url));
const chrome = browserForFile(artifacts);
const SUPPORT = "support@shop.test";
const RECEIPT = Buffer.from("%PDF-1.4 receipt for order 1234\n");
const manager = demoAgents[2];

describe("an email conversation in the console", () => {
  let app: TestApp;
  let sink: SmtpSink;
  let page: Page;

  beforeAll(async () => {
    sink = await startSmtpSink();
    app = await createTestApp({ env: { SMTP_PORT: "0", IMAP_POLL_SECONDS: "0" } });
    const admin = await app.login();
    const created = await api<{ data: InboxDTO }>(app.url, "POST", "/api/v1/inboxes", {
      cookie: admin,
      body: { name: "Shop support", channel: "email", settings: { address: SUPPORT, smtpUrl: sink.url } },
    });
    expect(created.status).toBe(201);
    const transport = nodemailer.createTransport({ host: "127.0.0.1", port: app.container.smtp!.port, secure: false });
    try {
      await transport.sendMail({
        from: '"Grace Hopper" <grace@example.test>',
        to: SUPPORT,
        subject: "Shipping to Norway",
        text: "Hello, do you ship to Norway? My order receipt is attached.",
        attachments: [{ filename: "receipt.pdf", content: RECEIPT, contentType: "application/pdf" }],
      });
    } finally {
      transport.close();
    }
    page = await chrome.newPage();
  }, 180_000);

  afterAll(async () => {
    await page?.context().close();
    await app?.close();
    await sink?.close();
  });

  it("shows the mail's subject, the Email channel of its messages and its attachment as a download link", async () => {
    await page.goto(`${app.url}/console`);
    await signIn(page, manager.email);
    await page.getByTestId("filter-bot").click();
    const item = page.locator("[data-testid=conversation-item]", { hasText: "Grace Hopper" });
    await item.waitFor({ timeout: 20_000 });
    await item.click();

    await expect.poll(() => page.getByTestId("conversation-subject").textContent(), { timeout: 20_000 }).toBe("Shipping to Norway");
    const mail = page.locator("[data-testid=message][data-sender=customer]", { hasText: "do you ship to Norway" });
    await mail.waitFor({ timeout: 20_000 });
    expect(await mail.getByTestId("message-subject").textContent()).toContain("Shipping to Norway");
    expect(await mail.getByTestId("message-channel").textContent()).toBe("Email");
    const attachment = mail.getByTestId("message-attachment");
    expect(await attachment.textContent()).toMatch(/receipt\.pdf.*application\/pdf · 32 B/);
    // The bot's answer went out by email too, and says so.
    const answer = page.locator("[data-testid=message][data-sender=bot]").first();
    await answer.waitFor({ timeout: 20_000 });
    expect(await answer.getByTestId("message-channel").getAttribute("data-channel")).toBe("email");
    await page.screenshot({ path: `${artifacts}/email-conversation.png` });

    // The link downloads the file the customer sent, with the agent's session.
    const link = attachment.getByTestId("attachment-link");
    await link.focus();
    const [download] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Enter")]);
    expect(download.suggestedFilename()).toBe("receipt.pdf");
    const downloaded = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of downloaded) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks)).toEqual(RECEIPT);
  });
});
