/** "What would the bot say to …?": the real NLP pipeline and the bot's decision on a typed question, storing nothing. */
import type { KbPreviewDTO } from "../../contracts/knowledge.ts";
import { UNKNOWN_INTENT, type Annotation } from "../../contracts/nlp.ts";
import type { ServiceDeps } from "../deps.ts";
import { productCatalogue } from "../sales/index.ts";

/** The bot's side of a preview (built over bots/ by the HTTP layer): what it says or whether it hands off. */
export type BotPreviewPort = (
  text: string,
  annotation: Annotation,
) => Promise<{ replies: string[]; handoffReason: string | null; article: { id: string; title: string } | null }>;

/** Annotates the text as a customer message would be, runs the bot's turn over it and describes the outcome. */
export async function previewQuestion(deps: ServiceDeps, runBot: BotPreviewPort, text: string): Promise<KbPreviewDTO> {
  const annotation = deps.analyzer.analyze(text, { now: deps.now(), products: await productCatalogue(deps) });
  const outcome = await runBot(text, annotation);
  const [runnerUp] = annotation.intent.alternatives.filter((a) => a.name !== annotation.intent.name);
  const decision = outcome.handoffReason ? "handoff" : annotation.intent.name === UNKNOWN_INTENT && !outcome.article ? "clarify" : "answer";
  return {
    text,
    intent: { name: annotation.intent.name, confidence: annotation.intent.confidence },
    runnerUp: runnerUp ? { name: runnerUp.name, confidence: runnerUp.confidence } : null,
    entities: annotation.entities,
    sentiment: { label: annotation.sentiment.label, score: annotation.sentiment.score },
    decision,
    replies: outcome.replies,
    handoffReason: outcome.handoffReason,
    article: outcome.article,
  };
}
