/** The /widget namespace: customers send messages, fetch history and signal typing (contract in README). */
import type { Namespace, Socket } from "socket.io";
import { z } from "zod";
import { csatSubmitSchema, historySchema, typingSchema, widgetAuthSchema } from "../contracts/message-schemas.ts";
import { safeText } from "../contracts/safe-text.ts";
import type { CsatRequestEvent, CsatSubmitAck, HistoryAck, MessageSendAck, VisitorEvent } from "../contracts/messages.ts";
import type { WidgetConfigEvent } from "../contracts/widget-look.ts";
import type { VisitorContextRow } from "../db/schema/conversations.ts";
import { AppError, validationError } from "../errors.ts";
import { campaignMessageSeen, deliverProactiveMessages } from "../modules/campaigns/index.ts";
import {
  conversationByExternalId,
  csatPending,
  getConversation,
  messagesAfter,
  openCustomerConversation,
  presentWidgetMessage,
  receiveCustomerMessage,
  saveVisitorContext,
  submitCsat,
  visitorContext,
} from "../modules/conversations/index.ts";
import type { ServiceDeps } from "../modules/deps.ts";
import type { RateLimits } from "../limits/index.ts";
import { findInboxCached, lookOf, visitorHandshake } from "../modules/inboxes/index.ts";
import { establishVisitor } from "../modules/visitors/index.ts";
import { childLogger } from "../logger.ts";
import { clientAddress } from "./client-address.ts";
import { connectError, socketError } from "./socket-errors.ts";
import { limitWidgetMessages } from "./socket-guards.ts";
import { normalizePackets } from "./socket-packets.ts";

const log = childLogger("realtime");

/** Channel name of the web widget. */
export const WEB_CHANNEL = "web";

/** The room every socket of one visitor in one inbox joins. */
export function widgetRoom(conversationExternalId: string): string {
  return `web:${conversationExternalId}`;
}

type WidgetSocketData = {
  inboxId: string;
  /** The id the widget must keep (sent in "visitor"); never stored, only its hash. */
  visitorId: string;
  /** Who the conversation module knows the writer as: the visitor record's id, or a verified user's id. */
  externalUserId: string;
  externalId: string;
  /** The customer record of a verified user. */
  customerId?: string;
  conversationId?: string;
  /** The inbox's widget look when the visitor connected (sent in "config"). */
  config: WidgetConfigEvent;
  /** The page, browser and time zone this connection reported, stored on the conversation once it is known. */
  visitor: VisitorContextRow;
  /** The conversation the details were stored on. */
  visitorSavedOn?: string;
};

// Text is checked by the service (MESSAGE_EMPTY, MESSAGE_TOO_LONG); here only the shape.
const sendShape = safeText(z.object({
  clientMsgId: z.string({ error: "clientMsgId is required" }).trim().min(1, "clientMsgId is required").max(100, "clientMsgId is longer than 100 characters"),
  text: z.string({ error: "text must be a string" }),
}));

const seenShape = z.object({ id: z.uuid("id must be a message id") });

function asAck<T>(ack: unknown): ((value: T) => void) | undefined {
  return typeof ack === "function" ? (ack as (value: T) => void) : undefined;
}

/** Registers the /widget handlers. */
export function registerWidgetNamespace(nsp: Namespace, deps: ServiceDeps, limits: RateLimits): void {
  nsp.use(async (socket, next) => {
    const auth = widgetAuthSchema.safeParse(socket.handshake.auth);
    if (!auth.success) return next(connectError(validationError(auth.error.issues)));
    const inbox = await findInboxCached(deps.db, auth.data.inbox).catch(() => undefined);
    if (!inbox) return next(connectError(new AppError("INBOX_NOT_FOUND", `Inbox "${auth.data.inbox}" does not exist.`)));
    try {
      const { visitorId, identifier, identifierHash, userJwt } = auth.data;
      const visitor = await establishVisitor(deps, inbox, visitorId, { identifier, identifierHash, userJwt });
      const data: WidgetSocketData = {
        inboxId: inbox.id,
        visitorId: visitor.visitorId,
        externalUserId: visitor.externalUserId,
        externalId: visitor.externalConversationId,
        customerId: visitor.customerId,
        config: { look: lookOf(inbox) },
        visitor: visitorContext({ ...visitorHandshake(socket.handshake.auth), userAgent: socket.handshake.headers["user-agent"] }),
      };
      socket.data = data;
      next();
    } catch (error) {
      if (!(error instanceof AppError)) log.error({ err: error }, "widget handshake failed");
      next(connectError(error instanceof AppError ? error : new AppError("INTERNAL")));
    }
  });

  nsp.on("connection", (socket: Socket) => {
    const data = socket.data as WidgetSocketData;
    socket.use(normalizePackets(socket));
    void socket.join(widgetRoom(data.externalId));
    // The widget stores this id and sends it next time: the same one, or a new one when what it sent was not valid.
    socket.emit("visitor", { visitorId: data.visitorId } satisfies VisitorEvent);
    socket.emit("config", data.config);
    socket.use(limitWidgetMessages(limits, data.externalId, clientAddress(socket.handshake)));

    const conversationId = async (): Promise<string | undefined> => {
      data.conversationId ??= (await conversationByExternalId(deps, WEB_CHANNEL, data.externalId))?.id;
      return data.conversationId;
    };

    // Once per connection, on the visitor's conversation (now if it exists, else after the message that creates it).
    const saveVisitor = async (): Promise<void> => {
      const id = await conversationId();
      if (!id || data.visitorSavedOn === id) return;
      data.visitorSavedOn = id;
      await saveVisitorContext(deps, id, data.visitor);
    };
    saveVisitor().catch((error: unknown) => log.warn({ err: error }, "could not store the visitor's details"));

    // Campaign messages waiting for this customer become bot messages in their conversation now ("message:new" brings
    // them, the socket having joined its room above). An anonymous visitor is known by their conversation's customer.
    const showCampaignMessages = async (): Promise<void> => {
      const id = await conversationId();
      const customerId = data.customerId ?? (id ? (await getConversation(deps, id)).customerId : undefined);
      if (!customerId) return;
      await deliverProactiveMessages(deps, {
        customerId,
        conversationId: id,
        open: async () => (data.conversationId = await openCustomerConversation(deps, { inboxId: data.inboxId, customerId, channel: WEB_CHANNEL, externalId: data.externalId })),
      });
    };
    showCampaignMessages().catch((error: unknown) => log.warn({ err: error }, "could not show the customer's campaign messages"));

    // A customer coming back while their rating is still wanted is asked again (the prompt is not a stored message).
    const askPendingCsat = async (): Promise<void> => {
      const id = await conversationId();
      if (id && (await csatPending(deps, id))) socket.emit("csat:request", { conversationId: id } satisfies CsatRequestEvent);
    };
    askPendingCsat().catch((error: unknown) => log.warn({ err: error }, "could not look up the visitor's pending CSAT survey"));

    // The rating of the visitor's own conversation, once: another conversation is CONVERSATION_NOT_FOUND.
    socket.on("csat:submit", async (payload: unknown, ack: unknown) => {
      const reply = asAck<CsatSubmitAck>(ack);
      try {
        const parsed = csatSubmitSchema.safeParse(payload);
        if (!parsed.success) throw validationError(parsed.error.issues);
        const id = await conversationId();
        if (id !== parsed.data.conversationId) throw new AppError("CONVERSATION_NOT_FOUND");
        const row = await submitCsat(deps, id, { score: parsed.data.score, comment: parsed.data.comment });
        reply?.({ data: { conversationId: row.conversationId, score: row.score ?? parsed.data.score } });
      } catch (error) {
        reply?.(socketError(error));
      }
    });

    // The widget showed a message: a campaign's counts as seen. Answered when an ack is given.
    socket.on("message:seen", async (payload: unknown, ack: unknown) => {
      const reply = asAck<{ data: { ok: true } } | ReturnType<typeof socketError>>(ack);
      try {
        const parsed = seenShape.safeParse(payload);
        if (!parsed.success) throw validationError(parsed.error.issues);
        const id = await conversationId();
        if (id) await campaignMessageSeen(deps, id, parsed.data.id);
        reply?.({ data: { ok: true } });
      } catch (error) {
        reply?.(socketError(error));
      }
    });

    socket.on("message:send", async (payload: unknown, ack: unknown) => {
      const reply = asAck<MessageSendAck>(ack);
      try {
        const parsed = sendShape.safeParse(payload);
        if (!parsed.success) throw validationError(parsed.error.issues);
        const { message, conversation } = await receiveCustomerMessage(deps, {
          inboxId: data.inboxId,
          channel: WEB_CHANNEL,
          externalUserId: data.externalUserId,
          externalConversationId: data.externalId,
          customerId: data.customerId,
          conversationId: data.conversationId,
          clientMsgId: parsed.data.clientMsgId,
          text: parsed.data.text,
        });
        data.conversationId = conversation.id;
        reply?.({ id: message.id, conversationId: conversation.id, createdAt: message.createdAt.toISOString() });
        if (data.visitorSavedOn !== conversation.id) await saveVisitor().catch((error: unknown) => log.warn({ err: error }, "could not store the visitor's details"));
      } catch (error) {
        reply?.(socketError(error));
      }
    });

    socket.on("history", async (payload: unknown, ack: unknown) => {
      const reply = asAck<HistoryAck>(ack);
      try {
        const parsed = historySchema.safeParse(payload ?? undefined);
        if (!parsed.success) throw validationError(parsed.error.issues);
        const id = await conversationId();
        if (!id) return reply?.([]);
        const rows = await messagesAfter(deps, id, parsed.data.after);
        reply?.(rows.map(presentWidgetMessage));
      } catch (error) {
        reply?.(socketError(error));
      }
    });

    socket.on("typing", async (payload: unknown, ack: unknown) => {
      // The contract has no ack here; one is answered when given, so a client's mistake is not silent.
      const reply = asAck<{ data: { ok: true } } | ReturnType<typeof socketError>>(ack);
      const parsed = typingSchema.safeParse(payload);
      if (!parsed.success) return reply?.({ error: validationError(parsed.error.issues).toJSON() });
      const id = await conversationId().catch(() => undefined);
      if (id) deps.events.emit("typing.changed", { conversationId: id, sender: { type: "customer" }, typing: parsed.data.typing });
      reply?.({ data: { ok: true } });
    });
  });
}
