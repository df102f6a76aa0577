/** The canonical message and the widget socket contract (namespace /widget), shared by server, widget and console. */
import { z } from "zod";

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
export const messageSendSchema = z.object({
  clientMsgId: z.string().trim().min(1, "clientMsgId is required").max(100, "clientMsgId is longer than 100 characters"),
  text: z
    .string({ error: "text must be a string" })
    .refine((t) => t.trim().length > 0, "text is empty")
    .refine((t) => t.length <= MAX_MESSAGE_LENGTH, `text is longer than ${MAX_MESSAGE_LENGTH} characters`),
});
/** Payload of the widget's "message:send". */
export type MessageSend = z.infer<typeof messageSendSchema>;

/** Acknowledgement of "message:send": the committed message's id, or an error. */
export type MessageSendAck = { id: string; conversationId: string; createdAt: string } | { error: SocketError };

/** Payload of the widget's "history": messages after the one with this id (all when absent). */
export const historySchema = z
  .object({ after: z.string().max(100).optional() })
  .optional()
  .default({});

/** Acknowledgement of "history": the conversation's messages in order, or an error. */
export type HistoryAck = WidgetMessage[] | { error: SocketError };

/** Payload of "typing" in both directions on /widget: the client sends {typing}, the server sends {sender, typing}. */
export const typingSchema = z.object({ typing: z.boolean() });

/** Error shape of every socket acknowledgement. */
export type SocketError = { code: string; message: string; fields?: Record<string, string> };

/** Handshake auth of the /widget namespace. */
export const widgetAuthSchema = z.object({
  inbox: z.string().min(1, "inbox is required").max(100),
  visitorId: z.string().min(8, "visitorId must be at least 8 characters").max(100),
});
