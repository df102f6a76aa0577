/** The canonical message and the widget socket contract (namespace /widget), shared by server, widget and console. */

/** Longest message text accepted from any sender, in characters. */
export const MAX_MESSAGE_LENGTH = 4000;

/** Who wrote a message. */
export type SenderType = "customer" | "bot" | "agent" | "system";

/** The author of a message as clients see it. */
export type Sender = { type: SenderType; name?: string };

/** A message as the widget receives it ("message:new" and the "history" acknowledgement). */
export type WidgetMessage = {
  id: string;
  conversationId: string;
  clientMsgId?: string;
  sender: Sender;
  text: string;
  createdAt: string;
};

/** Payload of the widget's "message:send". */
export type MessageSend = { clientMsgId: string; text: string };

/** Acknowledgement of "message:send": the committed message's id, or an error. */
export type MessageSendAck = { id: string; conversationId: string; createdAt: string } | { error: SocketError };

/** Acknowledgement of "history": the conversation's messages in order, or an error. */
export type HistoryAck = WidgetMessage[] | { error: SocketError };

/** "typing" on /widget: the client sends {typing}, the server sends {sender, typing}. */
export type TypingFromClient = { typing: boolean };
/** "typing" the server sends to the widget. */
export type TypingToClient = { sender: Sender; typing: boolean };

/** "visitor" the server sends on every /widget connection: the id the widget must store and send next time. */
export type VisitorEvent = { visitorId: string };

/** Error shape of every socket acknowledgement; RATE_LIMITED carries `retryAfter`, the seconds to wait. */
export type SocketError = { code: string; message: string; fields?: Record<string, string>; retryAfter?: number };


/** The longest CSAT comment a customer may write. */
export const MAX_CSAT_COMMENT_LENGTH = 2000;

/** Server → widget `csat:request`: the conversation was resolved; ask "How did we do?" (also sent on connect while the survey is pending). */
export type CsatRequestEvent = { conversationId: string };

/** Widget → server `csat:submit`: the rating (1–5) of the conversation, and an optional comment. */
export type CsatSubmit = { conversationId: string; score: number; comment?: string };

/** Acknowledgement of `csat:submit`. */
export type CsatSubmitAck = { data: { conversationId: string; score: number } } | { error: SocketError };
