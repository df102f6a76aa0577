/** Operations of the agent's tools: canned replies, private notes, notifications, labels. */
import { z } from "zod";
import { cannedIdParams, cannedListQuery, changeCannedBody, createCannedBody } from "../../modules/canned/canned.routes.ts";
import { changeLabelBody, conversationLabelsBody, createLabelBody, labelIdParams } from "../../modules/labels/labels.routes.ts";
import { noteBody, noteConversationParams, notificationIdParams, notificationsQuery } from "../../modules/notes/notes.routes.ts";
import type { Operation } from "./operation.ts";
import { cannedReplyDTO, conversationNoteDTO, labelDTO, notificationDTO } from "./schemas-helpdesk.ts";

const V1 = "/api/v1";
const TAG = "Agent tools";
const chip = z.object({ id: z.uuid(), name: z.string(), color: z.string() });

/** The agent tools' operations. */
export const agentToolOperations: Operation[] = [
  {
    method: "get",
    path: `${V1}/canned-replies`,
    tag: TAG,
    summary: "List canned replies",
    description:
      "Every shared reply and your personal ones, by shortcut. With `conversationId`, each has `rendered` (its {{customer.name}}, {{order.number}} and {{agent.name}} filled in) and `suggested` (it fits the conversation's last customer intent); suggested ones come first.",
    access: { auth: "session", actions: ["canned.personal"] },
    query: cannedListQuery,
    success: { status: 200, description: "The replies.", data: z.array(cannedReplyDTO) },
    errors: ["CONVERSATION_NOT_FOUND"],
  },
  {
    method: "post",
    path: `${V1}/canned-replies`,
    tag: TAG,
    summary: "Add a canned reply",
    description: "`shared: false` is a personal reply, visible to you only; `shared: true` needs a manager or admin. An unknown {{variable}} is refused.",
    access: { auth: "session", actions: ["canned.personal", "canned.shared"] },
    body: createCannedBody,
    success: { status: 201, description: "The reply.", data: cannedReplyDTO },
    errors: ["CANNED_REPLY_EXISTS"],
  },
  {
    method: "patch",
    path: `${V1}/canned-replies/:id`,
    tag: TAG,
    summary: "Change a canned reply",
    description: "Your personal replies, or shared ones for managers and admins; a colleague's personal reply is not found.",
    access: { auth: "session", actions: ["canned.personal", "canned.shared"] },
    params: cannedIdParams,
    body: changeCannedBody,
    success: { status: 200, description: "The reply.", data: cannedReplyDTO },
    errors: ["CANNED_REPLY_NOT_FOUND", "CANNED_REPLY_EXISTS"],
  },
  {
    method: "delete",
    path: `${V1}/canned-replies/:id`,
    tag: TAG,
    summary: "Delete a canned reply",
    access: { auth: "session", actions: ["canned.personal", "canned.shared"] },
    params: cannedIdParams,
    success: { status: 204, description: "Deleted." },
    errors: ["CANNED_REPLY_NOT_FOUND"],
  },
  {
    method: "get",
    path: `${V1}/conversations/:id/notes`,
    tag: TAG,
    summary: "A conversation's private notes",
    access: { auth: "session", actions: ["conversation.read"] },
    params: noteConversationParams,
    success: { status: 200, description: "The notes, oldest first.", data: z.array(conversationNoteDTO) },
    errors: ["CONVERSATION_NOT_FOUND"],
  },
  {
    method: "post",
    path: `${V1}/conversations/:id/notes`,
    tag: TAG,
    summary: "Add a private note",
    description:
      "Never sent to the customer on any channel (stored apart from messages). `@handle` mentions a colleague by the part of their email before @ or, when unique, their first name: they get a notification (stored, and `notification:new` on their console).",
    access: { auth: "session", actions: ["conversation.note"] },
    params: noteConversationParams,
    body: noteBody,
    success: { status: 201, description: "The note.", data: conversationNoteDTO },
    errors: ["CONVERSATION_NOT_FOUND"],
  },
  {
    method: "get",
    path: `${V1}/notifications`,
    tag: TAG,
    summary: "Your notifications",
    access: { auth: "session" },
    query: notificationsQuery,
    success: { status: 200, description: "A page, newest first (`unread=true`: unread only).", page: notificationDTO },
  },
  {
    method: "post",
    path: `${V1}/notifications/:id/read`,
    tag: TAG,
    summary: "Mark a notification read",
    access: { auth: "session" },
    params: notificationIdParams,
    success: { status: 200, description: "The notification.", data: notificationDTO },
  },
  {
    method: "get",
    path: `${V1}/labels`,
    tag: TAG,
    summary: "List labels",
    access: { auth: "actor", actions: ["conversation.read"] },
    success: { status: 200, description: "Every label by name, with its intent rule.", data: z.array(labelDTO) },
  },
  {
    method: "post",
    path: `${V1}/labels`,
    tag: TAG,
    summary: "Add a label",
    description: "A customer message whose intent is in `intents` puts the label on its conversation.",
    access: { auth: "session", actions: ["settings.labels"] },
    body: createLabelBody,
    success: { status: 201, description: "The label.", data: labelDTO },
    errors: ["LABEL_EXISTS"],
  },
  {
    method: "patch",
    path: `${V1}/labels/:id`,
    tag: TAG,
    summary: "Change a label",
    access: { auth: "session", actions: ["settings.labels"] },
    params: labelIdParams,
    body: changeLabelBody,
    success: { status: 200, description: "The label.", data: labelDTO },
    errors: ["LABEL_NOT_FOUND", "LABEL_EXISTS"],
  },
  {
    method: "delete",
    path: `${V1}/labels/:id`,
    tag: TAG,
    summary: "Delete a label",
    description: "It leaves every conversation.",
    access: { auth: "session", actions: ["settings.labels"] },
    params: labelIdParams,
    success: { status: 204, description: "Deleted." },
    errors: ["LABEL_NOT_FOUND"],
  },
  {
    method: "put",
    path: `${V1}/conversations/:id/labels`,
    tag: TAG,
    summary: "Set a conversation's labels",
    description: "The conversation gets exactly these labels (ids or names); an unknown one is 400 naming it, and nothing changes.",
    access: { auth: "session", actions: ["conversation.label"] },
    params: labelIdParams,
    body: conversationLabelsBody,
    success: { status: 200, description: "The conversation's labels, by name.", data: z.array(chip) },
    errors: ["CONVERSATION_NOT_FOUND"],
  },
];
