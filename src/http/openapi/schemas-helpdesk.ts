/** zod schemas of the helpdesk's responses (src/contracts/helpdesk.ts), for the OpenAPI document only. */
import { z } from "zod";
import type {
  AuditEntryDTO,
  CannedReplyDTO,
  ConversationNoteDTO,
  CreatedUserDTO,
  InvitedUserDTO,
  LabelDTO,
  ManagedUserDTO,
  NotificationDTO,
  TeamDTO,
} from "../../contracts/helpdesk.ts";
import { instant, jsonObject, userDTO } from "./schemas-api.ts";

/** A console user as admins manage them. */
export const managedUserDTO = userDTO
  .extend({
    active: z.boolean().meta({ description: "False once deactivated: cannot log in, never assigned." }),
    skills: z.object({ intents: z.array(z.string()), languages: z.array(z.string()) }),
    capacity: z.number().int().nullable().meta({ description: "The most open conversations at once; null: no limit." }),
    teamIds: z.array(z.uuid()),
    createdAt: instant,
  })
  .meta({ id: "ManagedUser" }) satisfies z.ZodType<ManagedUserDTO>;

/** A user with the temporary password shown this once. */
export const createdUserDTO = z
  .object({ user: managedUserDTO, temporaryPassword: z.string().meta({ description: "Shown once; only its hash is stored." }) })
  .meta({ id: "CreatedUser" }) satisfies z.ZodType<CreatedUserDTO>;

/** A user who was mailed an invite link (no password is answered). */
export const invitedUserDTO = z
  .object({ user: managedUserDTO, invited: z.literal(true).meta({ description: "The invite mail went out; its link sets the password once within 72 hours." }) })
  .meta({ id: "InvitedUser" }) satisfies z.ZodType<InvitedUserDTO>;

/** A team. */
export const teamDTO = z
  .object({ id: z.uuid(), name: z.string(), memberIds: z.array(z.uuid()), inboxIds: z.array(z.string()), intents: z.array(z.string()), createdAt: instant })
  .meta({ id: "Team" }) satisfies z.ZodType<TeamDTO>;

/** One settings change. */
export const auditEntryDTO = z
  .object({
    id: z.number().int(),
    actor: z.object({ id: z.uuid().nullable(), name: z.string() }),
    action: z.string(),
    target: z.object({ type: z.string(), id: z.string().nullable() }),
    before: jsonObject.nullable(),
    after: jsonObject.nullable(),
    createdAt: instant,
  })
  .meta({ id: "AuditEntry" }) satisfies z.ZodType<AuditEntryDTO>;

/** A canned reply. */
export const cannedReplyDTO = z
  .object({
    id: z.uuid(),
    shortcut: z.string(),
    text: z.string(),
    shared: z.boolean(),
    ownerId: z.uuid().nullable(),
    intents: z.array(z.string()),
    rendered: z.string().optional().meta({ description: "With ?conversationId=: the text with its variables filled in." }),
    suggested: z.boolean().optional().meta({ description: "With ?conversationId=: it fits the intent of the conversation's last customer message." }),
    createdAt: instant,
    updatedAt: instant,
  })
  .meta({ id: "CannedReply" }) satisfies z.ZodType<CannedReplyDTO>;

/** A private note in a conversation. */
export const conversationNoteDTO = z
  .object({
    id: z.uuid(),
    conversationId: z.uuid(),
    author: z.object({ id: z.uuid().nullable(), name: z.string() }),
    text: z.string(),
    mentions: z.array(z.object({ id: z.uuid(), name: z.string() })),
    createdAt: instant,
  })
  .meta({ id: "ConversationNote" }) satisfies z.ZodType<ConversationNoteDTO>;

/** A notification. */
export const notificationDTO = z
  .object({
    id: z.uuid(),
    type: z.enum(["mention", "assigned", "sla_breach", "team_queued", "negative_spike"]),
    data: z.object({
      conversationId: z.string().optional(),
      noteId: z.string().optional(),
      by: z.string().optional(),
      text: z.string().optional(),
      ticketId: z.string().optional(),
      ticketNumber: z.number().int().optional(),
      metric: z.string().optional(),
      priority: z.string().optional(),
      dueAt: z.string().optional(),
      team: z.string().optional(),
      alertId: z.string().optional(),
      scope: z.enum(["inbox", "topic"]).optional(),
      key: z.string().optional(),
      label: z.string().optional(),
      share: z.number().optional(),
      threshold: z.number().optional(),
      negative: z.number().int().optional(),
      volume: z.number().int().optional(),
      drillDown: z.string().optional().meta({ description: "The drill-down (GET /api/v1/reports/messages…) listing the negative messages behind a negative_spike." }),
    }),
    readAt: instant.nullable(),
    createdAt: instant,
  })
  .meta({ id: "Notification" }) satisfies z.ZodType<NotificationDTO>;

/** A label. */
export const labelDTO = z
  .object({ id: z.uuid(), name: z.string(), color: z.string().meta({ description: "#rrggbb" }), intents: z.array(z.string()), createdAt: instant })
  .meta({ id: "Label" }) satisfies z.ZodType<LabelDTO>;
