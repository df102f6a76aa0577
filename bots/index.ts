/** The bot runtime: one bot, its reply store, the widget adapter, and the job that answers widget messages. */
import type { Activity, BotAdapter, TurnContext } from "botbuilder";
import type { Logger } from "../src/logger.ts";
import type { BotServices, BotTurn } from "./bot-services.ts";
import { replyStore } from "./reply-store.ts";
import { SwitchboardBot, TURN_CONVERSATION_KEY, TURN_RESULT_KEY, type TurnResult } from "./switchboard-bot.ts";
import { say } from "./strings.ts";
import { WidgetAdapter } from "./widget-adapter.ts";
import { previewBotTurn, type BotPreview } from "./preview.ts";
import type { Annotation } from "../src/contracts/nlp.ts";

export { SwitchboardBot } from "./switchboard-bot.ts";
export { moduleBotServices, toTurn, BOT_FRAMEWORK_INBOX } from "./module-services.ts";
export type { BotServices } from "./bot-services.ts";
export type { TurnResult } from "./switchboard-bot.ts";
export { previewBotTurn, type BotPreview } from "./preview.ts";

/** The running bot and the adapters it is reached through. */
export type BotRuntime = {
  bot: SwitchboardBot;
  widgetAdapter: WidgetAdapter;
  /** Prepares any adapter (Bot Framework's CloudAdapter too): reply store and error handling. */
  attach(adapter: BotAdapter): void;
  /** Lets the bot answer one stored widget message; resolves with the memory to save with the answer. */
  answerWidgetMessage(turn: BotTurn, customerId: string): Promise<TurnResult>;
  /** What the bot would do with a new conversation's first message, storing nothing ("what would the bot say"). */
  preview(text: string, annotation: Annotation): Promise<BotPreview>;
};

/** Builds the bot runtime over the given services. */
export function createBotRuntime(services: BotServices, log: Logger): BotRuntime {
  const bot = new SwitchboardBot(services);
  const attach = (adapter: BotAdapter): void => {
    adapter.use(replyStore(services));
    adapter.onTurnError = async (context: TurnContext, error: Error) => {
      log.error({ err: error, conversationId: context.activity.conversation?.id }, "bot turn failed");
      const conversationId = context.turnState.get(TURN_CONVERSATION_KEY) as string | undefined;
      const result = context.turnState.get(TURN_RESULT_KEY) as TurnResult | undefined;
      // Apologise and forget the half-finished dialog so the next message starts clean.
      await context.sendActivity(say.turnError).catch(() => undefined);
      if (result) result.botState = {};
      else if (conversationId) await services.saveState(conversationId, {}).catch(() => undefined);
    };
  };
  const widgetAdapter = new WidgetAdapter();
  attach(widgetAdapter);
  return {
    bot,
    widgetAdapter,
    attach,
    preview: (text, annotation) => previewBotTurn(services, text, annotation),
    async answerWidgetMessage(turn, customerId) {
      const activity: Partial<Activity> = {
        type: "message",
        id: turn.messageId,
        text: turn.text,
        channelId: "web",
        serviceUrl: "",
        timestamp: new Date(),
        conversation: { id: turn.conversationId, isGroup: false, conversationType: "personal", name: "" },
        from: { id: customerId, name: "customer", role: "user" },
        recipient: { id: "switchboard-bot", name: "Switchboard Bot", role: "bot" },
        channelData: { switchboardMessageId: turn.messageId, switchboardTurn: turn },
      };
      const result: TurnResult = {};
      await widgetAdapter.processTurn(activity, (context) => {
        context.turnState.set(TURN_RESULT_KEY, result);
        return bot.run(context);
      });
      return result;
    },
  };
}
