/**
 * A received email (MIME, parsed with mailparser) → the facts the channel stores: sender, Subject, threading ids, the
 * text (an HTML-only mail as mailparser's text rendering, never HTML), attachments, and whether it is an automatic mail
 * (auto-reply, bounce, list mail) that must never start a bot turn.
 */
import { createHash } from "node:crypto";
import { simpleParser, type AddressObject, type ParsedMail } from "mailparser";
import { z } from "zod";
import { messageIdsOf, normalMessageId } from "./message-ids.ts";

/** A file attached to a mail, with the name and type its sender gave. */
export type MailAttachment = { name?: string; contentType: string; content: Buffer };

/** What the channel reads from one received mail. */
export type ReceivedMail = {
  /** The mail's Message-ID without brackets (a hash of the mail when it has none). */
  messageId: string;
  /** Message-IDs this mail answers, most relevant first: In-Reply-To, then References from the newest. */
  refs: string[];
  /** The References header as sent, oldest first (our reply's References continue it). */
  references: string[];
  from: { address: string; name?: string };
  /** Where replies go when the sender asked for another address (Reply-To). */
  replyTo?: string;
  subject: string;
  date?: string;
  /** The whole text of the mail, quotes and signature included. */
  text: string;
  /** Every header line as received (for the audit copy), at most MAX_HEADER_CHARS. */
  headers: string;
  /** Why this is an automatic mail (RFC 3834 Auto-Submitted, a bounce …); undefined for a person's mail. */
  automatic?: string;
  attachments: MailAttachment[];
};

/** A mail the channel refuses for good (SMTP 550): no sender, say. */
export class MailRefused extends Error {}

const MAX_HEADER_CHARS = 32_000;
/** HTML longer than this is not turned into text (mailparser's guard against a slow conversion). */
const MAX_HTML_TO_TEXT = 2_000_000;
const emailAddress = z.email();

// A NUL cannot be stored in PostgreSQL text, and a lone surrogate has no UTF-8 form: mail text loses both.
function storable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u0000/g, "").replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
}

function firstAddress(value: AddressObject | AddressObject[] | undefined): { address: string; name?: string } | undefined {
  const first = (Array.isArray(value) ? value : value ? [value] : []).flatMap((group) => group.value).find((entry) => entry.address);
  if (!first?.address) return undefined;
  const name = storable(first.name ?? "").replace(/\s+/g, " ").trim().slice(0, 200);
  return { address: storable(first.address).trim().toLowerCase().slice(0, 320), ...(name ? { name } : {}) };
}

function header(mail: ParsedMail, name: string): string | undefined {
  const value = mail.headers.get(name);
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string") return value;
  if (typeof value === "object" && "value" in value && typeof value.value === "string") return value.value;
  return String(value);
}

/**
 * Why a mail is automatic (and gets no answer), or undefined: the null sender (MAIL FROM:<>, or Return-Path: <>), an
 * Auto-Submitted other than "no", a delivery status notification (multipart/report), Precedence bulk, junk or list,
 * or an X-Autoreply / X-Autorespond header.
 */
export function automaticReason(mail: ParsedMail, nullSender: boolean): string | undefined {
  const returnPath = mail.headerLines.find((line) => line.key === "return-path")?.line;
  if (nullSender || (returnPath !== undefined && /:\s*<\s*>\s*$/.test(returnPath))) return "null sender";
  const autoSubmitted = header(mail, "auto-submitted")?.split(";")[0]?.trim().toLowerCase();
  if (autoSubmitted && autoSubmitted !== "no") return `Auto-Submitted: ${autoSubmitted}`;
  if (header(mail, "content-type")?.toLowerCase() === "multipart/report") return "delivery status notification";
  const precedence = header(mail, "precedence")?.trim().toLowerCase();
  if (precedence === "bulk" || precedence === "junk" || precedence === "list") return `Precedence: ${precedence}`;
  if (mail.headers.has("x-autoreply")) return "X-Autoreply";
  if (mail.headers.has("x-autorespond")) return "X-Autorespond";
  return undefined;
}

function fileName(raw: string | undefined): string | undefined {
  // Kept for display and the download's Content-Disposition only; never a path.
  // eslint-disable-next-line no-control-regex
  const base = storable(raw ?? "").split(/[\\/]/).pop()?.replace(/[\u0000-\u001f\u007f]/g, "").trim().slice(0, 200);
  return base || undefined;
}

/** Parses a raw mail; `nullSender` is true when the SMTP envelope's sender was <>. MailRefused when it names no sender. */
export async function readMail(raw: Buffer, options: { nullSender: boolean; envelopeFrom?: string }): Promise<ReceivedMail> {
  const mail = await simpleParser(raw, { maxHtmlLengthToParse: MAX_HTML_TO_TEXT });
  const from = firstAddress(mail.from) ?? (options.envelopeFrom ? { address: options.envelopeFrom.toLowerCase() } : undefined);
  if (!from) throw new MailRefused("the mail names no sender (no From header)");
  const replyTo = firstAddress(mail.replyTo)?.address;
  const inReplyTo = messageIdsOf(mail.inReplyTo);
  const references = messageIdsOf(mail.references);
  const messageId = mail.messageId ? normalMessageId(mail.messageId) : `sha256-${createHash("sha256").update(raw).digest("hex")}@switchboard.invalid`;
  return {
    messageId,
    refs: [...new Set([...inReplyTo, ...[...references].reverse()])],
    references,
    from,
    ...(replyTo && replyTo !== from.address && emailAddress.safeParse(replyTo).success ? { replyTo } : {}),
    subject: storable(mail.subject ?? "").replace(/\s+/g, " ").trim().slice(0, 500),
    ...(mail.date && !Number.isNaN(mail.date.getTime()) ? { date: mail.date.toISOString() } : {}),
    text: storable(mail.text ?? ""),
    headers: storable(mail.headerLines.map((line) => line.line).join("\n")).slice(0, MAX_HEADER_CHARS),
    automatic: automaticReason(mail, options.nullSender),
    attachments: mail.attachments.map((a) => ({ name: fileName(a.filename), contentType: a.contentType || "application/octet-stream", content: a.content })),
  };
}
