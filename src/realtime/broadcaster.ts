/** Turns domain events into socket events for the widget rooms and the console, in order per conversation. */
import type { Server } from "socket.io";
import type { EventBus } from "../events.ts";
import { childLogger } from "../logger.ts";
import { findUser, presentUser } from "../modules/agents/index.ts";
import {
  conversationAddress,
  getConversationView,
  getMessage,
  presentConversation,
  presentMessage,
  presentWidgetMessage,
} from "../modules/conversations/index.ts";
import type { ServiceDeps } from "../modules/deps.ts";
import { noteById, notificationById } from "../modules/notes/index.ts";
import { getTicket, presentTickets } from "../modules/tickets/index.ts";
import { createKeyedQueue } from "../queue/index.ts";
import { AGENTS_ROOM, userRoom } from "./console.socket.ts";
import { WEB_CHANNEL, widgetRoom } from "./widget.socket.ts";

const log = childLogger("broadcaster");

/** How long conversation changes are gathered before the console is sent one update. */
const CONSOLE_UPDATE_WINDOW_MS = 100;

/** Subscribes the socket server to the event bus; returns an unsubscribe function. */
export function startBroadcaster(io: Server, events: EventBus, deps: ServiceDeps): () => void {
  const widget = io.of("/widget");
  const console = io.of("/console");
  // Each conversation's broadcasts run one after another so clients see messages in commit order.
  const queue = createKeyedQueue();
  const inOrder = (key: string, task: () => Promise<void>): void => {
    queue.run(key, task).catch((error: unknown) => log.error({ err: error, key }, "broadcast failed"));
  };

  const widgetRoomOf = async (conversationId: string): Promise<string | null> => {
    const { channel, externalId } = await conversationAddress(deps, conversationId);
    return channel === WEB_CHANNEL && externalId ? widgetRoom(externalId) : null;
  };
  // Changes to one conversation within a short window (the customer's message, the bot's answer, a status change)
  // become one console update: the list shows the latest state, and the database is read once instead of each time.
  const pendingUpdates = new Map<string, NodeJS.Timeout>();
  const conversationChanged = (conversationId: string): void => {
    if (pendingUpdates.has(conversationId)) return;
    const timer = setTimeout(() => {
      inOrder(conversationId, async () => {
        pendingUpdates.delete(conversationId);
        console.to(AGENTS_ROOM).emit("conversation:updated", presentConversation(await getConversationView(deps, conversationId)));
      });
    }, CONSOLE_UPDATE_WINDOW_MS);
    pendingUpdates.set(conversationId, timer);
  };

  const offs = [
    events.on("message.created", ({ messageId, conversationId }) =>
      inOrder(conversationId, async () => {
        const message = await getMessage(deps, messageId);
        if (!message) return;
        const { channel, externalId } = await conversationAddress(deps, conversationId);
        if (channel === WEB_CHANNEL && externalId) widget.to(widgetRoom(externalId)).emit("message:new", presentWidgetMessage(message));
        console.to(AGENTS_ROOM).emit("message:new", presentMessage(message, channel));
      }),
    ),
    // A reply's delivery to its chat channel moved on (sent, failed …): the consoles replace the message they show.
    events.on("message.updated", ({ messageId, conversationId }) =>
      inOrder(conversationId, async () => {
        const message = await getMessage(deps, messageId);
        if (message) console.to(AGENTS_ROOM).emit("message:updated", presentMessage(message, (await conversationAddress(deps, conversationId)).channel));
      }),
    ),
    events.on("conversation.updated", ({ conversationId }) => conversationChanged(conversationId)),
    // After the resolution notice (same queue), the widget shows its rating prompt.
    events.on("csat.requested", ({ conversationId }) =>
      inOrder(conversationId, async () => {
        const room = await widgetRoomOf(conversationId);
        if (room) widget.to(room).emit("csat:request", { conversationId });
      }),
    ),
    events.on("ticket.updated", ({ ticketId }) =>
      inOrder(`ticket:${ticketId}`, async () => {
        const ticket = await getTicket(deps, ticketId);
        const [dto] = await presentTickets(deps.db, [ticket]);
        console.to(AGENTS_ROOM).emit("ticket:updated", dto);
        // The list shows who a conversation is assigned to: an assignment changes the conversation's row too.
        conversationChanged(ticket.conversationId);
      }),
    ),
    // Ids only: a console showing the conversation (or the pipeline) fetches what its user may see.
    events.on("deal.updated", ({ dealId, conversationId }) =>
      inOrder(conversationId ?? `deal:${dealId}`, async () => {
        console.to(AGENTS_ROOM).emit("deal:updated", { dealId, conversationId });
      }),
    ),
    events.on("agent.updated", ({ userId }) =>
      inOrder(`agent:${userId}`, async () => {
        const user = await findUser(deps.db, userId);
        if (user) console.to(AGENTS_ROOM).emit("agent:updated", presentUser(user));
      }),
    ),
    // Private notes go to the consoles only: the widget rooms never hear of them.
    events.on("note.created", ({ noteId, conversationId }) =>
      inOrder(conversationId, async () => {
        const note = await noteById(deps, noteId);
        if (note) console.to(AGENTS_ROOM).emit("note:new", note);
      }),
    ),
    events.on("notification.created", ({ notificationId, userId }) =>
      inOrder(`notification:${userId}`, async () => {
        const notification = await notificationById(deps, notificationId);
        if (notification) console.to(userRoom(userId)).emit("notification:new", notification);
      }),
    ),
    // An erased customer's widget connections leave their conversations (on every node, through the adapter).
    events.on("customer.erased", ({ addresses }) => {
      for (const { channel, externalId } of addresses) if (channel === WEB_CHANNEL) widget.in(widgetRoom(externalId)).disconnectSockets(true);
    }),
    events.on("typing.changed", ({ conversationId, sender, typing }) =>
      inOrder(conversationId, async () => {
        if (sender.type === "customer") {
          console.to(AGENTS_ROOM).emit("typing", { conversationId, sender, typing });
          return;
        }
        const room = await widgetRoomOf(conversationId);
        if (room) widget.to(room).emit("typing", { sender, typing });
        console.to(AGENTS_ROOM).emit("typing", { conversationId, sender, typing });
      }),
    ),
  ];
  return () => {
    offs.forEach((off) => off());
    for (const timer of pendingUpdates.values()) clearTimeout(timer);
    pendingUpdates.clear();
  };
}
