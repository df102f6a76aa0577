/**
 * The form fields of each channel's settings, one per field of its schema in src/contracts/channels.ts (the type
 * below fails to compile when a schema gains or loses a field): label, input type, whether it is secret, a hint.
 */
import type { ChannelSettings, InboxChannel } from "../../../../src/contracts/channels.ts";

/** One settings field of the form. */
export type InboxField = { label: string; type: "text" | "email" | "url" | "password"; required: boolean; hint?: string; placeholder?: string };

const apiBaseUrl = (placeholder: string): InboxField => ({ label: "API base URL", type: "url", required: false, placeholder, hint: "Leave empty for the provider's own API." });

/** Every channel's fields, in the form's order. */
export const INBOX_FIELDS: { [C in InboxChannel]: { [K in keyof ChannelSettings<C>]-?: InboxField } } = {
  telegram: {
    botToken: { label: "Bot token", type: "password", required: true, hint: "As BotFather gives it: 123456789:AA…" },
    webhookSecret: { label: "Webhook secret", type: "password", required: true, hint: "16–256 letters, digits, _ or -; pass the same secret_token to setWebhook." },
    apiBaseUrl: apiBaseUrl("https://api.telegram.org"),
  },
  email: {
    address: { label: "Address customers write to", type: "email", required: true, placeholder: "support@example.com" },
    smtpUrl: { label: "Outbound SMTP relay URL", type: "password", required: true, hint: "smtp:// or smtps://, with the relay's user and password." },
    imapUrl: { label: "IMAP mailbox URL", type: "password", required: false, hint: "imaps://user:password@host, to poll a mailbox." },
  },
  whatsapp: {
    phoneNumberId: { label: "Phone number id", type: "text", required: true, hint: "Digits, from WhatsApp → API Setup." },
    accessToken: { label: "Access token", type: "password", required: true },
    appSecret: { label: "App secret", type: "password", required: true, hint: "App settings → Basic; verifies webhook signatures." },
    verifyToken: { label: "Verify token", type: "password", required: true, hint: "At least 8 characters; enter the same one in the webhook settings." },
    apiBaseUrl: apiBaseUrl("https://graph.facebook.com"),
  },
  slack: {
    botToken: { label: "Bot token", type: "password", required: true, hint: "xoxb-…" },
    signingSecret: { label: "Signing secret", type: "password", required: true },
    apiBaseUrl: apiBaseUrl("https://slack.com/api"),
  },
  sms: {
    accountSid: { label: "Account SID", type: "text", required: true, hint: "AC followed by 32 hex digits." },
    authToken: { label: "Auth token", type: "password", required: true },
    fromNumber: { label: "From number", type: "text", required: true, placeholder: "+14155550100" },
    apiBaseUrl: apiBaseUrl("https://api.twilio.com"),
  },
  api: {
    webhookUrl: { label: "Reply webhook URL", type: "url", required: true, placeholder: "https://example.com/switchboard" },
    webhookSecret: { label: "Webhook secret", type: "password", required: true, hint: "At least 16 characters; replies are signed with it (HMAC-SHA256)." },
  },
  web: {},
};

/** The channels whose credentials the server can check with the provider. */
export const VERIFIABLE_CHANNELS: readonly string[] = ["telegram", "email", "whatsapp", "slack", "sms"];
