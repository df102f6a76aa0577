import { eq } from "drizzle-orm";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InboxDTO } from "../../../src/contracts/channels.ts";
import { EMAIL_POLL_JOB, pollMailboxes } from "../../../src/channels/email/imap-poll.ts";
import { tables } from "../../../src/db/index.ts";
import { api } from "../../support/api-client.ts";
import { channelMessages } from "../../support/channel-messages.ts";
import { createTestApp, type TestApp } from "../../support/create-test-app.ts";
import { startFakeImap, type FakeImap } from "../../support/fake-imap.ts";
import { startSmtpSink, type SmtpSink } from "../../support/smtp-sink.ts";

const WRONG_PASSWORD = "not-the-password-7f3a";

function rawMail(fields: { from: string; messageId: string; subject: string; text: string; inReplyTo?: string }): string {
  return [...(fields.inReplyTo ? [`In-Reply-To: ${fields.inReplyTo}`] : []), `From: ${fields.from}`, "To: help@shop.test", `Subject: ${fields.subject}`, `Message-ID: <${fields.messageId}>`, "Date: Mon, 7 Dec 2026 10:00:00 +0000", "Content-Type: text/plain; charset=utf-8", "", fields.text, ""].join("\r\n");
}

describe("the email channel polling an IMAP mailbox (hoodiecrow on loopback)", () => {
  let t: TestApp;
  let imap: FakeImap;
  let sink: SmtpSink;
  let admin: string;
  let inboxId: string;
  let brokenInboxId: string;
  const logLines: { level: number; inboxId?: string; reason?: string; msg: string }[] = [];
  const log = pino({ level: "warn" }, { write: (line: string) => void logLines.push(JSON.parse(line) as (typeof logLines)[number]) });

  beforeAll(async () => {
    [imap, sink] = await Promise.all([startFakeImap(), startSmtpSink()]);
    t = await createTestApp({ env: { DELIVERY_BACKOFF_MS: "50", IMAP_POLL_SECONDS: "0" } });
    admin = await t.login();
    const create = async (name: string, address: string, imapUrl: string) => {
      const created = await api<{ data: InboxDTO }>(t.url, "POST", "/api/v1/inboxes", { cookie: admin, body: { name, channel: "email", settings: { address, smtpUrl: sink.url, imapUrl } } });
      expect(created.status).toBe(201);
      return created.body.data.id;
    };
    inboxId = await create("Help desk", "help@shop.test", imap.url());
    brokenInboxId = await create("Sales", "sales@shop.test", imap.url(WRONG_PASSWORD));
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await Promise.all([imap?.close(), sink?.close()]);
  });

  const { botReply } = channelMessages(() => ({ url: t.url, cookie: admin }));
  const poll = () => pollMailboxes(t.container.deps, { files: t.container.attachments, maxBytes: t.container.config.emailMaxBytes, log });
  const storedAs = (messageId: string) => t.container.database.db.select().from(tables.messages).where(eq(tables.messages.clientMsgId, `email:${messageId}`));

  it("stores an unseen mail as a customer message of the inbox, marks it \\Seen, stores it once over two polls, and mails the bot's reply through the relay", async () => {
    const uid = imap.deliver(rawMail({ from: '"Kim Lee" <kim@example.test>', messageId: "imap-1@example.test", subject: "Shipping to Norway", text: "Do you ship to Norway?" }));

    const first = await poll();
    expect(first.find((r) => r.inboxId === inboxId)).toEqual({ inboxId, stored: 1, setAside: 0 });
    const [stored] = await storedAs("imap-1@example.test");
    expect(stored).toMatchObject({ senderType: "customer", text: "Do you ship to Norway?" });
    const conversation = await api<{ data: { inboxId: string; channel: string; subject: string; customer: { email: string } } }>(t.url, "GET", `/api/v1/conversations/${stored!.conversationId}`, { cookie: admin });
    expect(conversation.body.data).toMatchObject({ inboxId, channel: "email", subject: "Shipping to Norway", customer: { email: "kim@example.test" } });
    expect(imap.flagsOf(uid)).toContain("\\Seen");

    const second = await poll();
    expect(second.find((r) => r.inboxId === inboxId)).toEqual({ inboxId, stored: 0, setAside: 0 });
    expect(await storedAs("imap-1@example.test")).toHaveLength(1);

    const reply = await botReply(stored!.conversationId);
    await expect.poll(() => sink.sentTo("kim@example.test").length, { timeout: 20_000 }).toBeGreaterThan(0);
    const [{ mail: out }] = sink.sentTo("kim@example.test") as [(typeof sink.mails)[number]];
    expect(out.from?.value[0]?.address).toBe("help@shop.test");
    expect(out.inReplyTo).toBe("<imap-1@example.test>");
    expect(out.text?.trim()).toBe(reply.text);

    // The scheduled job runs the same poll.
    const later = imap.deliver(rawMail({ from: "kim@example.test", messageId: "imap-2@example.test", subject: "Re: Shipping to Norway", text: "Thanks!", inReplyTo: out.messageId }));
    await t.container.queue.enqueue(EMAIL_POLL_JOB, {});
    await expect.poll(async () => (await storedAs("imap-2@example.test")).length, { timeout: 20_000 }).toBe(1);
    expect((await storedAs("imap-2@example.test"))[0]?.conversationId).toBe(stored!.conversationId);
    await expect.poll(() => imap.flagsOf(later), { timeout: 5_000 }).toContain("\\Seen");
  });

  it("sets aside a mail larger than EMAIL_MAX_BYTES: flagged and seen in the mailbox, not stored, not read again", async () => {
    const uid = imap.deliver(rawMail({ from: "lou@example.test", messageId: "imap-big@example.test", subject: "Photos", text: "x".repeat(3000) }));
    const results = await pollMailboxes(t.container.deps, { files: t.container.attachments, maxBytes: 2048, log });
    expect(results.find((r) => r.inboxId === inboxId)).toMatchObject({ stored: 0, setAside: 1 });
    expect(imap.flagsOf(uid)).toEqual(expect.arrayContaining(["\\Seen", "\\Flagged"]));
    expect(await storedAs("imap-big@example.test")).toHaveLength(0);
    expect((await poll()).find((r) => r.inboxId === inboxId)).toMatchObject({ stored: 0, setAside: 0 });
  });

  it("when the mailbox refuses the login, logs the failure with the inbox id and no password, stores nothing, keeps serving, and follows a corrected or removed imapUrl without a restart", async () => {
    const results = await poll();
    const broken = results.find((r) => r.inboxId === brokenInboxId);
    expect(broken?.stored).toBe(0);
    expect(broken?.error).toMatch(/refused the login/);
    // The working mailbox is polled all the same.
    expect(results.find((r) => r.inboxId === inboxId)?.error).toBeUndefined();
    const logged = logLines.filter((line) => line.inboxId === brokenInboxId);
    expect(logged.length).toBeGreaterThan(0);
    expect(logged[0]).toMatchObject({ level: 40, reason: expect.stringMatching(/refused the login/) });
    expect(JSON.stringify(logLines)).not.toContain(WRONG_PASSWORD);
    const conversations = await t.container.database.db.select().from(tables.conversations).where(eq(tables.conversations.inboxId, brokenInboxId));
    expect(conversations).toHaveLength(0);
    expect((await api(t.url, "GET", "/api/v1/inboxes", { cookie: admin })).status).toBe(200);

    // The admin corrects the password: the next poll logs in (the shared mailbox has nothing unseen left).
    const patched = await api(t.url, "PATCH", `/api/v1/inboxes/${brokenInboxId}`, { cookie: admin, body: { settings: { imapUrl: imap.url() } } });
    expect(patched.status).toBe(200);
    expect((await poll()).find((r) => r.inboxId === brokenInboxId)).toEqual({ inboxId: brokenInboxId, stored: 0, setAside: 0 });

    // Removing the imapUrl (null) stops the polls of that inbox.
    const removed = await api(t.url, "PATCH", `/api/v1/inboxes/${brokenInboxId}`, { cookie: admin, body: { settings: { imapUrl: null } } });
    expect(removed.status).toBe(200);
    expect((await poll()).map((r) => r.inboxId)).not.toContain(brokenInboxId);
  });
});
