/** Operations of the channels an integrator calls directly: the API channel's inbound messages. */
import { z } from "zod";
import { apiChannelMessage } from "../../channels/api/inbound.ts";
import { apiChannelParams } from "../../channels/api/routes.ts";
import type { Operation } from "./operation.ts";

/** The API channel's operations. */
export const channelOperations: Operation[] = [
  {
    method: "post",
    path: "/channels/api/:inboxId",
    tag: "Channels",
    summary: "Post a customer message to an API-channel inbox",
    description: [
      "An integrator's customer writes: `contactId` is the integrator's id for the person (one conversation per contact and inbox), `messageId` makes retries idempotent (the same id answers the stored message).",
      "An email or phone attaches the contact to the customer who already has it.",
      "The bot's and agents' replies are POSTed to the inbox's `webhookUrl` as `{event: \"message.created\", id, inboxId, conversationId, contactId, text, sender: {type, name?}, createdAt}`, with `X-Switchboard-Timestamp` (Unix seconds) and `X-Switchboard-Signature: sha256=<hex HMAC-SHA256 of \"<timestamp>.<raw body>\" under webhookSecret>`; a 429, a 5xx or a network failure is retried.",
    ].join(" "),
    access: { auth: "inboxToken" },
    params: apiChannelParams,
    body: apiChannelMessage,
    success: { status: 202, description: "Stored (before this answer); the bot answers on the webhook.", data: z.object({ id: z.uuid(), conversationId: z.uuid() }) },
    errors: ["WEBHOOK_UNVERIFIED", "INBOX_NOT_FOUND", "INBOX_DISABLED", "MESSAGE_EMPTY", "MESSAGE_TOO_LONG"],
  },
];
