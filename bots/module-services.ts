/** BotServices backed by Switchboard's modules (the real database, queue and NLP). */
import {
  addReply,
  getConversation,
  getMessage,
  receiveCustomerMessage,
  saveBotState,
  type ConversationRow,
  type MessageRow,
} from "../src/modules/conversations/index.ts";
import type { ServiceDeps } from "../src/modules/deps.ts";
import { BOT_FRAMEWORK_INBOX_ID } from "../src/modules/inboxes/index.ts";
import { articleForIntent } from "../src/modules/knowledge/index.ts";
import { checkOrderOwnership, orderByNumber } from "../src/modules/sales/index.ts";
import { openHandoffTicket } from "../src/modules/tickets/index.ts";
import type { BotServices, BotTurn } from "./bot-services.ts";

/** Inbox that Bot Framework channels (Teams, Slack, Telegram …) deliver into. */
export const BOT_FRAMEWORK_INBOX = BOT_FRAMEWORK_INBOX_ID;

/** The bot's view of a stored customer message and its conversation. */
export function toTurn(message: MessageRow, conversation: ConversationRow): BotTurn {
  return {
    messageId: message.id,
    text: message.text,
    annotation: message.annotation ?? null,
    conversationId: conversation.id,
    customerId: conversation.customerId,
    conversationStatus: conversation.status,
    botState: conversation.botState,
  };
}

/** Builds the bot's port onto the modules. */
export function moduleBotServices(deps: ServiceDeps): BotServices {
  return {
    async resolveTurn(activity) {
      if (activity.preparedTurn) return activity.preparedTurn;
      if (activity.storedMessageId) {
        const message = await getMessage(deps, activity.storedMessageId);
        if (!message) return undefined;
        return toTurn(message, await getConversation(deps, message.conversationId));
      }
      const { message, conversation, created } = await receiveCustomerMessage(deps, {
        inboxId: BOT_FRAMEWORK_INBOX,
        channel: `botframework:${activity.channelId}`,
        externalUserId: activity.fromId,
        externalConversationId: activity.conversationId,
        clientMsgId: activity.id,
        text: activity.text ?? "",
        profile: { name: activity.fromName ?? null },
        answeredInTurn: true,
        // The conversation reference an agent's later reply is sent with (src/channels/botframework/outbound.ts).
        ...(activity.serviceUrl
          ? { channelData: { serviceUrl: activity.serviceUrl, botId: activity.botId ?? null, botName: activity.botName ?? null, userId: activity.fromId, userName: activity.fromName ?? null } }
          : {}),
      });
      // A redelivered activity was answered the first time.
      return created ? toTurn(message, conversation) : undefined;
    },
    async articleFor(intent) {
      const article = await articleForIntent(deps, intent);
      return article ? { id: article.id, title: article.title, body: article.body } : undefined;
    },
    async orderByNumber(number) {
      const order = await orderByNumber(deps, number);
      if (!order) return undefined;
      return {
        number: order.number,
        status: order.status,
        carrier: order.carrier,
        trackingNumber: order.trackingNumber,
        estimatedDelivery: order.estimatedDelivery,
        itemNames: order.items.map((i) => i.name),
        customerId: order.customerId,
      };
    },
    checkOrderOwnership: (number, email) => checkOrderOwnership(deps, number, email),
    saveState: (conversationId, state) => saveBotState(deps, conversationId, state),
    async handOff(conversationId, reason, triggerMessageId) {
      await openHandoffTicket(deps, { conversationId, reason, triggerMessageId, replyKey: `handoff:${triggerMessageId}` });
    },
    async storeReply(conversationId, text, key) {
      await addReply(deps, conversationId, { senderType: "bot", senderName: "Switchboard Bot", text, clientMsgId: key });
    },
  };
}
