/** Operations of inbox administration: inboxes of every channel, their settings sealed and never returned. */
import { z } from "zod";
import { testMessageBody } from "../../channels/inbox-checks.routes.ts";
import { INBOX_CHANNELS, type CredentialCheckDTO, type InboxDTO, type TestMessageDTO } from "../../contracts/channels.ts";
import { changeInboxBody, createInboxBody, inboxIdParams } from "../../modules/inboxes/inboxes.routes.ts";
import type { Operation } from "./operation.ts";
import { instant } from "./schemas-api.ts";

const V1 = "/api/v1";
const admins = { auth: "session", actions: ["settings.inboxes"] } as const;

/** An inbox: never its settings, only the names of those stored. */
export const inboxDTO = z
  .object({
    id: z.string(),
    name: z.string(),
    channel: z.string().meta({ description: `One of ${INBOX_CHANNELS.join(", ")}, or botframework for the Bot Framework inbox.` }),
    webhookUrl: z.string().nullable().meta({ description: "Where the provider must send this inbox's webhooks; null for web and email." }),
    configured: z.array(z.string()).meta({ description: "The names of the settings stored (values are never returned)." }),
    enabled: z.boolean().meta({ description: "False: the inbox takes no webhook (409 INBOX_DISABLED) and sends nothing until an admin enables it." }),
    csat: z.boolean().meta({ description: "Whether this inbox's resolved conversations are asked to rate them (CSAT; PATCH csat)." }),
    createdAt: instant,
    inboxToken: z
      .string()
      .optional()
      .meta({ description: "An api inbox's token for its integrator (`sbi_…`), in the answer to its creation or to POST …/token only." }),
  })
  .meta({ id: "Inbox" }) satisfies z.ZodType<InboxDTO>;

const refusal = z.object({ ok: z.literal(false), reason: z.string().meta({ description: "The provider's own message, or why it could not be reached." }) });

/** The answer of a credential check: the account the provider names, or its refusal. */
export const credentialCheckDTO = z
  .discriminatedUnion("ok", [z.object({ ok: z.literal(true), account: z.string().meta({ description: "The bot's @username, the Slack team, the Twilio account's name, the WhatsApp number's verified name, or the SMTP relay." }) }), refusal])
  .meta({ id: "CredentialCheck" }) satisfies z.ZodType<CredentialCheckDTO>;

/** The answer of a test message: the provider's id of the message, or its refusal. */
export const testMessageDTO = z
  .discriminatedUnion("ok", [z.object({ ok: z.literal(true), externalId: z.string().nullable() }), refusal])
  .meta({ id: "TestMessage" }) satisfies z.ZodType<TestMessageDTO>;

/** The inbox operations. */
export const inboxOperations: Operation[] = [
  { method: "get", path: `${V1}/inboxes`, tag: "Inboxes", summary: "List inboxes", access: admins, success: { status: 200, description: "Every inbox, oldest first.", data: z.array(inboxDTO) } },
  {
    method: "post",
    path: `${V1}/inboxes`,
    tag: "Inboxes",
    summary: "Add an inbox",
    description: "Settings are validated for the channel (README, Channels), sealed with AES-256-GCM under SECRETS_KEY, and never returned.",
    access: admins,
    body: createInboxBody,
    success: { status: 201, description: "The new inbox with the webhook URL to register with the provider (and an api inbox's token, shown this once).", data: inboxDTO },
  },
  {
    method: "post",
    path: `${V1}/inboxes/:id/token`,
    tag: "Inboxes",
    summary: "Replace an API-channel inbox's token",
    description: "Draws a new token for the integrator (shown this once; only its SHA-256 is stored); the old one stops working.",
    access: admins,
    params: inboxIdParams,
    success: { status: 201, description: "The new token.", data: z.object({ inboxToken: z.string() }) },
    errors: ["INBOX_NOT_FOUND"],
  },
  {
    method: "patch",
    path: `${V1}/inboxes/:id`,
    tag: "Inboxes",
    summary: "Rename an inbox, change its settings, enable or disable it",
    description:
      "The settings given replace the stored fields of the same names; the result is validated whole (also when enabling an inbox that was never configured). The channel cannot change.",
    access: admins,
    params: inboxIdParams,
    body: changeInboxBody,
    success: { status: 200, description: "The inbox.", data: inboxDTO },
    errors: ["INBOX_NOT_FOUND"],
  },
  {
    method: "delete",
    path: `${V1}/inboxes/:id`,
    tag: "Inboxes",
    summary: "Delete an inbox",
    description: "Only an inbox without conversations: their history is kept.",
    access: admins,
    params: inboxIdParams,
    success: { status: 204, description: "Deleted." },
    errors: ["INBOX_NOT_FOUND", "INBOX_IN_USE"],
  },

  {
    method: "post",
    path: `${V1}/inboxes/:id/verify`,
    tag: "Inboxes",
    summary: "Check an inbox's credentials with its provider",
    description:
      "Telegram getMe, Slack auth.test, Twilio's account fetch, WhatsApp's phone number, the email inbox's SMTP relay (connect and log in), through the inbox's apiBaseUrl. A refusal or an unreachable provider is a 200 {ok: false, reason}.",
    access: admins,
    params: inboxIdParams,
    success: { status: 200, description: "The provider's answer.", data: credentialCheckDTO },
    errors: ["INBOX_NOT_FOUND", "INBOX_CHECK_UNSUPPORTED"],
  },
  {
    method: "post",
    path: `${V1}/inboxes/:id/test-message`,
    tag: "Inboxes",
    summary: "Send a test message through an inbox",
    description: "A fixed text through the channel's sender to `to`: a chat id for Telegram, an E.164 number for SMS. Other channels answer only within a conversation.",
    access: admins,
    params: inboxIdParams,
    body: testMessageBody,
    success: { status: 200, description: "The provider's answer.", data: testMessageDTO },
    errors: ["INBOX_NOT_FOUND", "INBOX_CHECK_UNSUPPORTED"],
  },
];
