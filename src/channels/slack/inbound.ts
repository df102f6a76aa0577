/** Slack Events API payloads → the canonical inbound message: users' messages in a channel, each thread one conversation. */
import { z } from "zod";
import { MAX_MESSAGE_LENGTH } from "../../contracts/messages.ts";
import type { InboundMessage } from "../../modules/conversations/index.ts";

const messageEvent = z.looseObject({
  type: z.string().max(100),
  subtype: z.string().max(100).optional(),
  bot_id: z.string().max(100).optional(),
  user: z.string().max(100).optional(),
  user_team: z.string().max(100).optional(),
  text: z.string().optional(),
  ts: z.string().max(50).optional(),
  thread_ts: z.string().max(50).optional(),
  channel: z.string().max(100).optional(),
  user_profile: z.looseObject({ real_name: z.string().max(256).optional(), display_name: z.string().max(256).optional() }).optional(),
});

/** The request bodies Slack posts to an Events API URL (https://api.slack.com/apis/events-api). */
export const slackPayload = z.discriminatedUnion("type", [
  z.looseObject({ type: z.literal("url_verification"), challenge: z.string().max(500) }),
  z.looseObject({ type: z.literal("event_callback"), team_id: z.string().max(100), event_id: z.string().max(200), event: messageEvent }),
  z.looseObject({ type: z.literal("app_rate_limited") }),
], { error: "type must be url_verification, event_callback or app_rate_limited" });

/** A parsed Events API payload. */
export type SlackPayload = z.infer<typeof slackPayload>;

/** A Slack thread's conversation id: the inbox, the channel and the thread's first message's ts. */
export function slackThreadId(inboxId: string, channel: string, threadTs: string): string {
  return `${inboxId}:${channel}:${threadTs}`;
}

/** The channel and thread ts back from a conversation's external id. */
export function slackThreadOf(inboxId: string, threadId: string | null): { channel: string; threadTs: string } {
  const [channel, threadTs, ...rest] = threadId?.startsWith(`${inboxId}:`) ? threadId.slice(inboxId.length + 1).split(":") : [];
  if (!channel || !threadTs || rest.length > 0) throw new Error("the conversation is not a thread of this Slack inbox");
  return { channel, threadTs };
}

/**
 * The customer message an event carries: a user's plain message (no subtype: edits, joins and bots' messages, our
 * own replies among them, have one or a bot_id). A message in a thread joins the thread's conversation; a message
 * in the channel starts one.
 */
export function fromSlackEvent(inboxId: string, payload: Extract<SlackPayload, { type: "event_callback" }>): InboundMessage | undefined {
  const { event } = payload;
  if (event.type !== "message" || event.subtype || event.bot_id || !event.user || !event.channel || !event.ts || !event.text?.trim()) return undefined;
  const name = event.user_profile?.real_name || event.user_profile?.display_name;
  return {
    inboxId,
    channel: "slack",
    externalUserId: `${event.user_team ?? payload.team_id}:${event.user}`,
    externalConversationId: slackThreadId(inboxId, event.channel, event.thread_ts ?? event.ts),
    // Slack retries an event (X-Slack-Retry-Num) with the same event_id: it is stored once.
    clientMsgId: `event:${payload.event_id}`,
    text: event.text.slice(0, MAX_MESSAGE_LENGTH),
    profile: name ? { name } : undefined,
    raw: payload,
  };
}
