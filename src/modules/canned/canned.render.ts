/** Fills a canned reply's variables ({{customer.name}}, {{order.number}}, {{agent.name}}) from a conversation. */
import { CANNED_VARIABLES } from "../../contracts/helpdesk.ts";

/** The values of the variables; a missing one is filled with its fallback. */
export type CannedValues = { "customer.name": string | null; "order.number": string | null; "agent.name": string | null };

/** What a variable becomes when the conversation does not know it: a greeting still reads well ("Hi there"). */
export const VARIABLE_FALLBACKS: Readonly<Record<keyof CannedValues, string>> = {
  "customer.name": "there",
  "order.number": "your order",
  "agent.name": "our team",
};

const VARIABLE = /\{\{\s*([a-z]+\.[a-z]+)\s*\}\}/g;

/** The text with each known variable replaced; unknown {{…}} are left as written so the agent sees them. */
export function fillVariables(text: string, values: CannedValues): string {
  return text.replace(VARIABLE, (whole, name: string) => {
    if (!(CANNED_VARIABLES as readonly string[]).includes(name)) return whole;
    const key = name as keyof CannedValues;
    return values[key]?.trim() || VARIABLE_FALLBACKS[key];
  });
}

/** The {{…}} names in a text that are not known variables (a typo such as {{customer.nmae}}). */
export function unknownVariables(text: string): string[] {
  return [...text.matchAll(VARIABLE)].map((m) => m[1]).filter((name) => !(CANNED_VARIABLES as readonly string[]).includes(name));
}
