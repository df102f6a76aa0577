/** zod schemas of the widget socket payloads (server-side validation; browsers import messages.ts, which has no zod). */
import { z } from "zod";
import { MAX_CSAT_COMMENT_LENGTH, MAX_MESSAGE_LENGTH } from "./messages.ts";
import { safeText } from "./safe-text.ts";

/** Payload of the widget's "message:send". */
export const messageSendSchema = safeText(z.object({
  clientMsgId: z.string().trim().min(1, "clientMsgId is required").max(100, "clientMsgId is longer than 100 characters"),
  text: z
    .string({ error: "text must be a string" })
    .refine((t) => t.trim().length > 0, "text is empty")
    .refine((t) => t.length <= MAX_MESSAGE_LENGTH, `text is longer than ${MAX_MESSAGE_LENGTH} characters`),
}));

/** Payload of the widget's "history": messages after the one with this id (all when absent). */
export const historySchema = z
  .object({ after: z.uuid("after must be a message id").optional() })
  .optional()
  .default({});

/** Payload of "typing" from the widget: {typing}. */
export const typingSchema = z.object({ typing: z.boolean() });

/** Handshake auth of the /widget namespace: the visitor id the server issued (any placeholder on a first visit) and an optional signed identity. */
export const widgetAuthSchema = safeText(
  z
    .object({
      inbox: z.string({ error: "inbox is required" }).min(1, "inbox is required").max(100),
      visitorId: z.string({ error: "visitorId is required" }).min(8, "visitorId must be at least 8 characters").max(100),
      identifier: z.string({ error: "identifier must be a string" }).min(1, "identifier is empty").max(256, "identifier is longer than 256 characters").optional(),
      identifierHash: z.string({ error: "identifierHash must be a string" }).max(128, "identifierHash is longer than 128 characters").optional(),
      userJwt: z.string({ error: "userJwt must be a string" }).min(1, "userJwt is empty").max(4096, "userJwt is longer than 4096 characters").optional(),
    })
    .refine((a) => a.identifier === undefined || a.identifierHash !== undefined, { message: "identifierHash is required with identifier", path: ["identifierHash"] })
    .refine((a) => a.identifierHash === undefined || a.identifier !== undefined, { message: "identifier is required with identifierHash", path: ["identifier"] }),
);

/** Widget → server `csat:submit`. */
export const csatSubmitSchema = safeText(
  z
    .object({
      conversationId: z.uuid("conversationId must be a conversation id"),
      score: z.number({ error: "score must be a whole number from 1 to 5" }).int("score must be a whole number from 1 to 5").min(1, "score must be a whole number from 1 to 5").max(5, "score must be a whole number from 1 to 5"),
      comment: z.string({ error: "comment must be text" }).max(MAX_CSAT_COMMENT_LENGTH, `comment is longer than ${MAX_CSAT_COMMENT_LENGTH} characters`).optional(),
    })
    .strict(),
);
