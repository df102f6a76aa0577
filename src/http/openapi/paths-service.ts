/** Operations of the service desk: conversations, tickets, reports, and the Bot Framework channel. */
import { activityShape } from "../../channels/botframework/routes.ts";
import { attachmentParams } from "../../modules/conversations/attachments.routes.ts";
import { conversationIdParams, conversationListQuery, messagesQuery, replyBody, retryParams } from "../../modules/conversations/conversations.routes.ts";
import { topicsQuery } from "../../modules/reports/reports.routes.ts";
import { ticketIdParams, ticketListQuery, ticketPatchBody, ticketTransferBody } from "../../modules/tickets/tickets.routes.ts";
import { agentListQuery } from "../../modules/agents/directory.routes.ts";
import { z } from "zod";
import type { Operation } from "./operation.ts";
import { agentDTO, assignableTeamDTO, conversationDTO, messageDTO, replyChannelDTO, ticketDTO, ticketWithEventsDTO, topicsReportDTO } from "./schemas-api.ts";

const V1 = "/api/v1";
const readConversations = { auth: "actor", actions: ["conversation.read"] } as const;
const readTickets = { auth: "actor", actions: ["ticket.read"] } as const;

/** The service desk's operations. */
export const serviceOperations: Operation[] = [
  {
    method: "get",
    path: `${V1}/conversations`,
    tag: "Conversations",
    summary: "List conversations",
    description: "Most recent activity first. `status=open` (the default) is the bot's and the queue's.",
    access: readConversations,
    query: conversationListQuery,
    success: { status: 200, description: "A page of conversations.", page: conversationDTO },
  },
  {
    method: "get",
    path: `${V1}/conversations/:id`,
    tag: "Conversations",
    summary: "One conversation",
    access: readConversations,
    params: conversationIdParams,
    success: { status: 200, description: "The conversation.", data: conversationDTO },
    errors: ["CONVERSATION_NOT_FOUND"],
  },
  {
    method: "get",
    path: `${V1}/conversations/:id/reply-channels`,
    tag: "Conversations",
    summary: "Channels to answer on",
    description:
      "The conversation's own inbox first, then each other inbox where the customer wrote and a channel delivers replies (not the widget): pass one's `inboxId` with a reply to answer there.",
    access: readConversations,
    params: conversationIdParams,
    success: { status: 200, description: "The channels, the conversation's own first.", data: z.array(replyChannelDTO) },
    errors: ["CONVERSATION_NOT_FOUND"],
  },
  {
    method: "get",
    path: `${V1}/conversations/:id/messages`,
    tag: "Conversations",
    summary: "A conversation's messages",
    description: "The newest page first, oldest message first within a page; `nextCursor` goes further back.",
    access: readConversations,
    params: conversationIdParams,
    query: messagesQuery,
    success: { status: 200, description: "A page of messages with their NLP annotations.", page: messageDTO },
    errors: ["CONVERSATION_NOT_FOUND"],
  },
  {
    method: "post",
    path: `${V1}/conversations/:id/messages`,
    tag: "Conversations",
    summary: "Reply as an agent",
    description: "Console sessions only: a reply speaks as a person in the chat. Delivered to the customer's channel.",
    access: { auth: "session", actions: ["conversation.reply"] },
    params: conversationIdParams,
    body: replyBody,
    success: { status: 201, description: "The stored reply.", data: messageDTO },
    errors: ["CONVERSATION_NOT_FOUND", "CONVERSATION_RESOLVED", "MESSAGE_EMPTY", "MESSAGE_TOO_LONG", "REPLY_CONFLICT"],
  },
  {
    method: "post",
    path: `${V1}/conversations/:id/messages/:messageId/retry`,
    tag: "Conversations",
    summary: "Retry a failed delivery",
    description: "Queues a reply whose delivery to its chat channel failed (`channelDelivery.status` is `failed`) again, its attempts starting over.",
    access: { auth: "session", actions: ["conversation.reply"] },
    params: retryParams,
    success: { status: 202, description: "The reply, its delivery pending again.", data: messageDTO },
    errors: ["CONVERSATION_NOT_FOUND", "DELIVERY_NOT_FAILED"],
  },
  {
    method: "get",
    path: `${V1}/conversations/:id/attachments/:attachmentId`,
    tag: "Conversations",
    summary: "Download an attachment",
    description:
      "A file a customer sent (an email's attachment, listed with an `id` in the message's `attachments`), always as a download (`Content-Disposition: attachment`, `X-Content-Type-Options: nosniff`), with the content type the sender declared.",
    access: readConversations,
    params: attachmentParams,
    success: { status: 200, description: "The file's bytes.", files: ["application/octet-stream"] },
    errors: ["CONVERSATION_NOT_FOUND", "ATTACHMENT_NOT_FOUND"],
  },
  {
    method: "get",
    path: `${V1}/tickets`,
    tag: "Tickets",
    summary: "List tickets",
    description: 'Most recently updated first. `assignee=me` needs a console session (an API key has no tickets of its own).',
    access: readTickets,
    query: ticketListQuery,
    success: { status: 200, description: "A page of tickets.", page: ticketDTO },
  },
  {
    method: "get",
    path: `${V1}/tickets/:id`,
    tag: "Tickets",
    summary: "One ticket with its history",
    access: readTickets,
    params: ticketIdParams,
    success: { status: 200, description: "The ticket and its events, oldest first, each naming the user or API key that made it.", data: ticketWithEventsDTO },
    errors: ["TICKET_NOT_FOUND"],
  },
  {
    method: "patch",
    path: `${V1}/tickets/:id`,
    tag: "Tickets",
    summary: "Change a ticket's status, priority, assignee, team or snooze",
    description:
      "Each change is checked on its own (taking, assigning to an agent or a team, status and snoozing, priority) against whose ticket it is. An API key with tickets:write may assign to a user, unassign, and change status and priority; it cannot take a ticket. `snoozedUntil` (future, unresolved tickets only) takes the ticket and its conversation out of the active lists until then; `null` wakes it. A new assignee other than the one asking gets an `assigned` notification (`notification:new` on their console).",
    access: { auth: "actor", actions: ["ticket.take", "ticket.assign", "ticket.status", "ticket.priority"] },
    params: ticketIdParams,
    body: ticketPatchBody,
    success: { status: 200, description: "The ticket as changed.", data: ticketDTO },
    errors: ["TICKET_NOT_FOUND", "USER_NOT_FOUND", "TEAM_NOT_FOUND", "TICKET_CHANGED"],
  },
  {
    method: "post",
    path: `${V1}/tickets/:id/transfer`,
    tag: "Tickets",
    summary: "Transfer a ticket with a note",
    description:
      "Assigns the ticket to `assigneeId` and/or `teamId` (null clears either) and adds `note` as a private note on the conversation (never sent to the customer). The new assignee gets an `assigned` notification carrying the note. Console sessions only.",
    access: { auth: "session", actions: ["ticket.assign"] },
    params: ticketIdParams,
    body: ticketTransferBody,
    success: { status: 200, description: "The ticket as changed.", data: ticketDTO },
    errors: ["TICKET_NOT_FOUND", "USER_NOT_FOUND", "TEAM_NOT_FOUND", "TICKET_CHANGED"],
  },
  {
    method: "get",
    path: `${V1}/agents`,
    tag: "Tickets",
    summary: "Agents to assign to",
    description: "Active console users by name with their presence; with `withLoad=1`, `openConversations` counts the unresolved tickets assigned to each.",
    access: { auth: "session", actions: ["ticket.read"] },
    query: agentListQuery,
    success: { status: 200, description: "The agents.", data: z.array(agentDTO) },
  },
  {
    method: "get",
    path: `${V1}/agents/teams`,
    tag: "Tickets",
    summary: "Teams to assign to",
    description: "Every team by name with its members and `openConversations` (unresolved tickets assigned to the team).",
    access: { auth: "session", actions: ["ticket.read"] },
    success: { status: 200, description: "The teams.", data: z.array(assignableTeamDTO) },
  },
  {
    method: "get",
    path: `${V1}/reports/topics`,
    tag: "Reports",
    summary: "Top topics",
    description: "The key phrases of customer messages over a period (default the last 7 days, at most 366), most frequent first.",
    access: { auth: "actor", actions: ["report.read"] },
    query: topicsQuery,
    success: { status: 200, description: "The report.", data: topicsReportDTO },
  },
  {
    method: "get",
    path: `${V1}/reports/topics.csv`,
    tag: "Reports",
    summary: "Top topics as CSV",
    access: { auth: "actor", actions: ["report.read", "report.export"] },
    query: topicsQuery,
    success: { status: 200, description: "phrase, messages, conversations, averageSentiment, negativeShare, topIntent.", files: ["text/csv"] },
  },
  {
    method: "post",
    path: "/api/messages",
    tag: "Channels",
    summary: "Bot Framework activities",
    description:
      "The Azure Bot Service endpoint (Teams, Slack, Telegram, Facebook …), mounted when MICROSOFT_APP_ID is set, or without credentials when BOTFRAMEWORK_ALLOW_UNAUTHENTICATED=1 (local development with the Bot Framework Emulator; refused when NODE_ENV=production). Speaks the Bot Framework Activity protocol; the bot's replies go back through the activity's serviceUrl.",
    access: { auth: "botframework" },
    body: activityShape,
    success: { status: 200, description: "The activity was processed." },
  },
];
