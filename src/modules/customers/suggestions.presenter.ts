/** Suggestion rows → the DTOs the profile and the conversation view show. */
import type { CustomerDTO } from "../../contracts/api.ts";
import type { SuggestionDTO } from "../../contracts/crm.ts";
import { excerptAround } from "./suggestions.extract.ts";
import type { OpenSuggestion, SuggestionRow } from "./suggestions.repo.ts";

/** A suggestion as the profile shows it, with the customer's words around the value. */
export function presentSuggestion(row: OpenSuggestion): SuggestionDTO {
  return {
    id: row.id,
    field: row.field,
    value: row.value,
    messageId: row.messageId,
    conversationId: row.conversationId,
    excerpt: row.messageText === null ? null : excerptAround(row.messageText, row.value),
    createdAt: row.createdAt.toISOString(),
  };
}

/** The open email and phone suggestions as the conversation view's customer carries them (the latest value per field). */
export function presentContactSuggestions(open: Pick<SuggestionRow, "field" | "value">[]): CustomerDTO["suggestions"] {
  const result: CustomerDTO["suggestions"] = {};
  for (const s of open) if (s.field === "email" || s.field === "phone") result[s.field] = s.value;
  return result;
}
