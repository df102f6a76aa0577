/** Phone numbers, normalised to E.164 when the country is written (+44 …) or given (defaultCountry). */
import { candidate, type Candidate } from "./types.ts";

/** Calling codes and whether the national trunk prefix "0" is dropped, for the countries we serve most. */
const COUNTRIES: Record<string, { code: string; trunk: string; nationalLength: number[] }> = {
  US: { code: "1", trunk: "1", nationalLength: [10] },
  CA: { code: "1", trunk: "1", nationalLength: [10] },
  GB: { code: "44", trunk: "0", nationalLength: [9, 10] },
  IE: { code: "353", trunk: "0", nationalLength: [7, 8, 9] },
  AU: { code: "61", trunk: "0", nationalLength: [9] },
  NZ: { code: "64", trunk: "0", nationalLength: [8, 9, 10] },
  DE: { code: "49", trunk: "0", nationalLength: [6, 7, 8, 9, 10, 11] },
  FR: { code: "33", trunk: "0", nationalLength: [9] },
  ES: { code: "34", trunk: "", nationalLength: [9] },
  IT: { code: "39", trunk: "", nationalLength: [6, 7, 8, 9, 10, 11] },
  NL: { code: "31", trunk: "0", nationalLength: [9] },
  BE: { code: "32", trunk: "0", nationalLength: [8, 9] },
  IN: { code: "91", trunk: "0", nationalLength: [10] },
  SG: { code: "65", trunk: "", nationalLength: [8] },
  ZA: { code: "27", trunk: "0", nationalLength: [9] },
  BR: { code: "55", trunk: "0", nationalLength: [10, 11] },
  MX: { code: "52", trunk: "", nationalLength: [10] },
  JP: { code: "81", trunk: "0", nationalLength: [9, 10] },
};

// International (+ or 00), parenthesised area code, or digit groups joined by separators.
const PHONE_RE = /(?<![\w+#/.-])(?:(?:\+|00)\d{1,3}[\s.-]?(?:\(0?\d{1,4}\)[\s.-]?)?\d{1,4}(?:[\s.-]?\d{2,4}){1,4}|\(\d{2,5}\)[\s.-]?\d{3,4}[\s.-]?\d{3,4}|\d{1,5}(?:[\s.-]\d{2,8}){1,4}|\d{7,13})(?![\w/-]|[.,]\d)(?:\s?(?:ext\.?|x)\s?\d{1,5})?/g;
const NANP_SHAPE = /^(?:1[\s.-]?)?(?:\([2-9]\d{2}\)\s?|[2-9]\d{2}[\s.-])[2-9]\d{2}[\s.-]\d{4}$/;
// A bare "number" is a phone number only when it is someone's ("my number", "contact number"), not a company or VAT number.
const CONTEXT_RE = /(?:\b(?:call|called|calling|phone|ph|tel|telephone|mobile|mob|cell|cellphone|text|txt|sms|whatsapp|reach|contact|ring|dial|fax|landline|hotline)\b|\b(?:my|your|our|his|her|their|the|a|contact|callback|home|work|office|best|new)\s+(?:number|no\.?)(?!\w))[^.!?\n]{0,30}$/i;
const NOT_PHONE_BEFORE = /\b(?:order|purchase|invoice|inv|tracking|track|parcel|package|account|acct|ref|reference|ticket|case|sku|model|serial|item|card|booking|po|confirmation|receipt|id|company|vat|tax|registration|membership|member|customer|policy|claim|loyalty|voucher|coupon|imei)\s*(?:number|no\.?|num|id|#|:)?\s*(?:is|was)?\s*[:#]?\s*$/i;

/** Converts a written phone number to E.164 (or bare digits when no country is known). */
export function toE164(raw: string, defaultCountry?: string): string {
  // "+44 (0)20 …": the bracketed trunk zero is not dialled internationally.
  const main = raw.replace(/\s?(?:ext\.?|x)\s?\d{1,5}$/i, "").replace(/\(0\)/, "");
  let digits = main.replace(/\D/g, "");
  if (main.trim().startsWith("+")) return `+${digits}`;
  if (main.trim().startsWith("00")) return `+${digits.slice(2)}`;
  // Without a country, the unmistakable North American shapes ((415) 555-0132, 1-800-…) are read as +1.
  const country = defaultCountry ? COUNTRIES[defaultCountry.toUpperCase()] : NANP_SHAPE.test(main.trim()) ? COUNTRIES.US : undefined;
  if (!country) return digits;
  if (country.trunk && digits.startsWith(country.trunk) && country.nationalLength.includes(digits.length - country.trunk.length)) digits = digits.slice(country.trunk.length);
  else if (digits.startsWith(country.code) && digits.length > Math.max(...country.nationalLength)) digits = digits.slice(country.code.length);
  return `+${country.code}${digits}`;
}

/** Finds phone numbers; a bare run of digits counts only after a phone word ("call me on …"). */
export function findPhones(text: string, defaultCountry?: string): Candidate[] {
  const out: Candidate[] = [];
  PHONE_RE.lastIndex = 0;
  for (let m = PHONE_RE.exec(text); m; m = PHONE_RE.exec(text)) {
    const raw = m[0];
    const digits = raw.replace(/\D/g, "");
    if (digits.length < 7 || digits.length > 15) continue;
    const before = text.slice(Math.max(0, m.index - 40), m.index);
    if (NOT_PHONE_BEFORE.test(before)) continue;
    const international = /^(?:\+|00)/.test(raw);
    const formatted = /^\(|\)/.test(raw) || NANP_SHAPE.test(raw) || /^0\d{2,4}[\s.-]?\d{3,4}[\s.-]?\d{3,4}$/.test(raw) || /^0\d(?:[\s.]\d{2}){4}$/.test(raw);
    const context = CONTEXT_RE.test(before);
    // Dates and decimals look like digit groups; require a phone shape or a phone word.
    if (!international && !formatted && !context) continue;
    if (!international && /^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$/.test(raw)) continue;
    out.push(candidate("phone", m.index, m.index + raw.length, toE164(raw, defaultCountry), international ? 80 : 50));
  }
  return out;
}
