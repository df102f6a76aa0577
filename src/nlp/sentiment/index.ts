/** Message-level sentiment: AFINN as the base, extended with customer-service rules (see score.ts). */
import type { Sentiment, Token } from "../../contracts/nlp.ts";
import { tokenize } from "../pos/tokenize.ts";
import { scoreParts, type SentimentParts } from "./score.ts";

/** Scores at or below this are negative; the support domain leans negative, so a mild complaint already counts. */
export const NEGATIVE_THRESHOLD = -0.5;
/** Scores at or above this are positive. */
export const POSITIVE_THRESHOLD = 1.5;
const MAX_DRIVERS = 8;

/** Turns scored parts into the stored Sentiment (label, confidence, strongest drivers first). */
export function toSentiment(parts: SentimentParts): Sentiment {
  const { score } = parts;
  const label = score <= NEGATIVE_THRESHOLD ? "negative" : score >= POSITIVE_THRESHOLD ? "positive" : "neutral";
  // Confidence grows with the distance from the nearest decision boundary.
  const margin = label === "negative" ? NEGATIVE_THRESHOLD - score : label === "positive" ? score - POSITIVE_THRESHOLD : Math.min(score - NEGATIVE_THRESHOLD, POSITIVE_THRESHOLD - score);
  const confidence = Math.round((0.5 + 0.5 * (1 - Math.exp(-0.6 * (margin + 0.5)))) * 1000) / 1000;
  // Two rules can fire on the same words ("nobody answers": a complaint phrase and a bare negation); the console shows
  // each text once, with the contributions summed.
  const merged = new Map<string, number>();
  for (const d of parts.drivers) merged.set(d.text, (merged.get(d.text) ?? 0) + d.weight);
  const drivers = [...merged]
    .map(([text, weight]) => ({ text, weight }))
    .filter((d) => d.weight !== 0)
    .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight))
    .slice(0, MAX_DRIVERS)
    .map((d) => ({ text: d.text, weight: Math.round(d.weight * 100) / 100 }));
  return {
    score: Math.round(score * 100) / 100,
    comparative: Math.round((score / Math.max(1, parts.wordCount)) * 1000) / 1000,
    label,
    confidence,
    drivers,
  };
}

/** Analyses one message's sentiment; pass the tokens from tagText to avoid tokenizing twice. */
export function analyzeSentiment(text: string, tokens?: Token[]): Sentiment {
  const toks = tokens ?? tokenize(text).map((s) => ({ ...s, pos: "" }));
  return toSentiment(scoreParts(text, toks));
}
