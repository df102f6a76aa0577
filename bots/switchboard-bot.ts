/** The one Switchboard bot: every channel's turns (the widget's included) go through this ActivityHandler. */
import { ActivityHandler, type TurnContext } from "botbuilder";
import { UNKNOWN_INTENT } from "../src/contracts/nlp.ts";
import { handoffReasonFor, MAX_FAILED_TURNS } from "../src/modules/routing/index.ts";
import type { BotMemory, BotServices, BotTurn } from "./bot-services.ts";
import { faqReply } from "./dialogs/faq.ts";
import { orderStatusTurn } from "./dialogs/order-status.ts";
import { smallTalkReply } from "./dialogs/small-talk.ts";
import { say } from "./strings.ts";

/** Key in turnState under which the stored customer message id of the turn is kept (the reply store uses it). */
export const TURN_MESSAGE_KEY = "switchboard.messageId";
/** Key in turnState under which the conversation id of the turn is kept. */
export const TURN_CONVERSATION_KEY = "switchboard.conversationId";
/** Key in turnState of a widget turn's result: the bot leaves its memory there, saved with the answer in one statement. */
export const TURN_RESULT_KEY = "switchboard.turnResult";

/** What a widget turn hands back to its runner instead of saving it: the new memory, when it changed. */
export type TurnResult = { botState?: BotTurn["botState"] };

/** Answers, asks, or hands off; stays quiet once humans own the conversation. */
export class SwitchboardBot extends ActivityHandler {
  private readonly services: BotServices;

  constructor(services: BotServices) {
    super();
    this.services = services;
    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const joined = (context.activity.membersAdded ?? []).some((m) => m.id !== context.activity.recipient?.id);
      if (joined) await context.sendActivity(say.welcome);
      await next();
    });
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const activity = context.activity;
    if (!activity.text?.trim()) return;
    const channelData = (activity.channelData ?? {}) as { switchboardMessageId?: string; switchboardTurn?: BotTurn };
    const turn = await this.services.resolveTurn({
      id: activity.id,
      text: activity.text,
      channelId: activity.channelId,
      conversationId: activity.conversation.id,
      fromId: activity.from.id,
      fromName: activity.from.name,
      serviceUrl: activity.serviceUrl,
      botId: activity.recipient?.id,
      botName: activity.recipient?.name,
      storedMessageId: channelData.switchboardMessageId,
      preparedTurn: channelData.switchboardTurn,
    });
    if (!turn || turn.conversationStatus !== "bot") return;
    context.turnState.set(TURN_MESSAGE_KEY, turn.messageId);
    context.turnState.set(TURN_CONVERSATION_KEY, turn.conversationId);
    await this.answer(context, turn);
  }

  private async answer(context: TurnContext, turn: BotTurn): Promise<void> {
    const annotation = turn.annotation;
    const intent = annotation?.intent.name ?? "unknown";
    const reason = annotation ? handoffReasonFor(turn.text, annotation) : null;
    if (reason) {
      await this.services.handOff(turn.conversationId, reason, turn.messageId);
      return;
    }
    const order = await orderStatusTurn(this.services, turn);
    if (order) {
      await context.sendActivity(order.reply);
      await this.remember(context, turn, { awaiting: order.awaiting, order: order.order }, order.handled);
      return;
    }
    const reply = smallTalkReply(intent) ?? (await faqReply(this.services, intent));
    if (reply) {
      await context.sendActivity(reply);
      await this.remember(context, turn, { awaiting: null }, true);
      return;
    }
    if (intent !== UNKNOWN_INTENT) {
      // The bot understood the request but has no answer for it (a payment problem, an account change …): a person does.
      await this.save(context, turn, { awaiting: null, failedTurns: 0 });
      await this.services.handOff(turn.conversationId, "needs_agent", turn.messageId);
      return;
    }
    const failedTurns = (turn.botState.failedTurns ?? 0) + 1;
    if (failedTurns >= MAX_FAILED_TURNS) {
      await this.save(context, turn, { awaiting: null, failedTurns: 0 });
      await this.services.handOff(turn.conversationId, "bot_failed", turn.messageId);
      return;
    }
    await context.sendActivity(say.notUnderstood);
    await this.save(context, turn, { awaiting: turn.botState.awaiting ?? null, failedTurns });
  }

  private async remember(context: TurnContext, turn: BotTurn, next: Pick<BotMemory, "awaiting" | "order">, handled: boolean): Promise<void> {
    const failedTurns = handled ? 0 : (turn.botState.failedTurns ?? 0) + 1;
    if (!handled && failedTurns >= MAX_FAILED_TURNS) {
      await this.save(context, turn, { awaiting: null, failedTurns: 0, order: next.order });
      await this.services.handOff(turn.conversationId, "bot_failed", turn.messageId);
      return;
    }
    await this.save(context, turn, { ...next, failedTurns });
  }

  /** Saves what the bot remembers (the order dialog's memory is kept unless replaced), skipping the write when nothing changed (most answered turns). */
  private async save(context: TurnContext, turn: BotTurn, state: BotMemory): Promise<void> {
    const order = state.order ?? turn.botState.order;
    const next: BotMemory = { awaiting: state.awaiting ?? null, failedTurns: state.failedTurns ?? 0, ...(order ? { order } : {}) };
    const before = turn.botState;
    const same =
      (before.awaiting ?? null) === next.awaiting && (before.failedTurns ?? 0) === next.failedTurns && JSON.stringify(before.order) === JSON.stringify(order);
    if (same) return;
    // A widget turn only hands the memory to its runner, which saves it with the answer: a turn run again after a crash
    // then starts from the same memory and decides the same.
    const result = context.turnState.get(TURN_RESULT_KEY) as TurnResult | undefined;
    if (result) result.botState = next;
    else await this.services.saveState(turn.conversationId, next);
  }
}
