/** "What would the bot say to …?": one turn of the real bot on a typed question, over services that store nothing. */
import type { Activity } from "botbuilder";
import type { Annotation } from "../src/contracts/nlp.ts";
import type { HandoffReason } from "../src/modules/routing/index.ts";
import type { BotServices, BotTurn } from "./bot-services.ts";
import { SwitchboardBot, TURN_RESULT_KEY, type TurnResult } from "./switchboard-bot.ts";
import { WidgetAdapter } from "./widget-adapter.ts";

/** What the bot did with the question: what it said, whether it handed off, and the article it answered from. */
export type BotPreview = { replies: string[]; handoffReason: HandoffReason | null; article: { id: string; title: string } | null };

/** Runs the bot's decision for a new conversation's first message; reads (articles, orders) are real, writes are dropped. */
export async function previewBotTurn(services: BotServices, text: string, annotation: Annotation): Promise<BotPreview> {
  const preview: BotPreview = { replies: [], handoffReason: null, article: null };
  const dry: BotServices = {
    ...services,
    resolveTurn: async (activity) => activity.preparedTurn,
    async articleFor(intent) {
      const article = await services.articleFor(intent);
      if (article) preview.article = { id: article.id, title: article.title };
      return article;
    },
    // A fresh conversation asks for no email yet; were it asked, a preview must not count a wrong answer against an order.
    checkOrderOwnership: async () => "mismatch",
    saveState: async () => undefined,
    async handOff(_conversationId, reason) {
      preview.handoffReason = reason;
    },
    storeReply: async () => undefined,
  };
  const bot = new SwitchboardBot(dry);
  const adapter = new WidgetAdapter();
  const turn: BotTurn = { messageId: "preview", text, annotation, conversationId: "preview", customerId: "preview", conversationStatus: "bot", botState: {} };
  const activity: Partial<Activity> = {
    type: "message",
    id: "preview",
    text,
    channelId: "web",
    serviceUrl: "",
    timestamp: new Date(),
    conversation: { id: "preview", isGroup: false, conversationType: "personal", name: "" },
    from: { id: "preview", name: "customer", role: "user" },
    recipient: { id: "switchboard-bot", name: "Switchboard Bot", role: "bot" },
    channelData: { switchboardTurn: turn },
  };
  await adapter.processTurn(activity, (context) => {
    context.turnState.set(TURN_RESULT_KEY, {} satisfies TurnResult);
    context.onSendActivities(async (_ctx, activities, next) => {
      for (const sent of activities) if (sent.type === "message" && sent.text) preview.replies.push(sent.text);
      return next();
    });
    return bot.run(context);
  });
  return preview;
}
