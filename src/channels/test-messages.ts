/**
 * The test message of each channel (`POST /api/v1/inboxes/:id/test-message`): whom `to` names and how one message goes
 * there outside any conversation, through the same provider call replies use.
 */
import { z } from "zod";
import type { ChannelSettings, InboxChannel } from "../contracts/channels.ts";
import type { ServiceDeps } from "../modules/deps.ts";
import { postSigned } from "./api/outbound.ts";
import { sendStandaloneMail } from "./email/outbound.ts";
import { postSlackMessage } from "./slack/outbound.ts";
import { smsThreadId } from "./sms/inbound.ts";
import { smsSender } from "./sms/outbound.ts";
import { telegramThreadId } from "./telegram/inbound.ts";
import { telegramSender } from "./telegram/outbound.ts";
import { postWhatsappText } from "./whatsapp/outbound.ts";

/** The text a test message carries. */
export const TEST_MESSAGE_TEXT = "This is a test message from Switchboard: this inbox can send replies.";

/** The subject of the test mail. */
export const TEST_MAIL_SUBJECT = "Switchboard test message";

/** The event an API inbox's webhook receives for a test message. */
export const API_TEST_EVENT = "inbox.test";

type Deps = Pick<ServiceDeps, "db" | "secrets" | "now">;

/** What a test message needs to be sent: the inbox, its opened settings, and `to` (checked against `pattern` first). */
type TestSend<C extends InboxChannel> = (deps: Deps, inbox: { id: string; name: string }, settings: ChannelSettings<C>, to: string | undefined) => Promise<{ externalId?: string }>;

/** How a channel's test message names its recipient: `pattern` for `to` (`to: "none"` takes none, "optional" may omit it). */
export type TestRecipient<C extends InboxChannel> = { to: "required" | "optional" | "none"; pattern?: RegExp; hint: string; send: TestSend<C> };

const emailAddress = z.email();

/** The channels with a test message, each with its recipient rule and send. */
export const TEST_RECIPIENTS: { [C in InboxChannel]?: TestRecipient<C> } = {
  telegram: {
    to: "required",
    pattern: /^-?\d{1,15}$/,
    hint: "to must be a Telegram chat id (digits; negative for a group)",
    send: (deps, inbox, _settings, to) => telegramSender(deps).send(oneOff(inbox.id, telegramThreadId(inbox.id, Number(to)), "telegram")),
  },
  // No status callback for a test message: there is no stored message for Twilio to report on.
  sms: {
    to: "required",
    pattern: /^\+[1-9]\d{6,14}$/,
    hint: "to must be an E.164 number such as +14155550100",
    send: (deps, inbox, _settings, to) => smsSender(deps, {}).send(oneOff(inbox.id, smsThreadId(inbox.id, to ?? ""), "sms")),
  },
  // WhatsApp takes a free-form text only within 24 hours of the user's last message: outside it, its refusal is the answer.
  whatsapp: {
    to: "required",
    pattern: /^\+?[1-9]\d{6,14}$/,
    hint: "to must be the WhatsApp number in international form, such as +14155550100",
    send: (_deps, _inbox, settings, to) => postWhatsappText(settings, (to ?? "").replace(/^\+/, ""), TEST_MESSAGE_TEXT),
  },
  // Slack: a channel id the bot is a member of (a message outside any thread).
  slack: {
    to: "required",
    pattern: /^[CGD][A-Z0-9]{2,30}$/,
    hint: "to must be a Slack channel id such as C0123456789 (the bot must be in the channel)",
    send: (_deps, _inbox, settings, to) => postSlackMessage(settings, { channel: to ?? "", text: TEST_MESSAGE_TEXT }),
  },
  // Email: to the given address, else to the inbox's own (a round trip when its mail reaches Switchboard).
  email: {
    to: "optional",
    hint: "to must be an email address",
    send: (_deps, inbox, settings, to) => sendStandaloneMail(settings, { fromName: inbox.name, to: to ?? settings.address, subject: TEST_MAIL_SUBJECT, text: TEST_MESSAGE_TEXT }),
  },
  // API channel: the inbox's webhookUrl, signed like replies.
  api: {
    to: "none",
    hint: "to is not taken: the test message goes to the inbox's webhookUrl",
    async send(deps, inbox, settings) {
      const now = deps.now();
      await postSigned(settings, { event: API_TEST_EVENT, inboxId: inbox.id, text: TEST_MESSAGE_TEXT, createdAt: now.toISOString() }, now);
      return {};
    },
  },
};

/** Whether `to` suits the recipient rule. */
export function recipientAccepts(rule: TestRecipient<InboxChannel>, to: string | undefined): boolean {
  if (rule.to === "none") return to === undefined || to === "";
  if (to === undefined || to === "") return rule.to === "optional";
  if (rule.pattern) return rule.pattern.test(to);
  return emailAddress.safeParse(to).success;
}

/** A test message as the channel's reply sender takes it (no conversation, nobody to thread with). */
function oneOff(inboxId: string, externalId: string, channel: string) {
  return { messageId: `test-message:${Date.now()}`, inboxId, channel, conversationId: "", externalId, text: TEST_MESSAGE_TEXT, sender: { type: "agent" }, createdAt: new Date() };
}
