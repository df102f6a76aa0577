/** Pure formatting and parsing helpers of the CRM pages: money, actors, timeline kinds, typed custom attributes. */
import type { ActorRefDTO, AttributeDefinitionDTO, DuplicateDTO, SuggestionDTO, TimelineKind } from "../../src/contracts/crm.ts";
import { PROFILE_TEXT, TIMELINE_TEXT } from "./crm-strings.ts";

/** Formats cents in a currency ("€1,234.50"); without a currency, a plain number with two decimals. */
export function formatMoney(cents: number | null, currency: string | null, locale?: string): string {
  if (cents === null || !Number.isFinite(cents)) return "—";
  const amount = cents / 100;
  if (!currency) return amount.toLocaleString(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  try {
    return new Intl.NumberFormat(locale, { style: "currency", currency }).format(amount);
  } catch {
    // An unknown currency code still shows its amount, with the code beside it.
    return `${amount.toLocaleString(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ${currency}`;
  }
}

/** Who did something, in words ("Alex Kim", "API key: zapier", "System"). */
export function actorLabel(actor: ActorRefDTO | null): string {
  if (!actor) return TIMELINE_TEXT.system;
  switch (actor.type) {
    case "user":
      return actor.name ?? TIMELINE_TEXT.system;
    case "api_key":
      return actor.name ? `${TIMELINE_TEXT.apiKey}: ${actor.name}` : TIMELINE_TEXT.apiKey;
    case "customer":
      return actor.name ?? TIMELINE_TEXT.customer;
    case "system":
      return actor.name ?? TIMELINE_TEXT.system;
  }
}

/** The label of a timeline entry's kind. */
export function timelineKindLabel(kind: TimelineKind): string {
  return TIMELINE_TEXT.kinds[kind] ?? kind;
}

/** The label of the profile field a suggestion fills. */
export function suggestionLabel(field: SuggestionDTO["field"]): string {
  const labels: Record<SuggestionDTO["field"], string> = { email: PROFILE_TEXT.email, phone: PROFILE_TEXT.phone, name: PROFILE_TEXT.name, order: PROFILE_TEXT.orders };
  return labels[field];
}

/** Why a record looks like a duplicate, in words. */
export function duplicateReason(reason: DuplicateDTO["reason"]): string {
  if (reason === "email") return PROFILE_TEXT.sameEmail;
  if (reason === "phone") return PROFILE_TEXT.samePhone;
  return PROFILE_TEXT.similarName;
}

/** A stored attribute value as its input shows it ("" when unset; dates as YYYY-MM-DD; booleans "true"/"false"). */
export function attributeInputValue(definition: Pick<AttributeDefinitionDTO, "type">, value: unknown): string {
  if (value === null || value === undefined) return "";
  if (definition.type === "date" && typeof value === "string") return value.slice(0, 10);
  if (definition.type === "boolean") return value === true ? "true" : value === false ? "false" : "";
  return typeof value === "string" || typeof value === "number" ? String(value) : JSON.stringify(value);
}

/** A stored attribute value as the profile shows it. */
export function attributeDisplay(definition: Pick<AttributeDefinitionDTO, "type">, value: unknown): string {
  if (value === null || value === undefined || value === "") return "";
  if (definition.type === "boolean") return value === true ? PROFILE_TEXT.yes : PROFILE_TEXT.no;
  return attributeInputValue(definition, value);
}

/** An input's text as the attribute's typed value (null clears it), or the reason it is not one. */
export function parseAttributeInput(
  definition: Pick<AttributeDefinitionDTO, "type" | "options" | "label">,
  text: string,
): { ok: true; value: string | number | boolean | null } | { ok: false; message: string } {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: true, value: null };
  switch (definition.type) {
    case "text":
      return { ok: true, value: trimmed };
    case "number": {
      const n = Number(trimmed);
      return Number.isFinite(n) ? { ok: true, value: n } : { ok: false, message: `${definition.label} must be a number` };
    }
    case "date":
      return /^\d{4}-\d{2}-\d{2}$/.test(trimmed) && !Number.isNaN(Date.parse(trimmed))
        ? { ok: true, value: trimmed }
        : { ok: false, message: `${definition.label} must be a date (YYYY-MM-DD)` };
    case "boolean":
      if (trimmed === "true" || trimmed === "false") return { ok: true, value: trimmed === "true" };
      return { ok: false, message: `${definition.label} must be yes or no` };
    case "list":
      return definition.options.includes(trimmed) ? { ok: true, value: trimmed } : { ok: false, message: `${definition.label} must be one of ${definition.options.join(", ")}` };
  }
}
