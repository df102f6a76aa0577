/** Operations of inbox administration: inboxes of every channel, their settings sealed and never returned. */
import { z } from "zod";
import { INBOX_CHANNELS, type InboxDTO } from "../../contracts/channels.ts";
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
    createdAt: instant,
    inboxToken: z
      .string()
      .optional()
      .meta({ description: "An api inbox's token for its integrator (`sbi_…`), in the answer to its creation or to POST …/token only." }),
  })
  .meta({ id: "Inbox" }) satisfies z.ZodType<InboxDTO>;

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
];
