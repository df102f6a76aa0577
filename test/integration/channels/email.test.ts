import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import nodemailer from "nodemailer";
import type Mail from "nodemailer/lib/mailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MessageDTO } from "../../../src/contracts/api.ts";
import type { InboxDTO } from "../../../src/contracts/channels.ts";
import { tables } from "../../../src/db/index.ts";
import { api } from "../../support/api-client.ts";
import { channelMessages } from "../../support/channel-messages.ts";
import { createTestApp, type TestApp } from "../../support/create-test-app.ts";
import { startSmtpSink, type SmtpSink } from "../../support/smtp-sink.ts";

const SUPPORT = "support@shop.test";
// Small enough that the oversize test sends little.
const MAX_BYTES = 200_000;

describe("the email channel (real SMTP on loopback)", () => {
  let t: TestApp;
  let sink: SmtpSink;
  let admin: string;
  let inboxId: string;
  let mailNumber = 0;

  beforeAll(async () => {
    sink = await startSmtpSink();
    // SMTP_PORT=0: the product's SMTP server on a free port. Retries start after 50 ms here (2 s by default).
    t = await createTestApp({ env: { SMTP_PORT: "0", EMAIL_MAX_BYTES: String(MAX_BYTES), DELIVERY_BACKOFF_MS: "50" } });
    admin = await t.login();
    const created = await api<{ data: InboxDTO }>(t.url, "POST", "/api/v1/inboxes", {
      cookie: admin,
      body: { name: "Shop support", channel: "email", settings: { address: SUPPORT, smtpUrl: sink.url } },
    });
    expect(created.status).toBe(201);
    inboxId = created.body.data.id;
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  const { messagesOf, botReply, deliveryOf } = channelMessages(() => ({ url: t.url, cookie: admin }));

  /** Sends a mail to the product's SMTP server as a customer's mail server would. */
  async function sendMail(mail: Mail.Options): Promise<string> {
    const transport = nodemailer.createTransport({ host: "127.0.0.1", port: t.container.smtp!.port, secure: false });
    try {
      const messageId = mail.messageId ?? `<customer-${++mailNumber}-${Date.now()}@example.test>`;
      await transport.sendMail({ to: SUPPORT, ...mail, messageId });
      return messageId.slice(1, -1);
    } finally {
      transport.close();
    }
  }

  async function storedByMessageId(messageId: string) {
    return t.container.database.db.select().from(tables.messages).where(eq(tables.messages.clientMsgId, `email:${messageId}`));
  }

  it("stores a mail as the customer's message, mails the bot's reply through the relay with threading headers, and puts the customer's reply in the same conversation without its quote", async () => {
    const firstId = await sendMail({ from: '"Ada Lovelace" <ada@example.test>', subject: "Shipping to Norway", text: "Do you ship to Norway?\n\n-- \nAda Lovelace\nAcme Ltd" });
    const [stored] = await storedByMessageId(firstId);
    expect(stored).toMatchObject({ senderType: "customer", text: "Do you ship to Norway?" });
    const conversationId = stored!.conversationId;
    const conversation = await api<{ data: { channel: string; inboxId: string; subject: string; customer: { name: string; email: string } } }>(t.url, "GET", `/api/v1/conversations/${conversationId}`, { cookie: admin });
    expect(conversation.body.data).toMatchObject({ channel: "email", inboxId, subject: "Shipping to Norway", customer: { name: "Ada Lovelace", email: "ada@example.test" } });

    const reply = await botReply(conversationId);
    await expect.poll(() => sink.sentTo("ada@example.test").length, { timeout: 20_000 }).toBeGreaterThan(0);
    const [{ mail: out, envelopeFrom }] = sink.sentTo("ada@example.test") as [(typeof sink.mails)[number]];
    expect(envelopeFrom).toBe(SUPPORT);
    expect(out.from?.value[0]).toMatchObject({ address: SUPPORT, name: "Shop support" });
    expect(out.subject).toBe("Re: Shipping to Norway");
    expect(out.text?.trim()).toBe(reply.text);
    expect(out.inReplyTo).toBe(`<${firstId}>`);
    expect([out.references].flat()).toContain(`<${firstId}>`);
    expect(out.messageId).toMatch(/^<conv-[0-9a-f]{24}\.[0-9a-f-]{36}@shop\.test>$/);
    expect(out.headers.get("auto-submitted")).toBe("auto-replied");
    await expect.poll(async () => (await deliveryOf(conversationId, reply.id))?.status, { timeout: 10_000 }).toBe("sent");

    // The customer answers from another mail client that sends In-Reply-To only, quoting our mail under Gmail's attribution.
    const quoted = `Yes, to Oslo please.\n\nSent from my iPhone\n\nOn Mon, 7 Dec 2026 at 10:00, Shop support <${SUPPORT}> wrote:\n> ${reply.text}\n`;
    const secondId = await sendMail({ from: "ada@example.test", subject: "Re: Shipping to Norway", text: quoted, inReplyTo: out.messageId });
    const [second] = await storedByMessageId(secondId);
    expect(second).toMatchObject({ conversationId, text: "Yes, to Oslo please." });
    expect((second!.metadata.raw as { text: string }).text).toContain(`> ${reply.text}`);
    const listed = (await messagesOf(conversationId)).find((m) => m.id === second!.id);
    expect(listed?.subject).toBe("Re: Shipping to Norway");
  });

  it("stores a redelivered mail (same Message-ID) once, and threads a mail that cites the customer's own earlier mail", async () => {
    const mail = { from: "bo@example.test", subject: "Invoice", text: "Please send me the invoice for order 1234." };
    const messageId = await sendMail({ ...mail, messageId: "<redelivered-1@example.test>" });
    await sendMail({ ...mail, messageId: "<redelivered-1@example.test>" });
    const stored = await storedByMessageId(messageId);
    expect(stored).toHaveLength(1);
    const followUp = await sendMail({ from: "bo@example.test", subject: "Re: Invoice", text: "Any news?", references: "<redelivered-1@example.test>" });
    expect((await storedByMessageId(followUp))[0]?.conversationId).toBe(stored[0]!.conversationId);
    // A mail citing nothing we know starts its own conversation.
    const fresh = await sendMail({ from: "bo@example.test", subject: "Another question", text: "Do you sell gift cards?", inReplyTo: "<unknown@elsewhere.test>" });
    expect((await storedByMessageId(fresh))[0]?.conversationId).not.toBe(stored[0]!.conversationId);
  });

  it("refuses mail to an address that is no inbox's (550 at RCPT TO), and a mail over EMAIL_MAX_BYTES (552), storing nothing", async () => {
    const unknown = sendMail({ from: "cy@example.test", to: "nobody@shop.test", subject: "Hi", text: "hello", messageId: "<to-nobody@example.test>" });
    await expect(unknown).rejects.toMatchObject({ responseCode: 550 });
    expect(await storedByMessageId("to-nobody@example.test")).toHaveLength(0);

    const big = sendMail({ from: "cy@example.test", subject: "Photos", text: "see attached", messageId: "<too-big@example.test>", attachments: [{ filename: "big.bin", content: Buffer.alloc(MAX_BYTES, 7) }] });
    await expect(big).rejects.toMatchObject({ responseCode: 552 });
    expect(await storedByMessageId("too-big@example.test")).toHaveLength(0);
  });

  it("stores auto-replies and bounces for the record but starts no bot turn and sends no answer", async () => {
    const autoReply = await sendMail({ from: "dee@example.test", subject: "Out of office", text: "I am away until Monday.", headers: { "Auto-Submitted": "auto-replied" } });
    const listMail = await sendMail({ from: "dee@example.test", subject: "Newsletter", text: "Our news", headers: { Precedence: "bulk" } });
    const bounceRaw = [
      "From: Mail Delivery System <mailer-daemon@example.test>",
      `To: ${SUPPORT}`,
      "Subject: Undelivered Mail Returned to Sender",
      "Message-ID: <bounce-1@example.test>",
      'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"',
      "",
      "--b1",
      "Content-Type: text/plain",
      "",
      "Your message could not be delivered.",
      "--b1",
      "Content-Type: message/delivery-status",
      "",
      "Final-Recipient: rfc822; gone@example.test",
      "Action: failed",
      "Status: 5.1.1",
      "--b1--",
      "",
    ].join("\r\n");
    // A bounce comes from the null sender (MAIL FROM:<>).
    await sendMail({ envelope: { from: "", to: [SUPPORT] }, raw: bounceRaw, messageId: "<bounce-1@example.test>" });
    await t.container.answers.idle();
    for (const id of [autoReply, listMail, "bounce-1@example.test"]) {
      const [stored] = await storedByMessageId(id);
      expect(stored?.senderType).toBe("customer");
      const [conversation] = await t.container.database.db.select().from(tables.conversations).where(eq(tables.conversations.id, stored!.conversationId));
      // Nothing owed to it, and nothing but the customer's mail in its conversation.
      expect(conversation!.owedSeq).toBe(conversation!.answeredSeq);
      expect((await messagesOf(stored!.conversationId)).map((m) => m.sender.type)).toEqual(["customer"]);
    }
    expect(sink.sentTo("dee@example.test")).toHaveLength(0);
    expect(sink.sentTo("mailer-daemon@example.test")).toHaveLength(0);
  });

  it("stores an HTML-only mail as its text, without markup or script", async () => {
    const id = await sendMail({ from: "eve@example.test", subject: "Broken item", html: '<p>My <b>lamp</b> arrived broken.</p><script>alert("x")</script><style>p{color:red}</style>' });
    const [stored] = await storedByMessageId(id);
    expect(stored!.text).toContain("My lamp arrived broken.");
    expect(stored!.text).not.toMatch(/[<>]|alert|color/);
  });

  it("keeps an attachment on disk under a name of its own, lists it with the message and lets an agent download it, never an anonymous request", async () => {
    const content = Buffer.from("%PDF-1.4 receipt for order 1234\n");
    const id = await sendMail({ from: "fay@example.test", subject: "Receipt", text: "Here is my receipt.", attachments: [{ filename: "../../receipt.pdf", content, contentType: "application/pdf" }] });
    const [stored] = await storedByMessageId(id);
    const listed = (await messagesOf(stored!.conversationId)).find((m) => m.id === stored!.id) as MessageDTO;
    expect(listed.attachments).toEqual([{ id: expect.any(String), kind: "file", name: "receipt.pdf", contentType: "application/pdf", size: content.length }]);
    // On disk under DATA_DIR/attachments by the SHA-256 of its content, never by the sender's name.
    const sha256 = createHash("sha256").update(content).digest("hex");
    expect((stored!.metadata.attachments as { sha256: string }[])[0]!.sha256).toBe(sha256);
    expect(existsSync(join(t.container.config.dataDir, "attachments", sha256.slice(0, 2), sha256))).toBe(true);
    const path = `/api/v1/conversations/${stored!.conversationId}/attachments/${listed.attachments![0]!.id}`;

    const download = await fetch(`${t.url}${path}`, { headers: { cookie: admin } });
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer())).toEqual(content);
    expect(download.headers.get("content-disposition")).toMatch(/^attachment; filename="?receipt\.pdf"?$/);
    expect(download.headers.get("x-content-type-options")).toBe("nosniff");
    expect(download.headers.get("content-type")).toBe("application/pdf");

    expect((await fetch(`${t.url}${path}`)).status).toBe(401);
    const missing = await api<{ error: { code: string } }>(t.url, "GET", `/api/v1/conversations/${stored!.conversationId}/attachments/00000000-0000-4000-8000-000000000000`, { cookie: admin });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("ATTACHMENT_NOT_FOUND");
  });

  it("retries a reply the relay answers 451, then delivers it; a 550 fails at once and shows why on the message", async () => {
    sink.script("gus@example.test", [451]);
    const tempId = await sendMail({ from: "gus@example.test", subject: "Hello", text: "Do you ship to Norway?" });
    const [temp] = await storedByMessageId(tempId);
    const tempReply = await botReply(temp!.conversationId);
    await expect.poll(async () => (await deliveryOf(temp!.conversationId, tempReply.id))?.status, { timeout: 20_000 }).toBe("sent");
    expect(await deliveryOf(temp!.conversationId, tempReply.id)).toMatchObject({ status: "sent", attempts: 2 });
    expect(sink.sentTo("gus@example.test").length).toBeGreaterThan(0);

    sink.script("hal@example.test", [550, 550, 550, 550, 550]);
    const permId = await sendMail({ from: "hal@example.test", subject: "Hello", text: "Do you ship to Norway?" });
    const [perm] = await storedByMessageId(permId);
    const permReply = await botReply(perm!.conversationId);
    await expect.poll(async () => (await deliveryOf(perm!.conversationId, permReply.id))?.status, { timeout: 20_000 }).toBe("failed");
    const failed = await deliveryOf(perm!.conversationId, permReply.id);
    expect(failed).toMatchObject({ status: "failed", attempts: 1 });
    expect(failed?.error).toMatch(/^the SMTP relay answered 550/);
    expect(sink.sentTo("hal@example.test")).toHaveLength(0);
  });

  it("forgets an erased customer's Message-IDs: their later reply to the old thread starts a new conversation", async () => {
    const first = await sendMail({ from: "ivy@example.test", subject: "Delete me", text: "Please erase my data." });
    const [stored] = await storedByMessageId(first);
    const [conversation] = await t.container.database.db.select().from(tables.conversations).where(eq(tables.conversations.id, stored!.conversationId));
    const erased = await api(t.url, "DELETE", `/api/v1/customers/${conversation!.customerId}`, { cookie: admin });
    expect(erased.status).toBe(204);
    const left = await t.container.database.db.select().from(tables.emailMessageIds).where(eq(tables.emailMessageIds.conversationId, stored!.conversationId));
    expect(left).toHaveLength(0);
    const later = await sendMail({ from: "ivy@example.test", subject: "Re: Delete me", text: "One more thing.", inReplyTo: `<${first}>` });
    expect((await storedByMessageId(later))[0]?.conversationId).not.toBe(stored!.conversationId);
  });

  it("erasing a customer deletes the attachment files only they sent, keeps a file another customer also sent, and drops the private notes on their conversations", async () => {
    const own = Buffer.from(`passport scan of Jo ${Date.now()}\n`);
    const shared = Buffer.from(`the shop's own return form ${Date.now()}\n`);
    const fileOf = (bytes: Buffer) => {
      const sha256 = createHash("sha256").update(bytes).digest("hex");
      return join(t.container.config.dataDir, "attachments", sha256.slice(0, 2), sha256);
    };
    const joMail = await sendMail({ from: "jo@example.test", subject: "My documents", text: "Attached as asked.", attachments: [{ filename: "passport.png", content: own }, { filename: "form.pdf", content: shared }] });
    await sendMail({ from: "kim@example.test", subject: "Return", text: "Form attached.", attachments: [{ filename: "form.pdf", content: shared }] });
    const [stored] = await storedByMessageId(joMail);
    const note = await api(t.url, "POST", `/api/v1/conversations/${stored!.conversationId}/notes`, { cookie: admin, body: { text: "Jo's passport number is on the scan" } });
    expect(note.status).toBe(201);
    expect(existsSync(fileOf(own))).toBe(true);
    const [conversation] = await t.container.database.db.select().from(tables.conversations).where(eq(tables.conversations.id, stored!.conversationId));

    expect((await api(t.url, "DELETE", `/api/v1/customers/${conversation!.customerId}`, { cookie: admin })).status).toBe(204);

    // The files go after the erasure commits (an event listener): wait for it, bounded by the test's timeout.
    while (existsSync(fileOf(own))) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(existsSync(fileOf(shared))).toBe(true);
    const notes = await t.container.database.db.select().from(tables.conversationNotes).where(eq(tables.conversationNotes.conversationId, stored!.conversationId));
    expect(notes).toHaveLength(0);
  });

  it("validates an email inbox's settings, naming the field, and never shows them", async () => {
    const bad = await api<{ error: { code: string; fields: Record<string, string> } }>(t.url, "POST", "/api/v1/inboxes", {
      cookie: admin,
      body: { name: "Bad", channel: "email", settings: { address: "not-an-address", smtpUrl: "http://relay.test", imapUrl: "imaps://imap.example.test" } },
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(["settings.address", "settings.imapUrl", "settings.smtpUrl"]);
    const list = await api<{ data: InboxDTO[] }>(t.url, "GET", "/api/v1/inboxes", { cookie: admin });
    const mine = list.body.data.find((inbox) => inbox.id === inboxId);
    expect(mine).toMatchObject({ channel: "email", webhookUrl: null, configured: ["address", "smtpUrl"] });
    expect(JSON.stringify(list.body)).not.toContain(sink.url);
  });
});
