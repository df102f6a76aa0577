/** Composes the NLP parts into one function from a message's text to its Annotation. */
import type { Annotation, EntityType } from "../contracts/nlp.ts";
import { tagText, keyPhrases } from "./pos/index.ts";
import { extractEntities, type EntityContext } from "./entities/index.ts";
import { analyzeSentiment } from "./sentiment/index.ts";
import { loadIntentModel, classifyIntent, type IntentModel } from "./intent/index.ts";
import { loadSentimentModel, type SentimentModel } from "./sentiment/model.ts";

/** Entities whose words are values, never topics: they are left out of the key phrases. */
const NOT_TOPICS = new Set<EntityType>(["email", "phone", "url", "money", "date", "time", "number", "order_number", "invoice_number", "tracking_number"]);

/** Version of the annotation shape; bump when stored annotations change meaning. */
export const ANNOTATION_VERSION = 1;

/** Context the caller knows about a message: its timestamp (for relative dates) and the product catalogue. */
export type AnalyzeContext = EntityContext;

/** A loaded pipeline: `analyze` is synchronous and fast (well under a millisecond per typical message). */
export type Analyzer = {
  analyze(text: string, context?: AnalyzeContext): Annotation;
  /** The intent model in use; replacing it (a retrained model) takes effect from the next message, without a restart. */
  intentModel: IntentModel;
  sentimentModel: SentimentModel;
};

/** Loads the models (the shipped ones in nlp-models/ and nlp-models/sentiment/ unless directories are given) and returns the pipeline. */
export async function createAnalyzer(options: { modelDir?: string; sentimentModelDir?: string } = {}): Promise<Analyzer> {
  const [intentModel, sentimentModel] = await Promise.all([loadIntentModel(options.modelDir), loadSentimentModel(options.sentimentModelDir)]);
  const analyzer: Analyzer = {
    intentModel,
    sentimentModel,
    analyze(text, context = {}) {
      const tokens = tagText(text);
      const entities = extractEntities(text, context);
      return {
        version: ANNOTATION_VERSION,
        language: "en",
        tokens,
        entities,
        sentiment: analyzeSentiment(text, tokens, sentimentModel),
        intent: classifyIntent(analyzer.intentModel, text),
        keyPhrases: keyPhrases(text, tokens, entities.filter((e) => NOT_TOPICS.has(e.type)), analyzer.intentModel.correct),
      };
    },
  };
  // Parts of the lexicons load on first use, and V8 compiles the hot code only after some runs (the first analyses
  // take about 3 ms, later ones 0.2–0.5 ms): pay both here, at start, rather than in the first customers' answers.
  for (let pass = 0; pass < WARM_UP_PASSES; pass++) for (const sample of WARM_UP_SAMPLES) analyzer.analyze(sample, { now: new Date(0) });
  return analyzer;
}

const WARM_UP_PASSES = 10;
const WARM_UP_SAMPLES = [
  "Hi, where is my order #AB12345? It was due yesterday and I'm still waiting!!",
  "I was charged $49.99 twice, please refund it to jane@example.com or call +1 415 555 0100 tomorrow at 5pm.",
  "Thanks, great service :)",
  "hello",
  "what's your return policy for shoes bought on sale",
  "Can I change the delivery address of ORD-2024-00042 to 12 Baker Street, London?",
  "this is ridiculous, the app crashed AGAIN and nobody answers the phone",
  "do you ship to canada? how long does it take",
  "I'd like to speak to a real person please",
  "My password reset link never arrives, I tried three times since Monday.",
];
