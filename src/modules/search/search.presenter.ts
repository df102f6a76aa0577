/** Search rows → SearchResultDTO: plain-text snippets with highlight offsets (never HTML). */
import type { CustomerSummaryDTO } from "../../contracts/crm.ts";
import type { SearchHighlight, SearchKind, SearchResultDTO } from "../../contracts/search.ts";
import { visitorName } from "../../contracts/visitor-name.ts";
import { MARK_START, MARK_STOP, MASKED, type SearchHitRow } from "./search.repo.ts";

/** Splits ts_headline's marked text into the plain text (its masked "<" and "&" restored) and the offsets of its marked stretches (adjacent ones merged). */
export function unmark(marked: string): { text: string; highlights: SearchHighlight[] } {
  let text = "";
  const highlights: SearchHighlight[] = [];
  let start: number | null = null;
  for (const ch of marked) {
    if (ch === MARK_START) {
      start = text.length;
    } else if (ch === MARK_STOP) {
      if (start === null) continue;
      const previous = highlights.at(-1);
      if (previous && previous.end === start) previous.end = text.length;
      else if (text.length > start) highlights.push({ start, end: text.length });
      start = null;
    } else {
      text += ch in MASKED ? MASKED[ch as keyof typeof MASKED] : ch;
    }
  }
  return { text, highlights };
}

/** Where the query's words (two characters or more) occur in a text, case-insensitively. */
export function wordHighlights(text: string, q: string): SearchHighlight[] {
  const lower = text.toLowerCase();
  const found: SearchHighlight[] = [];
  for (const word of new Set(q.toLowerCase().split(/\s+/).filter((w) => w.length >= 2))) {
    for (let at = lower.indexOf(word); at >= 0; at = lower.indexOf(word, at + word.length)) found.push({ start: at, end: at + word.length });
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: SearchHighlight[] = [];
  for (const h of found) if (h.start >= (kept.at(-1)?.end ?? 0)) kept.push(h);
  return kept;
}

// A customer without a name, email or phone goes by the generated name the console shows everywhere.
const titleOf = (row: SearchHitRow): string => [row.customer_name ?? visitorName(row.customer_id), row.subject].filter(Boolean).join(" · ");

/** A conversation, message or ticket row as a result. */
export function presentHit(kind: Exclude<SearchKind, "customer">, row: SearchHitRow): SearchResultDTO {
  const { text, highlights } = unmark(row.snippet ?? "");
  return {
    type: kind,
    id: row.id,
    title: kind === "ticket" ? `#${row.number} ${row.subject ?? ""}`.trim() : titleOf(row),
    snippet: text,
    conversationId: row.conversation_id ?? undefined,
    score: Number(row.score),
    highlights,
    at: row.at,
  };
}

/** A customer the customer search found, as a result: its contact details as the snippet. */
export function presentCustomerHit(customer: CustomerSummaryDTO, score: number, q: string): SearchResultDTO {
  const snippet = [customer.email, customer.phone, customer.company?.name].filter(Boolean).join(" · ");
  return {
    type: "customer",
    id: customer.id,
    title: customer.name ?? customer.email ?? customer.phone ?? visitorName(customer.id),
    snippet,
    score,
    highlights: wordHighlights(snippet, q),
    at: customer.createdAt,
  };
}
