/** A botbuilder adapter for the web widget: turns come from stored messages, replies reach the widget through the message store. */
import { BotAdapter, TurnContext, type Activity, type ConversationReference, type ResourceResponse } from "botbuilder";
import { randomUUID } from "node:crypto";

/** Runs widget turns through the same bot and middleware as every other channel. */
export class WidgetAdapter extends BotAdapter {
  /** Delivery happens when the reply store commits the message, so sending only hands back ids. */
  async sendActivities(_context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    return activities.map(() => ({ id: randomUUID() }));
  }

  async updateActivity(): Promise<void> {
    throw new Error("the widget channel does not support editing messages");
  }

  async deleteActivity(): Promise<void> {
    throw new Error("the widget channel does not support deleting messages");
  }

  async continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const activity = TurnContext.applyConversationReference({ type: "event", name: "continueConversation" }, reference, true);
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }

  /** Runs one turn for an activity built from a stored customer message. */
  async processTurn(activity: Partial<Activity>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    await this.runMiddleware(new TurnContext(this, activity as Activity), logic);
  }
}
