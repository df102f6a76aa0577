/** The console's live connection: socket.io namespace /console, authenticated by the session cookie. */
import { io, type Socket } from "socket.io-client";
import type { ConversationDTO, ConversationViewersEvent, MessageDTO, SessionEndReason, TicketDTO, UserDTO } from "../../../src/contracts/api.ts";
import type { ConversationNoteDTO, NotificationDTO } from "../../../src/contracts/helpdesk.ts";
import type { Sender, SenderType } from "../../../src/contracts/messages.ts";

const SERVER_DISCONNECT_RETRY_MS = 1_000;
// Well inside the shortest sensible idle time (a minute), and few enough messages to cost nothing.
const ACTIVITY_REPORT_MS = 20_000;

/** Payload of the server's "typing" event: who is typing in which conversation. */
export type TypingEvent = { conversationId: string; sender: Sender | SenderType; typing: boolean };

/** Events the server sends on /console. */
export type ConsoleServerEvents = {
  "conversation:updated": (conversation: ConversationDTO) => void;
  "message:new": (message: MessageDTO) => void;
  /** A reply's delivery to its chat channel changed. */
  "message:updated": (message: MessageDTO) => void;
  "ticket:updated": (ticket: TicketDTO) => void;
  typing: (event: TypingEvent) => void;
  "agent:updated": (user: UserDTO) => void;
  "session:ended": (event: { reason: SessionEndReason }) => void;
  /** A deal was created, changed or moved (only the ids are needed: views load what they show again). */
  "deal:updated": (event: { dealId: string; conversationId: string | null }) => void;
  /** A private note was added to a conversation. */
  "note:new": (note: ConversationNoteDTO) => void;
  /** The user got a notification (a colleague @mentioned them, a conversation was assigned to them). */
  "notification:new": (notification: NotificationDTO) => void;
  /** Who shows the conversation this console shows, and who of them is typing a reply. */
  "conversation:viewers": (event: ConversationViewersEvent) => void;
};

/** Events the console sends on /console. */
export type ConsoleClientEvents = {
  typing: (payload: { conversationId: string; typing: boolean }) => void;
  /** The user typed, clicked or came back to the console (keeps their presence online; see AGENT_IDLE_MINUTES). */
  "presence:activity": () => void;
  "conversation:view": (payload: { conversationId: string | null }) => void;
};

/** Callbacks for everything the live connection reports. */
export type ConsoleSocketHandlers = {
  [K in keyof ConsoleServerEvents]: ConsoleServerEvents[K];
} & {
  /** Called on each (re)connection; `resumed` is true after the first, when state must be refetched. */
  connected: (resumed: boolean) => void;
  disconnected: () => void;
  /** Called when the server refuses the connection for good (socket.io stops retrying), with its reason. */
  refused: (reason: string) => void;
};

/** A running connection: send typing, or close it for good. */
export type ConsoleSocket = {
  sendTyping: (conversationId: string, typing: boolean) => void;
  /** Reports the user's input, at most once every ACTIVITY_REPORT_MS. */
  sendActivity: () => void;
  /** Tells the server which conversation this console shows (null: none); said again after each reconnection. */
  viewConversation: (conversationId: string | null) => void;
  close: () => void;
};

/** The sender type of a typing event, whichever of the two shapes the server sends. */
export function typingSenderType(event: TypingEvent): SenderType {
  return typeof event.sender === "string" ? event.sender : event.sender.type;
}

/** Opens the /console namespace on this origin and routes its events to `handlers`. */
export function connectConsoleSocket(handlers: ConsoleSocketHandlers): ConsoleSocket {
  const socket: Socket<ConsoleServerEvents, ConsoleClientEvents> = io(`${location.origin}/console`, {
    withCredentials: true,
    transports: ["websocket", "polling"],
  });
  let connectedBefore = false;
  let activityReportedAt = 0;
  let viewing: string | null = null;

  socket.on("connect", () => {
    if (viewing) socket.emit("conversation:view", { conversationId: viewing });
    handlers.connected(connectedBefore);
    connectedBefore = true;
  });
  socket.on("disconnect", (reason) => {
    handlers.disconnected();
    // socket.io does not retry after a server-side disconnect; retry, and let the auth check decide.
    if (reason === "io server disconnect") setTimeout(() => socket.connect(), SERVER_DISCONNECT_RETRY_MS);
  });
  socket.on("connect_error", (error: Error) => {
    // A refusal by the server's middleware (e.g. UNAUTHENTICATED) is final: socket.io stops retrying.
    if (!socket.active) {
      socket.close();
      handlers.refused(error.message);
      return;
    }
    handlers.disconnected();
  });
  socket.on("conversation:updated", (c) => handlers["conversation:updated"](c));
  socket.on("message:new", (m) => handlers["message:new"](m));
  socket.on("message:updated", (m) => handlers["message:updated"](m));
  socket.on("ticket:updated", (t) => handlers["ticket:updated"](t));
  socket.on("typing", (e) => handlers.typing(e));
  socket.on("agent:updated", (u) => handlers["agent:updated"](u));
  socket.on("session:ended", (e) => handlers["session:ended"](e));
  socket.on("deal:updated", (e) => handlers["deal:updated"](e));
  socket.on("note:new", (n) => handlers["note:new"](n));
  socket.on("notification:new", (n) => handlers["notification:new"](n));
  socket.on("conversation:viewers", (e) => handlers["conversation:viewers"](e));

  return {
    sendTyping: (conversationId, typing) => {
      if (socket.connected) socket.emit("typing", { conversationId, typing });
    },
    sendActivity: () => {
      const now = Date.now();
      if (!socket.connected || now - activityReportedAt < ACTIVITY_REPORT_MS) return;
      activityReportedAt = now;
      socket.emit("presence:activity");
    },
    viewConversation: (conversationId) => {
      if (conversationId === viewing) return;
      viewing = conversationId;
      if (socket.connected) socket.emit("conversation:view", { conversationId });
    },
    close: () => {
      socket.removeAllListeners();
      socket.close();
    },
  };
}
