/** Replies in the customer's Slack thread with chat.postMessage; Slack answers 200 {ok: false, error} when it refuses. */
import { DeliveryError, type ChannelSender } from "../../modules/conversations/index.ts";
import type { ServiceDeps } from "../../modules/deps.ts";
import { channelInbox } from "../../modules/inboxes/index.ts";
import { answerOf, postJson, retryableStatus } from "../http.ts";
import { slackThreadOf } from "./inbound.ts";

/** What chat.postMessage answers (https://api.slack.com/methods/chat.postMessage). */
type PostMessageAnswer = { ok: boolean; ts: string; error: string };

/** The settings a post to Slack needs. */
type SlackPostSettings = { botToken: string; apiBaseUrl: string };

/** Posts {channel, text, thread_ts?} with chat.postMessage; the message's `ts` back, or a DeliveryError in Slack's words. */
export async function postSlackMessage(settings: SlackPostSettings, body: { channel: string; text: string; thread_ts?: string }): Promise<{ externalId?: string }> {
  const res = await postJson(`${settings.apiBaseUrl.replace(/\/+$/, "")}/chat.postMessage`, body, "Slack", { authorization: `Bearer ${settings.botToken}` });
  const answer = answerOf<PostMessageAnswer>(res);
  if (res.status === 200 && answer.ok) return { externalId: answer.ts };
  const error = answer.error ?? "no error given";
  // Rate limits come as a 429 with Retry-After (and error "ratelimited"); any other error (channel_not_found, not_in_channel…) is final.
  throw new DeliveryError(`Slack answered ${res.status}: ${error}`, { retryable: retryableStatus(res.status) || error === "ratelimited", retryAfterMs: res.retryAfterMs });
}

/** The Slack sender: posts {channel, text, thread_ts} with the bot token. */
export function slackSender(deps: Pick<ServiceDeps, "db" | "secrets">): ChannelSender {
  return {
    async send(message) {
      const found = await channelInbox(deps, message.inboxId, "slack");
      if (!found) throw new DeliveryError("the Slack inbox is gone or has no settings", { retryable: false });
      const { channel, threadTs } = slackThreadOf(message.inboxId, message.externalId);
      return postSlackMessage(found.settings, { channel, text: message.text, thread_ts: threadTs });
    },
  };
}
