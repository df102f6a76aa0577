/** Middleware that stores every message the bot sends, on every adapter, before the channel delivers it. */
import type { Middleware, TurnContext } from "botbuilder";
import type { BotServices } from "./bot-services.ts";
import { TURN_CONVERSATION_KEY, TURN_MESSAGE_KEY } from "./switchboard-bot.ts";

/** Stores the bot's outgoing messages; keys derive from the customer message so a retried turn stores nothing twice. */
export function replyStore(services: Pick<BotServices, "storeReply">): Middleware {
  return {
    async onTurn(context: TurnContext, next: () => Promise<void>) {
      let sent = 0;
      context.onSendActivities(async (ctx, activities, deliver) => {
        const conversationId = ctx.turnState.get(TURN_CONVERSATION_KEY) as string | undefined;
        const messageId = ctx.turnState.get(TURN_MESSAGE_KEY) as string | undefined;
        if (conversationId && messageId) {
          for (const activity of activities) {
            if (activity.type !== "message" || !activity.text) continue;
            await services.storeReply(conversationId, activity.text, `bot:${messageId}:${sent++}`);
          }
        }
        return deliver();
      });
      await next();
    },
  };
}
