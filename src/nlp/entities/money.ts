/** Money amounts: "$49.99", "20 dollars", "EUR 15", "15,50 €", "fifty quid" → {amount, currency}. */
import { DIGIT_NUMBER, WORD_NUMBER, parseNumber } from "./numbers.ts";
import { candidate, type Candidate } from "./types.ts";

const DOLLAR_BY_COUNTRY: Record<string, string> = { CA: "CAD", AU: "AUD", NZ: "NZD", SG: "SGD", HK: "HKD", MX: "MXN" };
const SYMBOLS: Record<string, string> = {
  "$": "USD", "US$": "USD", "C$": "CAD", "CA$": "CAD", "A$": "AUD", "AU$": "AUD", "NZ$": "NZD",
  "£": "GBP", "€": "EUR", "¥": "JPY", "₹": "INR", "Rs": "INR", "Rs.": "INR", "R$": "BRL", "₩": "KRW", "₽": "RUB", "CHF": "CHF", "kr": "SEK",
};
const ISO = "USD|EUR|GBP|CAD|AUD|NZD|JPY|INR|CHF|SEK|NOK|DKK|PLN|CNY|HKD|SGD|MXN|BRL|ZAR|AED|KRW|RUB|TRY";
const NAMES: [RegExp, string][] = [
  [/^(?:us\s+|american\s+)?dollars?|bucks?|usd$/i, "$"],
  [/^(?:canadian\s+dollars?)$/i, "CAD"],
  [/^(?:australian\s+dollars?)$/i, "AUD"],
  [/^euros?$/i, "EUR"],
  [/^(?:pounds?(?:\s+sterling)?|quid|sterling)$/i, "GBP"],
  [/^yen$/i, "JPY"],
  [/^rupees?$/i, "INR"],
  [/^(?:swiss\s+)?francs?$/i, "CHF"],
  [/^cents?$/i, "¢"],
  [/^pence|p$/i, "p"],
];
const NAME_WORDS = String.raw`(?:canadian\s+dollars?|australian\s+dollars?|(?:us\s+|american\s+)?dollars?|bucks?|euros?|pounds?(?:\s+sterling)?|quid|yen|rupees?|(?:swiss\s+)?francs?|cents?|pence)`;
const SYMBOL = String.raw`(?:US\$|C\$|CA\$|A\$|AU\$|NZ\$|R\$|Rs\.?|[$£€¥₹₩₽])`;
// Amount with "," or "." as decimal separator ("15,50"), optional k/m multipliers.
const AMOUNT = String.raw`(?:\d{1,3}(?:[,.\s]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?)(?:\s?(?:k|K|m|M|bn)\b)?`;

const SYMBOL_FIRST = new RegExp(String.raw`(-\s?)?(${SYMBOL})\s?(${AMOUNT})`, "g");
const SYMBOL_AFTER = new RegExp(String.raw`(?<![\w.,])(${AMOUNT})\s?([$£€¥₹])`, "g");
const ISO_FIRST = new RegExp(String.raw`\b(${ISO}|CHF)\s?(${AMOUNT})`, "g");
const ISO_AFTER = new RegExp(String.raw`(?<![\w.,])(${AMOUNT})\s?(${ISO})\b`, "g");
const NAMED = new RegExp(String.raw`(?<![\w.,])(${DIGIT_NUMBER}(?:\s?(?:k|K))?|${WORD_NUMBER})\s+(${NAME_WORDS})\b`, "gi");

/** Parses "1,299.50", "15,50", "1.299,50", "2k" into a number. */
export function parseAmount(raw: string): number {
  let s = raw.replace(/\s(?=\d{3}\b)/g, "").trim();
  let mult = 1;
  const suffix = /\s?(k|m|bn)$/i.exec(s);
  if (suffix) {
    mult = { k: 1e3, m: 1e6, bn: 1e9 }[suffix[1].toLowerCase() as "k" | "m" | "bn"];
    s = s.slice(0, suffix.index);
  }
  if (/^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(s)) s = s.replace(/,/g, "");
  else if (/^\d{1,3}(?:\.\d{3})+(?:,\d+)?$/.test(s)) s = s.replace(/\./g, "").replace(",", ".");
  else if (/^\d+,\d{1,2}$/.test(s)) s = s.replace(",", ".");
  const n = /^[\d.]+$/.test(s) ? Number(s) : parseNumber(s);
  return Math.round(n * mult * 100) / 100;
}

function currencyOf(token: string, country?: string): string {
  const dollar = (country && DOLLAR_BY_COUNTRY[country.toUpperCase()]) || "USD";
  if (token === "$") return dollar;
  if (token in SYMBOLS) return SYMBOLS[token];
  if (/^[A-Z]{3}$/.test(token.toUpperCase()) && new RegExp(`^(?:${ISO})$`).test(token.toUpperCase())) return token.toUpperCase();
  for (const [re, sym] of NAMES) if (re.test(token)) return sym === "$" ? dollar : sym === "¢" || sym === "p" ? sym : sym;
  return dollar;
}

/** Finds money amounts; value is {amount, currency} with an ISO 4217 currency code. */
export function findMoney(text: string, country?: string): Candidate[] {
  const out: Candidate[] = [];
  const push = (start: number, end: number, amount: number, currency: string) => {
    if (Number.isNaN(amount)) return;
    if (currency === "¢") out.push(candidate("money", start, end, { amount: amount / 100, currency: currencyOf("$", country) }, 70));
    else if (currency === "p") out.push(candidate("money", start, end, { amount: amount / 100, currency: "GBP" }, 70));
    else out.push(candidate("money", start, end, { amount, currency }, 70));
  };
  const each = (re: RegExp, f: (m: RegExpExecArray) => void) => {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) f(m);
  };
  each(SYMBOL_FIRST, (m) => {
    const sign = m[1] ? -1 : 1;
    push(m.index, m.index + m[0].length, sign * parseAmount(m[3]), currencyOf(m[2], country));
  });
  each(SYMBOL_AFTER, (m) => push(m.index, m.index + m[0].length, parseAmount(m[1]), currencyOf(m[2], country)));
  each(ISO_FIRST, (m) => push(m.index, m.index + m[0].length, parseAmount(m[2]), m[1].toUpperCase()));
  each(ISO_AFTER, (m) => push(m.index, m.index + m[0].length, parseAmount(m[1]), m[2].toUpperCase()));
  each(NAMED, (m) => {
    // "weighed 12 pounds" is a weight, not money.
    if (/^pounds?$/i.test(m[2]) && /\b(?:weigh\w*|heavy|heavier|lbs?|kg|weight)\b[^.!?]{0,30}$/i.test(text.slice(Math.max(0, m.index - 40), m.index))) return;
    const amount = /^\d/.test(m[1]) ? parseAmount(m[1]) : parseNumber(m[1]);
    push(m.index, m.index + m[0].length, amount, currencyOf(m[2], country));
  });
  return out;
}
