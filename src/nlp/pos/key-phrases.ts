/** Key noun phrases of a message, from its UPOS tags, for the reports' "top topics". */
import type { Token } from "../../contracts/nlp.ts";
import { lookup } from "./lexicon.ts";

// Nouns too generic to be a topic on their own.
const GENERIC = new Set([
  "thing", "things", "lot", "lots", "way", "time", "times", "day", "days", "hi", "hello", "hey", "thanks", "thank",
  "please", "bit", "kind", "sort", "someone", "anyone", "everyone", "something", "anything", "nothing", "everything",
  "guys", "guy", "people", "one", "ones", "yes", "no", "ok", "okay", "today", "yesterday", "tomorrow", "tonight", "u",
  "%", "problem", "issue", "question", "help", "pm", "am", "lol", "number", "min", "mins", "minute", "minutes",
  "hour", "hours", "hrs", "week", "weeks", "month", "months", "year", "years", "morning", "night", "evening",
]);
// How the customer got in touch, not what about: no topic alone (a "phone case" is still one).
const CONTACT = new Set(["email", "e-mail", "mail", "phone", "call", "text", "chat", "message", "sms", "contact", "reply"]);
// Phrases headed by a unit of time ("last month", "2 weeks") are when, not what.
const TIME_HEADS = /^(?:min(?:ute)?s?|hours?|hrs?|days?|weeks?|months?|years?|mornings?|nights?|evenings?|afternoons?|weekends?|today|tonight|yesterday|tomorrow)$/i;
const MAX_PHRASES = 8;

function isHead(t: Token): boolean {
  return (t.pos === "NOUN" || t.pos === "PROPN") && /\p{L}/u.test(t.text) && !/\d|^[@#]|^(?:https?:|www\.)/i.test(t.text);
}

function isModifier(t: Token): boolean {
  return isHead(t) || (t.pos === "ADJ" && /^\p{L}/u.test(t.text)) || (t.pos === "NUM" && /^\d/.test(t.text));
}

/** A character span to leave out of key phrases (an order number, an amount, an e-mail …). */
export type ExcludedSpan = { start: number; end: number };

/** A spelling corrector: the word meant, or undefined when the word is fine or unknown (the intent model has one). */
export type WordCorrector = (word: string) => string | undefined;

/** A plural noun's singular when the lexicon knows both ("refunds" → "refund", "policies" → "policy"); else the word. */
export function singularNoun(word: string): string {
  const tags = lookup(word).penn;
  if (tags[0] !== "NNS") return word;
  const candidates = word.endsWith("ies") ? [`${word.slice(0, -3)}y`] : word.endsWith("es") ? [word.slice(0, -2), word.slice(0, -1)] : word.endsWith("s") ? [word.slice(0, -1)] : [];
  return candidates.find((c) => lookup(c).penn.includes("NN")) ?? word;
}

/** The form a topic keeps of one of its words: spelling corrected, and the head noun (the last word) singular. */
function topicWord(word: string, head: boolean, correct?: WordCorrector): string {
  const lower = word.toLowerCase();
  const corrected = (correct && /^\p{L}+$/u.test(lower) && correct(lower)) || lower;
  return head ? singularNoun(corrected) : corrected;
}

/** A one-word topic the corrector turned into a word that is never a noun ("lomg" → "long") is no topic. */
function notANoun(word: string): boolean {
  const tags = lookup(word).penn;
  return tags.length > 0 && !tags.some((t) => t.startsWith("NN"));
}

/**
 * Returns the message's key noun phrases (lower-cased, de-duplicated, in order of appearance, at most eight). Tokens
 * inside `exclude` never join a phrase: "ORD" of "order ORD-10001" is an identifier, not a topic. With `correct`,
 * misspelt words are corrected; the last word of a phrase is always made singular where the lexicon knows it
 * ("late deliveries" → "late delivery"), so one topic is counted under one name.
 */
export function keyPhrases(text: string, allTokens: Token[], exclude: ExcludedSpan[] = [], correct?: WordCorrector): string[] {
  const tokens = exclude.length ? allTokens.filter((t) => !exclude.some((x) => t.start < x.end && x.start < t.end)) : allTokens;
  const seen = new Set<string>();
  const out: string[] = [];
  let i = 0;
  while (i < tokens.length && out.length < MAX_PHRASES) {
    if (!isModifier(tokens[i])) {
      i++;
      continue;
    }
    let j = i;
    // A phrase is a run of modifiers in one stretch of text (no punctuation between), ending at its last noun.
    while (
      j + 1 < tokens.length &&
      isModifier(tokens[j + 1]) &&
      !(isHead(tokens[j]) && !isHead(tokens[j + 1])) &&
      !/[,.;:!?()]/.test(text.slice(tokens[j].end, tokens[j + 1].start))
    ) j++;
    let last = j;
    while (last >= i && !isHead(tokens[last])) last--;
    if (last >= i) {
      let first = i;
      while (first < last && (tokens[first].pos === "NUM" || GENERIC.has(tokens[first].text.toLowerCase()))) first++;
      let phrase = "";
      for (let k = first; k <= last; k++) {
        phrase += topicWord(tokens[k].text, k === last, correct);
        if (k < last) phrase += text.slice(tokens[k].end, tokens[k + 1].start).replace(/\s+/g, " ");
      }
      const single = first === last;
      const generic = (single && (GENERIC.has(phrase) || CONTACT.has(phrase) || phrase.length < 3 || notANoun(phrase))) || TIME_HEADS.test(tokens[last].text);
      if (!generic && !seen.has(phrase)) {
        seen.add(phrase);
        out.push(phrase);
      }
    }
    i = j + 1;
  }
  return out;
}
