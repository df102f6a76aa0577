/** Shapes of the NLP annotation stored with every message and shown in the console. */

/** A token with its character offsets in the original text ([start, end)). */
export type Token = {
  text: string;
  start: number;
  end: number;
  /** Universal Dependencies UPOS tag (NOUN, VERB, PROPN, ADJ, ADV, PRON, DET, ADP, AUX, CCONJ, SCONJ, PART, NUM, PUNCT, SYM, INTJ, X). */
  pos: string;
};

/** Every entity type the pipeline can produce. */
export type EntityType =
  | "person"
  | "organization"
  | "place"
  | "email"
  | "phone"
  | "url"
  | "money"
  | "date"
  | "time"
  | "number"
  | "order_number"
  | "invoice_number"
  | "tracking_number"
  | "product";

/** An entity found in a message, with offsets into the original text and a normalised value. */
export type Entity = {
  type: EntityType;
  text: string;
  start: number;
  end: number;
  /** Normalised value: E.164 phone, lower-cased email, "ORD-12345", ISO date/time, {amount,currency} for money, product id … */
  value: string | number | { amount: number; currency: string } | null;
};

/** Message-level sentiment: the rules' score (negative below zero), the label, a confidence and the words that drove the score. */
export type Sentiment = {
  /** Sum of the rules' word and phrase weights (AFINN scale); hand-off and trends read it. */
  score: number;
  comparative: number;
  /** The shipped model's likeliest label (the rules' when the model is torn between two). */
  label: "negative" | "neutral" | "positive";
  /** The model's probability of that label (0–1). */
  confidence: number;
  /** The words (or emoji, rules) that pushed the score, with their signed contribution. */
  drivers: { text: string; weight: number }[];
};

/** Intent: the best intent name, its calibrated confidence, and "unknown" when below the threshold. */
export type Intent = {
  name: string;
  confidence: number;
  /** The next best candidates, best first (at most 3). */
  alternatives: { name: string; confidence: number }[];
};

/** The whole annotation of one message. */
export type Annotation = {
  version: number;
  language: "en";
  tokens: Token[];
  entities: Entity[];
  sentiment: Sentiment;
  intent: Intent;
  /** Key noun phrases, for the reports' "top topics". */
  keyPhrases: string[];
};

/** The intent name used when the classifier is not confident enough (out of scope). */
export const UNKNOWN_INTENT = "unknown";

/** Shipped intents that carry no request: the bot answers them in kind, and they never become a conversation's subject. */
export const SMALL_TALK_INTENTS: readonly string[] = ["greeting", "thanks", "goodbye"];
