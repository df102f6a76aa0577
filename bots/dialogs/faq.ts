/** FAQ dialog: answers an intent from its knowledge-base article. */
import type { BotServices } from "../bot-services.ts";

/** The article body that answers the intent, or undefined when there is none. */
export async function faqReply(services: BotServices, intent: string): Promise<string | undefined> {
  if (intent === "unknown") return undefined;
  const article = await services.articleFor(intent);
  return article?.body;
}
