/**
 * The channels an inbox can be, and the settings each one takes (`POST /api/v1/inboxes` {name, channel, settings}).
 * Settings hold credentials: the server seals them at rest and never returns them.
 */
import { z } from "zod";

export { CONVERSATION_CHANNELS, INBOX_CHANNELS, type ConversationChannel, type InboxChannel } from "./channel-names.ts";
import type { InboxChannel } from "./channel-names.ts";

const secret = (name: string, min = 1) => z.string({ error: `${name} is required` }).min(min, `${name} must be at least ${min} characters`).max(1000);
const httpUrl = (name: string) => z.url({ protocol: /^https?$/, error: `${name} must be an http(s) URL` }).max(2000);

/** Telegram Bot API: the token BotFather gave, the secret Telegram sends back in X-Telegram-Bot-Api-Secret-Token, and the API's base URL. */
export const telegramSettings = z
  .object({
    botToken: z.string({ error: "botToken is required" }).regex(/^\d{1,20}:[A-Za-z0-9_-]{20,200}$/, "botToken must look like 123456789:AA… (as BotFather gives it)"),
    // Telegram allows 1–256 characters of A-Z, a-z, 0-9, _ and - in a webhook's secret_token.
    webhookSecret: z.string({ error: "webhookSecret is required" }).regex(/^[A-Za-z0-9_-]{16,256}$/, "webhookSecret must be 16–256 letters, digits, _ or -"),
    apiBaseUrl: httpUrl("apiBaseUrl").default("https://api.telegram.org"),
  })
  .strict();

/** Email: the address customers write to, the SMTP relay replies go through, and optionally an IMAP mailbox to poll. */
export const emailSettings = z
  .object({
    address: z.email("address must be an email address").max(320),
    smtpUrl: z.url({ protocol: /^smtps?$/, error: "smtpUrl must be an smtp:// or smtps:// URL" }).max(2000),
    imapUrl: z
      .url({ protocol: /^imaps?$/, error: "imapUrl must be an imap:// or imaps:// URL" })
      .max(2000)
      .refine((url) => {
        const parsed = URL.canParse(url) ? new URL(url) : undefined;
        return !parsed || (parsed.username !== "" && parsed.password !== "");
      }, "imapUrl must carry the mailbox's credentials (imaps://user:password@host)")
      .optional(),
  })
  .strict();

/** WhatsApp Cloud API: the business phone number's id, the access token, the app secret (signatures) and the verify token (challenge). */
export const whatsappSettings = z
  .object({
    phoneNumberId: z.string({ error: "phoneNumberId is required" }).regex(/^\d{1,30}$/, "phoneNumberId must be digits"),
    accessToken: secret("accessToken"),
    appSecret: secret("appSecret"),
    verifyToken: secret("verifyToken", 8),
    apiBaseUrl: httpUrl("apiBaseUrl").default("https://graph.facebook.com"),
  })
  .strict();

/** Slack Events API: the bot token replies are posted with, and the signing secret requests are verified with. */
export const slackSettings = z
  .object({
    botToken: z.string({ error: "botToken is required" }).regex(/^xoxb-[A-Za-z0-9-]{10,300}$/, "botToken must be a bot token (xoxb-…)"),
    signingSecret: secret("signingSecret", 16),
    apiBaseUrl: httpUrl("apiBaseUrl").default("https://slack.com/api"),
  })
  .strict();

/** SMS through Twilio: the account, its auth token (signatures and API) and the number replies are sent from. */
export const smsSettings = z
  .object({
    accountSid: z.string({ error: "accountSid is required" }).regex(/^AC[0-9a-fA-F]{32}$/, "accountSid must be AC followed by 32 hex digits"),
    authToken: secret("authToken", 16),
    fromNumber: z.string({ error: "fromNumber is required" }).regex(/^\+[1-9]\d{6,14}$/, "fromNumber must be an E.164 number such as +14155550100"),
    apiBaseUrl: httpUrl("apiBaseUrl").default("https://api.twilio.com"),
  })
  .strict();

/** API channel: where replies are posted, and the secret they are signed with (HMAC-SHA256). */
export const apiChannelSettings = z
  .object({
    webhookUrl: httpUrl("webhookUrl"),
    webhookSecret: secret("webhookSecret", 16),
  })
  .strict();

/** The web widget: nothing to configure here (its identity secret has its own endpoint). */
export const webSettings = z.object({}).strict();

/** Each channel's settings schema. */
export const CHANNEL_SETTINGS = {
  email: emailSettings,
  telegram: telegramSettings,
  whatsapp: whatsappSettings,
  slack: slackSettings,
  sms: smsSettings,
  api: apiChannelSettings,
  web: webSettings,
} as const satisfies Record<InboxChannel, z.ZodType>;

/** The settings of one channel, as stored (defaults applied). */
export type ChannelSettings<C extends InboxChannel> = z.output<(typeof CHANNEL_SETTINGS)[C]>;

/** The channels whose provider calls a webhook at `POST /channels/<channel>/<inboxId>`. */
export const WEBHOOK_CHANNELS: readonly InboxChannel[] = ["telegram", "whatsapp", "slack", "sms", "api"];

/** An inbox as the API shows it: never its settings, only which of them are set. */
export type InboxDTO = {
  id: string;
  name: string;
  channel: string;
  /** Where the provider must send this inbox's webhooks; null for channels without one (web, email). */
  webhookUrl: string | null;
  /** The names of the settings stored for this inbox (their values are never returned). */
  configured: string[];
  /** False for an inbox that takes no webhook and sends nothing until an admin enables it (the demo's channel inboxes). */
  enabled: boolean;
  /** Whether resolved conversations of this inbox are asked to rate them (PATCH `csat`; and only while CSAT=on). */
  csat: boolean;
  createdAt: string;
  /** An `api` inbox's token for its integrator: in the answer to its creation (and to POST …/token) only. */
  inboxToken?: string;
};

/**
 * The answer of `POST /api/v1/inboxes/:id/verify`: the provider took the inbox's credentials (`account` names the bot,
 * team or account it answered with), or refused them or could not be reached (`reason`, in the provider's words).
 */
export type CredentialCheckDTO = { ok: true; account: string } | { ok: false; reason: string };

/** The answer of `POST /api/v1/inboxes/:id/test-message`: the provider took the message (its id there), or why not. */
export type TestMessageDTO = { ok: true; externalId: string | null } | { ok: false; reason: string };
