/** What a customer's message says about the customer themselves: the contact details and order numbers worth a suggestion. */
import type { Annotation, Entity } from "../../contracts/nlp.ts";

/** A contact detail found in a message: the field it would fill and the value, normalised the way the profile stores it. */
export type FoundDetail = { field: "email" | "phone" | "name"; value: string };

/** What one customer message offers the record: contact details and the order numbers it quotes. */
export type FoundInMessage = { details: FoundDetail[]; orderNumbers: string[] };

// A person named right after an introduction is the writer ("my name is Dana Wu", "this is Dana", "I'm Dana");
// any other person ("I spoke to Sarah") is someone else and suggests nothing.
const INTRO_BEFORE = /(?:\bmy\s+name\s+is|\bname['’]?s|\bthis\s+is|\bi['’]?m|\bi\s+am|\bcall\s+me|\bit['’]?s\s+me)\s*[,:-]?\s*$/i;
const INTRO_AFTER = /^\s+here\b/i;
// A formal sign-off closing the message names the writer ("Kind regards, Dana Wu"); a bare "thanks Dana" thanks the agent.
const SIGN_OFF_BEFORE = /\b(?:regards|sincerely|yours\s+truly)\s*[,:-]?\s*$/i;

/** True when the person entity is the writer introducing or signing as themselves. */
function namesTheWriter(text: string, entity: Entity): boolean {
  const before = text.slice(Math.max(0, entity.start - 24), entity.start);
  if (INTRO_BEFORE.test(before) || INTRO_AFTER.test(text.slice(entity.end))) return true;
  return SIGN_OFF_BEFORE.test(before) && text.slice(entity.end).trim().replace(/[.!]+$/, "") === "";
}

/** "john smith" as a profile would show it ("John Smith"); a name written with capitals keeps them ("McKay", "van Dijk"). */
function displayName(value: string): string {
  const name = value.replace(/\s+/g, " ").trim();
  if (name !== name.toLowerCase()) return name;
  return name.replace(/(^|[\s'-])(\p{L})/gu, (_m, sep: string, letter: string) => sep + letter.toUpperCase());
}

/**
 * The details a customer message offers the record: emails, phones (E.164, as the NLP normalises them), the writer's
 * own name, and quoted order numbers, each once. Empty when the message names none (the caller then writes nothing).
 */
export function detailsInMessage(text: string, annotation: Pick<Annotation, "entities">): FoundInMessage {
  const details = new Map<string, FoundDetail>();
  const orderNumbers = new Set<string>();
  for (const entity of annotation.entities) {
    if (typeof entity.value !== "string" || entity.value.length === 0) continue;
    if (entity.type === "email") details.set(`email:${entity.value.toLowerCase()}`, { field: "email", value: entity.value.toLowerCase() });
    else if (entity.type === "phone") details.set(`phone:${entity.value}`, { field: "phone", value: entity.value });
    else if (entity.type === "person" && namesTheWriter(text, entity)) {
      const name = displayName(entity.value);
      details.set(`name:${name.toLowerCase()}`, { field: "name", value: name });
    } else if (entity.type === "order_number") orderNumbers.add(entity.value.toUpperCase());
  }
  return { details: [...details.values()], orderNumbers: [...orderNumbers] };
}
