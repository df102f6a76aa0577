/**
 * An admin's checks of an inbox's channel: its credentials against the provider (the table in registry.ts), and a
 * fixed test message through the channel's own sender to a recipient the admin names (Telegram and SMS: the senders
 * that need nothing but the recipient; the others answer within a conversation, so they have no test message).
 */
import type { CredentialCheckDTO, TestMessageDTO } from "../contracts/channels.ts";
import { AppError } from "../errors.ts";
import { DeliveryError, type ChannelSender } from "../modules/conversations/index.ts";
import type { ServiceDeps } from "../modules/deps.ts";
import { storedInbox } from "../modules/inboxes/index.ts";
import type { CredentialCheck } from "./credential-check.ts";
import { CREDENTIAL_CHECKS } from "./registry.ts";
import { smsThreadId } from "./sms/inbound.ts";
import { smsSender } from "./sms/outbound.ts";
import { telegramThreadId } from "./telegram/inbound.ts";
import { telegramSender } from "./telegram/outbound.ts";

type Deps = Pick<ServiceDeps, "db" | "secrets">;

/** The text a test message carries. */
export const TEST_MESSAGE_TEXT = "This is a test message from Switchboard: this inbox can send replies.";

const NO_SETTINGS: { ok: false; reason: string } = { ok: false, reason: "the inbox has no usable settings (sealed under another SECRETS_KEY, or never set): enter them again" };

/** How each channel with a test message names its recipient, and sends to it. */
const TEST_RECIPIENTS: Record<string, { pattern: RegExp; hint: string; threadId: (inboxId: string, to: string) => string; sender: (deps: Deps) => ChannelSender }> = {
  telegram: { pattern: /^-?\d{1,15}$/, hint: "to must be a Telegram chat id (digits; negative for a group)", threadId: (inboxId, to) => telegramThreadId(inboxId, Number(to)), sender: telegramSender },
  // No status callback for a test message: there is no stored message for Twilio to report on.
  sms: { pattern: /^\+[1-9]\d{6,14}$/, hint: "to must be an E.164 number such as +14155550100", threadId: smsThreadId, sender: (deps) => smsSender(deps, {}) },
};

/** A provider that could not be reached is an answer, not a server error. */
function failureOf(error: unknown): { ok: false; reason: string } {
  if (error instanceof DeliveryError) return { ok: false, reason: error.message };
  throw error;
}

/** Checks an inbox's stored credentials with its provider; INBOX_CHECK_UNSUPPORTED for channels without one (api, web). */
export async function checkInboxCredentials(deps: Deps, inboxId: string): Promise<CredentialCheckDTO> {
  const { inbox, settings } = await storedInbox(deps, inboxId);
  const check = (CREDENTIAL_CHECKS as Record<string, CredentialCheck<Record<string, unknown>> | undefined>)[inbox.channel];
  if (!check) throw new AppError("INBOX_CHECK_UNSUPPORTED", `A ${inbox.channel} inbox has no provider to check credentials with.`);
  if (!settings) return NO_SETTINGS;
  return check(settings).catch(failureOf);
}

/** Sends TEST_MESSAGE_TEXT to `to` through the inbox's channel (Telegram: a chat id; SMS: a phone number). */
export async function sendTestMessage(deps: Deps, inboxId: string, to: string | undefined): Promise<TestMessageDTO> {
  const { inbox, settings } = await storedInbox(deps, inboxId);
  const recipient = TEST_RECIPIENTS[inbox.channel];
  if (!recipient) throw new AppError("INBOX_CHECK_UNSUPPORTED", `A ${inbox.channel} inbox sends only within a conversation: it has no test message.`);
  if (!to || !recipient.pattern.test(to)) throw new AppError("VALIDATION_FAILED", `Invalid input: ${recipient.hint}.`, { to: recipient.hint });
  if (!settings) return NO_SETTINGS;
  const message = { messageId: `test-message:${Date.now()}`, inboxId: inbox.id, conversationId: "", externalId: recipient.threadId(inbox.id, to), text: TEST_MESSAGE_TEXT, sender: { type: "agent" }, createdAt: new Date() };
  return recipient
    .sender(deps)
    .send(message)
    .then((sent): TestMessageDTO => ({ ok: true, externalId: sent.externalId ?? null }))
    .catch(failureOf);
}
