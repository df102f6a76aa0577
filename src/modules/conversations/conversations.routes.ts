/** REST: conversation lists, a conversation's messages, and agent replies. */
import { Router } from "express";
import { LRUCache } from "lru-cache";
import type { ConversationDTO } from "../../contracts/api.ts";
import { z } from "zod";
import { CONVERSATION_CHANNELS } from "../../contracts/channels.ts";
import { MAX_MESSAGE_LENGTH } from "../../contracts/messages.ts";
import { AppError } from "../../errors.ts";
import { currentActor, currentUser, requireActor, requireUser } from "../../http/middlewares/auth.ts";
import { parseInput } from "../../http/middlewares/validate.ts";
import { cursorParam, decodeCursor, encodeCursor, limitSchema, seqCursor, splitPage, timeIdCursor } from "../../http/pagination.ts";
import type { ServiceDeps } from "../deps.ts";
import { assertCan, conversationScope } from "../policy/index.ts";
import { findLabelId, listConversations, listMessagesPage, type ConversationRow } from "./conversations.repo.ts";
import { presentConversation, presentMessage } from "./conversations.presenter.ts";
import { addReply, conversationAddress, getConversation, getConversationView } from "./conversations.service.ts";
import { replyChannels, replyVia } from "./cross-channel.service.ts";
import { findNewerColleagueReply } from "./reply-conflict.repo.ts";
import { retryDelivery } from "./delivery.service.ts";

const statusGroups: Record<string, ConversationRow["status"][] | null> = {
  open: ["bot", "handoff"],
  bot: ["bot"],
  handoff: ["handoff"],
  resolved: ["resolved"],
  all: null,
  snoozed: null,
};

/** Query of GET /api/v1/conversations. */
export const conversationListQuery = z.object({
  status: z
    .enum(["open", "bot", "handoff", "resolved", "all", "snoozed"], { error: "status must be one of open, bot, handoff, resolved, all, snoozed" })
    .default("open")
    .meta({ description: "open (bot and handoff), one status, all, or snoozed: the conversations whose unresolved ticket is snoozed now (open and handoff leave them out)." }),
  channel: z.enum(CONVERSATION_CHANNELS, { error: `channel must be one of ${CONVERSATION_CHANNELS.join(", ")}` }).optional(),
  label: z.string().trim().min(1, "label is empty").max(200, "label is longer than 200 characters").optional().meta({ description: "A label's id or name: only conversations with it." }),
  limit: limitSchema,
  cursor: cursorParam,
});
/** Path parameters of /api/v1/conversations/:id. */
export const conversationIdParams = z.object({ id: z.uuid("id must be a UUID") });
/** Path parameters of POST /api/v1/conversations/:id/messages/:messageId/retry. */
export const retryParams = conversationIdParams.extend({ messageId: z.uuid("messageId must be a UUID") });
/** Query of GET /api/v1/conversations/:id/messages (pages go back in time). */
export const messagesQuery = z.object({ limit: limitSchema, cursor: cursorParam });
/** Body of POST /api/v1/conversations/:id/messages (an agent's reply). */
export const replyBody = z.object({
  text: z
    .string({ error: "text must be a string" })
    .refine((t) => t.trim().length > 0, "text is empty")
    .refine((t) => t.length <= MAX_MESSAGE_LENGTH, `text is longer than ${MAX_MESSAGE_LENGTH} characters`),
  clientMsgId: z.string().min(1).max(100).optional(),
  inboxId: z
    .string({ error: "inboxId must be a string" })
    .min(1, "inboxId is empty")
    .max(200, "inboxId has at most 200 characters")
    .optional()
    .meta({ description: "Deliver through another inbox the customer has written in (their conversation there); the reply stays in this conversation." }),
  lastSeenMessageId: z
    .uuid("lastSeenMessageId must be a message id")
    .optional()
    .meta({ description: "The newest message the agent saw: when a colleague replied after it, the reply is refused with REPLY_CONFLICT (unless `force`)." }),
  force: z.boolean({ error: "force must be true or false" }).optional().meta({ description: "Send even though a colleague replied after `lastSeenMessageId`." }),
});

/** Refuses a reply (REPLY_CONFLICT) when a colleague replied after the last message its sender saw. */
async function assertNoNewerReply(deps: Pick<ServiceDeps, "db">, conversationId: string, lastSeenMessageId: string, userId: string): Promise<void> {
  const { seen, newer } = await findNewerColleagueReply(deps.db, conversationId, lastSeenMessageId, userId);
  if (!seen) throw new AppError("VALIDATION_FAILED", "lastSeenMessageId is not a message of this conversation.", { lastSeenMessageId: "not a message of this conversation" });
  if (!newer) return;
  const by = newer.name ?? "A colleague";
  throw new AppError("REPLY_CONFLICT", `${by} replied while you were typing.`, undefined, { latestReply: { id: newer.id, by } });
}

type ListPage = { data: ConversationDTO[]; nextCursor: string | null };

/** The id of the label a filter names by id or name; null when there is none. */
async function labelIdOf(deps: Pick<ServiceDeps, "db">, idOrName: string): Promise<string | null> {
  return (await findLabelId(deps.db, idOrName)) ?? null;
}

/**
 * Every agent's console asks for the same first pages of the list. A page is read once for all concurrent
 * requests and kept until a conversation or ticket changes in this process, or LIST_CACHE_MS passes (changes
 * made on other nodes show within that time; the console also gets them live over its socket).
 */
const LIST_CACHE_MS = 1_000;

/** Routes under /api/v1/conversations: reading for console users and API keys (conversations:read), replying for console users only. */
export function conversationsRoutes(deps: ServiceDeps): Router {
  const router = Router();
  // Pages are kept as the JSON text sent, so a shared page is serialised once.
  const pages = new LRUCache<string, Promise<string>>({ max: 500, ttl: LIST_CACHE_MS });
  for (const event of ["conversation.updated", "ticket.updated", "labels.changed"] as const) deps.events.on(event, () => pages.clear());
  const readPage = async (query: z.infer<typeof conversationListQuery>): Promise<string> => {
    const cursor = decodeCursor(query.cursor, timeIdCursor);
    const labelId = query.label === undefined ? undefined : await labelIdOf(deps, query.label);
    // A label nobody defined labels nothing: an empty page, not an error (the console's filter may outlive a label).
    if (labelId === null) return JSON.stringify({ data: [], nextCursor: null } satisfies ListPage);
    const hideSnoozed = query.status === "open" || query.status === "handoff";
    const onlySnoozed = query.status === "snoozed";
    const rows = await listConversations(deps.db, statusGroups[query.status], cursor, query.limit + 1, { channel: query.channel, labelId, hideSnoozed, onlySnoozed });
    const { page, nextCursor } = splitPage(rows, query.limit, ({ conversation: last }) => ({ at: last.lastMessageAt.toISOString(), id: last.id }));
    const body: ListPage = { data: page.map(presentConversation), nextCursor };
    return JSON.stringify(body);
  };

  router.use(requireActor(deps));
  router.use((req, _res, next) => {
    assertCan(currentActor(req), "conversation.read");
    next();
  });
  router.get("/", async (req, res) => {
    const query = parseInput(conversationListQuery, req.query);
    const key = JSON.stringify([query.status, query.channel ?? null, query.limit, query.cursor ?? null, query.label ?? null]);
    let page = pages.get(key);
    if (!page) {
      page = readPage(query);
      pages.set(key, page);
      // A failed read is not remembered: the next request tries again.
      const failed = page;
      failed.catch(() => {
        if (pages.get(key) === failed) pages.delete(key);
      });
    }
    res.type("application/json").send(await page);
  });
  router.get("/:id", async (req, res) => {
    const { id } = parseInput(conversationIdParams, req.params);
    res.json({ data: presentConversation(await getConversationView(deps, id)) });
  });
  router.get("/:id/reply-channels", async (req, res) => {
    const { id } = parseInput(conversationIdParams, req.params);
    res.json({ data: await replyChannels(deps, id) });
  });
  router.get("/:id/messages", async (req, res) => {
    const { id } = parseInput(conversationIdParams, req.params);
    const query = parseInput(messagesQuery, req.query);
    const { channel } = await getConversation(deps, id);
    const cursor = decodeCursor(query.cursor, seqCursor);
    const rows = await listMessagesPage(deps.db, id, cursor?.before, query.limit + 1);
    const page = rows.length > query.limit ? rows.slice(1) : rows;
    res.json({
      data: page.map((row) => presentMessage(row, channel)),
      nextCursor: rows.length > query.limit && page[0] ? encodeCursor({ before: page[0].seq }) : null,
    });
  });
  // An agent's reply speaks as a person in the chat: a key has no one to speak as.
  router.post("/:id/messages", requireUser(deps), async (req, res) => {
    const { id } = parseInput(conversationIdParams, req.params);
    const body = parseInput(replyBody, req.body);
    const user = currentUser(req);
    assertCan(user, "conversation.reply", await conversationScope(deps, user, id));
    if (body.lastSeenMessageId && !body.force) await assertNoNewerReply(deps, id, body.lastSeenMessageId, user.id);
    const via = body.inboxId ? await replyVia(deps, id, body.inboxId) : undefined;
    const message = await addReply(deps, id, {
      senderType: "agent",
      senderId: user.id,
      senderName: user.name,
      text: body.text,
      clientMsgId: body.clientMsgId,
      via,
    });
    res.status(201).json({ data: presentMessage(message, (await conversationAddress(deps, id)).channel) });
  });
  // Retrying a failed delivery sends the same reply again: the same permission as replying.
  router.post("/:id/messages/:messageId/retry", requireUser(deps), async (req, res) => {
    const { id, messageId } = parseInput(retryParams, req.params);
    const user = currentUser(req);
    assertCan(user, "conversation.reply", await conversationScope(deps, user, id));
    const retried = await retryDelivery(deps, id, messageId);
    res.status(202).json({ data: presentMessage(retried, (await conversationAddress(deps, id)).channel) });
  });
  return router;
}
