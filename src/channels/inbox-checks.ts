/**
 * An admin's checks of an inbox's channel: its credentials against the provider (the table in registry.ts), and a
 * fixed test message through the channel's own provider call to a recipient the admin names (test-messages.ts).
 */
import type { ChannelSettings, CredentialCheckDTO, InboxChannel, TestMessageDTO } from "../contracts/channels.ts";
import { AppError } from "../errors.ts";
import { DeliveryError } from "../modules/conversations/index.ts";
import type { ServiceDeps } from "../modules/deps.ts";
import { storedInbox } from "../modules/inboxes/index.ts";
import type { CredentialCheck } from "./credential-check.ts";
import { CREDENTIAL_CHECKS } from "./registry.ts";
import { recipientAccepts, TEST_RECIPIENTS, type TestRecipient } from "./test-messages.ts";

type Deps = Pick<ServiceDeps, "db" | "secrets" | "now">;

export { TEST_MESSAGE_TEXT } from "./test-messages.ts";

const NO_SETTINGS: { ok: false; reason: string } = { ok: false, reason: "the inbox has no usable settings (sealed under another SECRETS_KEY, or never set): enter them again" };

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

/**
 * Sends TEST_MESSAGE_TEXT through the inbox's channel to `to` (Telegram: a chat id; SMS and WhatsApp: a number; Slack: a
 * channel id; email: an address, by default the inbox's own; API: none, its webhookUrl); INBOX_CHECK_UNSUPPORTED for web.
 */
export async function sendTestMessage(deps: Deps, inboxId: string, to: string | undefined): Promise<TestMessageDTO> {
  const { inbox, settings } = await storedInbox(deps, inboxId);
  const recipient = (TEST_RECIPIENTS as Record<string, TestRecipient<InboxChannel> | undefined>)[inbox.channel];
  if (!recipient) throw new AppError("INBOX_CHECK_UNSUPPORTED", `A ${inbox.channel} inbox has no provider to send a test message through.`);
  if (!recipientAccepts(recipient, to)) throw new AppError("VALIDATION_FAILED", `Invalid input: ${recipient.hint}.`, { to: recipient.hint });
  if (!settings) return NO_SETTINGS;
  return recipient
    .send(deps, inbox, settings as ChannelSettings<InboxChannel>, to || undefined)
    .then((sent): TestMessageDTO => ({ ok: true, externalId: sent.externalId ?? null }))
    .catch(failureOf);
}
