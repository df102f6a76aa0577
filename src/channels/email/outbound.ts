/**
 * Replies to email conversations through the inbox's SMTP relay (nodemailer): From the inbox's address, To the
 * customer (their Reply-To when they gave one), "Re: <subject>", In-Reply-To and References of their last mail, and a
 * Message-ID that carries the conversation's token. An SMTP 4xx or a connection failure is retried, a 5xx is not.
 */
import nodemailer from "nodemailer";
import { DeliveryError, lastCustomerMail, rememberMailIds, type ChannelSender } from "../../modules/conversations/index.ts";
import { childLogger } from "../../logger.ts";
import type { ServiceDeps } from "../../modules/deps.ts";
import { channelInbox } from "../../modules/inboxes/index.ts";
import { replyMessageId } from "./message-ids.ts";

const log = childLogger("email");

/** How long the relay may take to answer (connecting, greeting, each command). */
const SMTP_TIMEOUT_MS = 15_000;

/** What the customer's last mail recorded (metadata.email), as far as the reply needs it. */
type CustomerMail = { messageId?: string; from?: string; replyTo?: string; subject?: string; references?: string[] };

/** "Re: " before the subject, once. */
export function replySubject(subject: string | undefined): string {
  const base = subject?.trim() || "Your message";
  return /^re:/i.test(base) ? base : `Re: ${base}`;
}

/** An SMTP failure as a DeliveryError: a 4xx reply or no reply at all (connection, timeout) is worth another attempt. */
export function deliveryError(error: unknown): DeliveryError {
  const failure = error as { responseCode?: number; code?: string; response?: string; message?: string };
  if (typeof failure.responseCode === "number") {
    const reply = (failure.response ?? failure.message ?? "").replace(/\s+/g, " ").trim().slice(0, 300);
    return new DeliveryError(`the SMTP relay answered ${reply || failure.responseCode}`, { retryable: failure.responseCode < 500 });
  }
  return new DeliveryError(`could not reach the SMTP relay: ${failure.code ?? failure.message ?? String(error)}`, { retryable: true });
}

/** The email sender: one SMTP transaction per reply, through the inbox's `smtpUrl`. */
export function emailSender(deps: Pick<ServiceDeps, "db" | "secrets">): ChannelSender {
  return {
    async send(message) {
      const found = await channelInbox(deps, message.inboxId, "email");
      if (!found) throw new DeliveryError("the email inbox is gone or has no settings", { retryable: false });
      const last = (await lastCustomerMail(deps, message.conversationId)) as CustomerMail | undefined;
      const to = last?.replyTo ?? last?.from;
      if (!to) throw new DeliveryError("the conversation has no mail from the customer to answer", { retryable: false });
      const { address, smtpUrl } = found.settings;
      const threadId = message.externalId;
      if (!threadId?.startsWith(`${message.inboxId}:`)) throw new DeliveryError("the conversation is no longer an email thread of this inbox", { retryable: false });
      const messageId = replyMessageId(message.inboxId, threadId, message.messageId, address);
      const references = [...(last?.references ?? []), ...(last?.messageId ? [last.messageId] : [])].slice(-20);
      const automatic = message.sender.type !== "agent";
      const transport = nodemailer.createTransport({ url: smtpUrl, connectionTimeout: SMTP_TIMEOUT_MS, greetingTimeout: SMTP_TIMEOUT_MS, socketTimeout: SMTP_TIMEOUT_MS });
      try {
        await transport.sendMail({
          from: { name: found.inbox.name, address },
          to,
          subject: replySubject(last?.subject),
          text: message.text,
          // The same Message-ID on every attempt: a receiver that got a retried mail twice can tell.
          messageId: `<${messageId}>`,
          ...(last?.messageId ? { inReplyTo: `<${last.messageId}>` } : {}),
          ...(references.length > 0 ? { references: references.map((id) => `<${id}>`) } : {}),
          // RFC 3834: the bot's answers (and notices) are automatic, so well-behaved auto-responders do not answer them.
          headers: automatic ? { "Auto-Submitted": "auto-replied", "X-Auto-Response-Suppress": "All" } : {},
        });
      } catch (error) {
        throw deliveryError(error);
      } finally {
        transport.close();
      }
      // The relay took the mail: failing to note its Message-ID must not send it again (its token threads replies anyway).
      await rememberMailIds(deps, message.inboxId, message.conversationId, [messageId]).catch((error: unknown) =>
        log.warn({ err: error, messageId: message.messageId }, "could not remember a sent mail's Message-ID"),
      );
      return { externalId: messageId };
    },
  };
}

/**
 * Sends one mail outside any conversation (the inbox's test message) through the inbox's relay, marked
 * `Auto-Submitted: auto-generated` so that, sent to the inbox's own address, it is stored without a bot turn.
 */
export async function sendStandaloneMail(
  settings: { address: string; smtpUrl: string },
  mail: { fromName: string; to: string; subject: string; text: string },
): Promise<{ externalId?: string }> {
  const transport = nodemailer.createTransport({ url: settings.smtpUrl, connectionTimeout: SMTP_TIMEOUT_MS, greetingTimeout: SMTP_TIMEOUT_MS, socketTimeout: SMTP_TIMEOUT_MS });
  try {
    const info = (await transport.sendMail({
      from: { name: mail.fromName, address: settings.address },
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      headers: { "Auto-Submitted": "auto-generated", "X-Auto-Response-Suppress": "All" },
    })) as { messageId?: string };
    return info.messageId ? { externalId: info.messageId.replace(/^<|>$/g, "") } : {};
  } catch (error) {
    throw deliveryError(error);
  } finally {
    transport.close();
  }
}
