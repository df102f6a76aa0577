/**
 * Agents' replies and system notices to Bot Framework conversations (Teams, the Emulator …): sent proactively to the
 * conversation's serviceUrl with the connector client of botbuilder's CloudAdapter (POST
 * <serviceUrl>/v3/conversations/<id>/activities, the Bot Connector API's "send to conversation"), with an Azure token
 * when MICROSOFT_APP_ID is set and none in local mode.
 */
import { CloudAdapter, type Activity, type ConversationReference } from "botbuilder";
import { customerChannelData, DeliveryError, type ChannelSender } from "../../modules/conversations/index.ts";
import type { ServiceDeps } from "../../modules/deps.ts";
import { retryableStatus } from "../http.ts";
import { botFrameworkAuthentication, type BotFrameworkSettings } from "./auth.ts";

/** What the conversation's latest customer message kept of where to answer (bots/module-services.ts). */
type StoredReference = { serviceUrl?: unknown; botId?: unknown; botName?: unknown; userId?: unknown; userName?: unknown };

/** The part of the turn's Bot Connector client (botframework-connector's ConnectorClient) a reply needs. */
type Connector = { conversations: { sendToConversation(conversationId: string, activity: Partial<Activity>): Promise<{ id?: string }> } };

/** An error of the Bot Connector client: its HTTP status and headers when the service answered. */
type ConnectorError = { statusCode?: number; message?: string; response?: { headers?: { get?(name: string): string | undefined } } };

const text = (value: unknown): string | undefined => (typeof value === "string" && value.length > 0 ? value : undefined);

/** Where a reply to a Bot Framework conversation goes: a conversation reference without an activity to reply to. */
export type BotConversation = Pick<ConversationReference, "channelId" | "serviceUrl" | "conversation"> & Partial<Pick<ConversationReference, "bot" | "user">>;

/** The conversation reference of a stored Bot Framework conversation, or undefined when no customer message kept one. */
export function referenceOf(channel: string, externalId: string | null, stored: StoredReference | undefined): BotConversation | undefined {
  const serviceUrl = text(stored?.serviceUrl);
  if (!serviceUrl || !externalId) return undefined;
  const botId = text(stored?.botId);
  const userId = text(stored?.userId);
  return {
    channelId: channel.slice("botframework:".length),
    serviceUrl,
    conversation: { id: externalId, isGroup: false, conversationType: "personal", name: "" },
    ...(botId ? { bot: { id: botId, name: text(stored?.botName) ?? "" } } : {}),
    ...(userId ? { user: { id: userId, name: text(stored?.userName) ?? "" } } : {}),
  };
}

/** The Bot Connector's refusal as a DeliveryError: 429 and 5xx (after Retry-After) and network failures are retried. */
function deliveryError(error: unknown): DeliveryError {
  const failure = (typeof error === "object" && error !== null ? error : {}) as ConnectorError;
  const status = failure.statusCode;
  if (status === undefined) return new DeliveryError(`could not reach the Bot Connector: ${failure.message ?? String(error)}`, { retryable: true });
  const retryAfter = failure.response?.headers?.get?.("retry-after");
  return new DeliveryError(`the Bot Connector answered ${status}: ${failure.message ?? "no description"}`, {
    retryable: retryableStatus(status),
    ...(retryAfter && /^\d+$/.test(retryAfter) ? { retryAfterMs: Number(retryAfter) * 1000 } : {}),
  });
}

/** The Bot Framework sender, or undefined when the channel is not configured (no app id, no local mode). */
export function botFrameworkSender(deps: Pick<ServiceDeps, "db">, settings: BotFrameworkSettings | undefined): ChannelSender | undefined {
  const auth = botFrameworkAuthentication(settings);
  if (!auth) return undefined;
  // An adapter of its own, without the bot's middleware and turn-error handler: a failure reaches the delivery job.
  const adapter = new CloudAdapter(auth);
  return {
    async send(message) {
      const reference = referenceOf(message.channel, message.externalId, await customerChannelData(deps, message.conversationId, message.channel));
      if (!reference) throw new DeliveryError("the Bot Framework conversation has no serviceUrl to answer at", { retryable: false });
      let externalId: string | undefined;
      try {
        await adapter.continueConversationAsync(settings?.appId ?? "", reference, async (context) => {
          // Send to the conversation (not as a reply to an activity): the agent's message answers none in particular.
          const connector = context.turnState.get<Connector>(adapter.ConnectorClientKey);
          const sent = await connector.conversations.sendToConversation(reference.conversation.id, {
            type: "message",
            text: message.text,
            channelId: reference.channelId,
            serviceUrl: reference.serviceUrl,
            conversation: reference.conversation,
            ...(reference.bot ? { from: reference.bot } : {}),
            ...(reference.user ? { recipient: reference.user } : {}),
          });
          externalId = sent.id;
        });
      } catch (error) {
        throw deliveryError(error);
      }
      return externalId ? { externalId } : {};
    },
  };
}
