/** Text normalisation for intent features: lower-casing, placeholder tokens for ids/amounts, light stemming. */
// Import only the stemmer module: the natural package's index loads database drivers and prints banners.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const porter = require("natural/lib/natural/stemmers/porter_stemmer.js") as { stem(word: string): string };

/** Placeholder tokens that replace ids, amounts and contact details before features are computed. */
export const PLACEHOLDERS = {
  id: "<id>",
  money: "<money>",
  number: "<num>",
  email: "<email>",
  url: "<url>",
  phone: "<phone>",
} as const;

const replacements: [RegExp, string][] = [
  [/\bhttps?:\/\/\S+|\bwww\.\S+/gi, ` ${PLACEHOLDERS.url} `],
  [/\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g, ` ${PLACEHOLDERS.email} `],
  // Currency symbol or code before/after an amount: "$49.99", "49.99 EUR", "€12", "usd 30".
  [/(?:[$€£¥₹]|\b(?:usd|eur|gbp|inr|rs\.?)\s?)\s?\d[\d,]*(?:\.\d+)?\b|\b\d[\d,]*(?:\.\d+)?\s?(?:[$€£¥₹]|(?:usd|eur|gbp|inr|dollars?|euros?|pounds?|bucks|rupees?)\b)/gi, ` ${PLACEHOLDERS.money} `],
  // Order/invoice/tracking ids: "#12345", "ORD-2024-00042", "INV123456", "1Z999AA10123456784".
  [/#\s?[a-z0-9-]*\d[a-z0-9-]*|\b(?=[a-z0-9-]*\d)(?=[a-z0-9-]*[a-z])[a-z0-9]+(?:-[a-z0-9]+)+\b|\b[a-z]{1,4}\d{4,}[a-z0-9]*\b|\b\d{5,}\b/gi, ` ${PLACEHOLDERS.id} `],
  [/\+?\d[\d\s().-]{8,}\d/g, ` ${PLACEHOLDERS.phone} `],
  [/\b\d+(?:[.,]\d+)?\b/g, ` ${PLACEHOLDERS.number} `],
];

/**
 * Template slots as chatbot corpora and canned replies write them ("cancel order {{Order Number}}", "refund of
 * {{Currency Symbol}}{{Refund Amount}}"): a slot naming an id, amount, count, address or contact becomes that
 * placeholder; any other slot ({{Person Name}}, {{Account Type}}, {{Delivery City}} …) stands for a name the model should
 * not read as words, and is dropped.
 */
const SLOT_PLACEHOLDERS: [RegExp, string][] = [
  [/amount|price|cost|fee|total|money|currency/, PLACEHOLDERS.money],
  [/e-?mail/, PLACEHOLDERS.email],
  [/phone|mobile|fax/, PLACEHOLDERS.phone],
  [/url|website|link|site/, PLACEHOLDERS.url],
  [/number|\bno\b|\bids?\b|code|reference|tracking/, PLACEHOLDERS.id],
  [/quantity|\bcount\b|\bunits?\b/, PLACEHOLDERS.number],
];
const slotPattern = /\{\{\s*([^{}]{1,60}?)\s*\}\}/g;

function slotPlaceholder(name: string): string {
  const lower = name.toLowerCase();
  const found = SLOT_PLACEHOLDERS.find(([pattern]) => pattern.test(lower));
  return found ? ` ${found[1]} ` : " ";
}

/** Replaces ids, amounts, e-mails, URLs, phone numbers and template slots with placeholder tokens and lower-cases the rest. */
export function normalizeText(text: string): string {
  let out = text.normalize("NFKC").replace(/[’‘`´]/g, "'");
  out = out.replace(slotPattern, (_, name: string) => slotPlaceholder(name));
  // "{{Currency Symbol}}{{Refund Amount}}" is one amount.
  out = out.replace(/<money>\s*<money>/g, PLACEHOLDERS.money);
  for (const [pattern, token] of replacements) out = out.replace(pattern, token);
  return out.toLowerCase();
}

const tokenPattern = /<[a-z]+>|[a-z0-9\u00c0-\u024f]+(?:'[a-z]+)?/g;

/** Splits normalised text into word tokens, dropping punctuation and folding contractions ("don't" → "dont"). */
export function tokenize(normalized: string): string[] {
  const words = normalized.match(tokenPattern) ?? [];
  return words.map((word) => word.replace(/'/g, ""));
}

const stemCache = new Map<string, string>();

/** Porter stem of a token (placeholders unchanged), memoised because the vocabulary is small. */
export function stem(token: string): string {
  if (token.startsWith("<")) return token;
  let stemmed = stemCache.get(token);
  if (stemmed === undefined) {
    stemmed = token.length <= 3 ? token : porter.stem(token);
    if (stemCache.size < 200_000) stemCache.set(token, stemmed);
  }
  return stemmed;
}
