/** Order, invoice and tracking identifiers: keyword-anchored ids, prefixed ids and carrier formats. */
import { candidate, type Candidate } from "./types.ts";

// An id token: letters/digits with optional inner dashes or slashes, holding at least one digit.
const ID = String.raw`[A-Za-z0-9]+(?:[-/][A-Za-z0-9]+)*`;
const KEY_ORDER = String.raw`(?:purchase\s+order|order|purchase|ordr|booking|reservation)`;
const KEY_INVOICE = String.raw`(?:invoice|inv\.?|bill|receipt)`;
const KEY_TRACKING = String.raw`(?:tracking|air\s?way\s?bill|track(?:ing)?\s*(?:code|number|no\.?|num|id|#)|shipment|parcel|package|consignment|waybill|awb)`;
const TAIL = String.raw`(?:\s*(?:(?:number|num|nr|id|ref(?:erence)?|code)\b|no\.|no\b|nr\.))?(?:\s*#?\s*(?:is\b|was\b|:|=|-))?\s*(#\s?)?`;

const anchored = (key: string) => new RegExp(String.raw`\b${key}${TAIL}(${ID})`, "gi");
const ORDER_RE = anchored(KEY_ORDER);
const INVOICE_RE = anchored(KEY_INVOICE);
const TRACKING_RE = anchored(KEY_TRACKING);
const HASH_RE = new RegExp(String.raw`(?<![\w&])#(${ID})`, "g");
const PREFIXED_ORDER_RE = /\b(?:ORD|ORDER|SO|PO|ORD#)[-_#]?\d[\dA-Z-]{2,}\b/gi;
const PREFIXED_INVOICE_RE = /\b(?:INV|INVOICE|BILL)[-_#]?\d[\dA-Z-]{2,}\b/gi;
const UPS_RE = /\b1Z[0-9A-Z]{16}\b/gi;
const POSTAL_RE = /\b[A-Z]{2}\d{9}[A-Z]{2}\b/g;
const USPS_RE = /\b(?:9[1-5]\d{2})(?:\s?\d{4}){4}(?:\s?\d{2})\b/g;

/** Upper-cases an id as written and drops a leading "#" (and inner spaces for tracking ids). */
export function normaliseId(raw: string): string {
  return raw.replace(/^#\s?/, "").replace(/\s+/g, "").toUpperCase();
}

const hasDigit = (s: string) => /\d/.test(s);

/** Finds order, invoice and tracking identifiers in the text. */
export function findIdentifiers(text: string): Candidate[] {
  const out: Candidate[] = [];
  const anchoredScan = (re: RegExp, type: Candidate["type"], rank: number) => {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const hash = m[1] ?? "";
      const id = m[2];
      if (!hasDigit(id)) continue;
      // Without "#" or a noun like "number", short bare numbers are quantities ("order 3 more").
      const digitsOnly = /^\d+$/.test(id);
      const explicit = hash !== "" || /(?:number|num|no\.?|nr\.?|id|ref|reference|code|#|:)\s*(?:is|was|:|=|-)?\s*#?\s?$/i.test(m[0].slice(0, m[0].length - id.length));
      if (digitsOnly && id.length < (explicit ? 3 : 5)) continue;
      if (!digitsOnly && id.length < 4) continue;
      if (/^\d{1,2}[/-]\d{1,2}(?:[/-]\d{2,4})?$/.test(id)) continue; // a date, not an id
      const end = m.index + m[0].length;
      const start = end - id.length - hash.length;
      out.push(candidate(type, start, end, normaliseId(hash + id), rank));
    }
  };
  anchoredScan(ORDER_RE, "order_number", 60);
  anchoredScan(INVOICE_RE, "invoice_number", 61);
  anchoredScan(TRACKING_RE, "tracking_number", 62);
  HASH_RE.lastIndex = 0;
  for (let m = HASH_RE.exec(text); m; m = HASH_RE.exec(text)) {
    if (!hasDigit(m[1]) || m[1].length < 3) continue;
    out.push(candidate("order_number", m.index, m.index + m[0].length, normaliseId(m[0]), 40));
  }
  const scan = (re: RegExp, type: Candidate["type"], rank: number) => {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      out.push(candidate(type, m.index, m.index + m[0].length, normaliseId(m[0]), rank));
    }
  };
  scan(PREFIXED_ORDER_RE, "order_number", 55);
  scan(PREFIXED_INVOICE_RE, "invoice_number", 56);
  scan(UPS_RE, "tracking_number", 57);
  scan(POSTAL_RE, "tracking_number", 57);
  scan(USPS_RE, "tracking_number", 57);
  return out;
}
