/** DTOs of the helpdesk's settings and agent tools (users and teams, audit log, canned replies, notes, labels), shared by server and console. */
import type { UserDTO } from "./api.ts";

/** One settings change in the audit log (GET /api/v1/audit-log). */
export type AuditEntryDTO = {
  id: number;
  actor: { id: string | null; name: string };
  /** "user.created", "user.updated", "user.deactivated", "user.password_reset", "team.created", "label.deleted" … */
  action: string;
  target: { type: string; id: string | null };
  /** The changed fields as they were (null for a creation). */
  before: Record<string, unknown> | null;
  /** The changed fields as they are now (null for a deletion). */
  after: Record<string, unknown> | null;
  createdAt: string;
};

/** What an agent can handle. */
export type SkillsDTO = { intents: string[]; languages: string[] };

/** A console user as admins manage them (GET/POST/PATCH /api/v1/users). */
export type ManagedUserDTO = UserDTO & {
  active: boolean;
  skills: SkillsDTO;
  /** The most open conversations at once; null: no limit. */
  capacity: number | null;
  teamIds: string[];
  createdAt: string;
};

/** A new user and the temporary password shown once (POST /api/v1/users, POST /api/v1/users/:id/password). */
export type CreatedUserDTO = { user: ManagedUserDTO; temporaryPassword: string };

/** A new user who was mailed a one-time link to choose their password (POST /api/v1/users with `invite: "email"`). */
export type InvitedUserDTO = { user: ManagedUserDTO; invited: true };

/** A team (GET/POST/PATCH /api/v1/teams). */
export type TeamDTO = {
  id: string;
  name: string;
  memberIds: string[];
  inboxIds: string[];
  intents: string[];
  createdAt: string;
};

/** A canned reply (GET/POST/PATCH /api/v1/canned-replies). */
export type CannedReplyDTO = {
  id: string;
  shortcut: string;
  text: string;
  shared: boolean;
  ownerId: string | null;
  intents: string[];
  /** With `?conversationId=`: the text with {{customer.name}}, {{order.number}} and {{agent.name}} filled in. */
  rendered?: string;
  /** With `?conversationId=`: true when one of `intents` is the intent of the conversation's last customer message. */
  suggested?: boolean;
  createdAt: string;
  updatedAt: string;
};

/** The variables a canned reply may contain. */
export const CANNED_VARIABLES = ["customer.name", "order.number", "agent.name"] as const;

/** A private note in a conversation (never sent to the customer). */
export type ConversationNoteDTO = {
  id: string;
  conversationId: string;
  author: { id: string | null; name: string };
  text: string;
  mentions: { id: string; name: string }[];
  createdAt: string;
};

/** A notification for a console user (GET /api/v1/notifications, the `notification:new` console event). */
export type NotificationDTO = {
  id: string;
  /**
   * "mention": a colleague @mentioned you in a note; "assigned": a conversation was assigned to you; "sla_breach": a ticket
   * of your team's inbox missed its SLA; "team_queued": a conversation transferred to your team (`team`) waits in its queue;
   * "negative_spike" (managers and admins): the share of negative customer messages of an inbox or topic (`scope`, `key`,
   * `label`) rose to `share` over the hour, above its `threshold`; `drillDown` lists the messages behind it.
   */
  type: "mention" | "assigned" | "sla_breach" | "team_queued" | "negative_spike";
  data: {
    conversationId?: string;
    noteId?: string;
    by?: string;
    text?: string;
    ticketId?: string;
    ticketNumber?: number;
    metric?: string;
    priority?: string;
    dueAt?: string;
    team?: string;
    alertId?: string;
    scope?: "inbox" | "topic";
    key?: string;
    label?: string;
    share?: number;
    threshold?: number;
    negative?: number;
    volume?: number;
    drillDown?: string;
  };
  readAt: string | null;
  createdAt: string;
};

/** A label (GET/POST/PATCH /api/v1/labels). */
export type LabelDTO = {
  id: string;
  name: string;
  /** A CSS hex colour, "#rrggbb". */
  color: string;
  /** A customer message with one of these intents puts the label on its conversation. */
  intents: string[];
  createdAt: string;
};

/** A label as shown on a conversation. */
export type LabelChipDTO = { id: string; name: string; color: string };
