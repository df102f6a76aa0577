/** A campaign message for one customer: its variables filled, its A/B variant picked, and whether a reply opts out. */
import { createHash } from "node:crypto";

/** The variables a campaign message may use. */
export const CAMPAIGN_VARIABLES = ["name", "lastOrderNumber"] as const;

/** What fills the variables for one customer. */
export type CampaignValues = { name: string | null; lastOrderNumber: string | null };

/** What {{name}} becomes for a customer without a name. */
export const NAME_FALLBACK = "there";

const VARIABLE = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** The variables of a message that are not known ({{email}} …), each once. */
export function unknownVariables(text: string): string[] {
  const known = new Set<string>(CAMPAIGN_VARIABLES);
  return [...new Set([...text.matchAll(VARIABLE)].map((m) => m[1]!).filter((name) => !known.has(name)))];
}

/** Fills {{name}} (the first name; "there" when none) and {{lastOrderNumber}} (empty when the customer has no order). */
export function renderMessage(text: string, values: CampaignValues): string {
  const firstName = values.name?.trim().split(/\s+/)[0];
  return text
    .replace(VARIABLE, (whole, name: string) => {
      if (name === "name") return firstName || NAME_FALLBACK;
      if (name === "lastOrderNumber") return values.lastOrderNumber ?? "";
      return whole;
    })
    .trim();
}

/**
 * The variant of a customer: a hash of the campaign and customer ids, so the same customer always gets the same arm of
 * the same campaign, and the arms are split evenly without a random generator's state.
 */
export function variantIndex(campaignId: string, customerId: string, variants: number): number {
  const digest = createHash("sha256").update(`${campaignId}:${customerId}`).digest();
  return digest.readUInt32BE(0) % variants;
}

// "stop", "STOP.", "unsubscribe", "please unsubscribe me", "stop sending me messages", "opt out"; not "don't stop" or
// "the bus stop is closed": the whole message must be the request, give or take politeness and punctuation.
const OPT_OUT = /^\s*(?:please\s+)?(?:stop(?:\s+(?:all|sending(?:\s+(?:me\s+)?(?:these\s+)?(?:messages|emails|mails|texts))?|messaging\s+me|contacting\s+me))?|unsubscribe(?:\s+me)?|opt[\s-]?out|remove\s+me(?:\s+from\s+(?:the\s+|your\s+)?list)?)(?:\s+please)?\s*[.!]*\s*$/i;

/** Whether a customer's message asks not to be contacted again ("stop", "unsubscribe"). */
export function isOptOutRequest(text: string): boolean {
  return text.length <= 80 && OPT_OUT.test(text);
}
