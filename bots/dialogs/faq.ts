/** FAQ dialog: answers an intent from its knowledge-base article, its safe markdown read as plain text. */
import { markdownToText } from "../../src/contracts/markdown-text.ts";
import type { BotServices } from "../bot-services.ts";

/** The article's answer to the intent, as text, or undefined when no published article answers it. */
export async function faqReply(services: BotServices, intent: string): Promise<string | undefined> {
  if (intent === "unknown") return undefined;
  const article = await services.articleFor(intent);
  return article ? markdownToText(article.body) : undefined;
}
