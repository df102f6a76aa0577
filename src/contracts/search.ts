/** The search endpoint's contract (GET /api/v1/search), shared by the server and the console. */

/** What a search result can be. */
export type SearchKind = "conversation" | "message" | "customer" | "ticket";

/** Every kind, in the order the console's type filter lists them. */
export const SEARCH_KINDS: readonly SearchKind[] = ["conversation", "message", "customer", "ticket"];

/** The sentiments a search can be narrowed to. */
export const SEARCH_SENTIMENTS = ["negative", "neutral", "positive"] as const;

/** The conversation statuses a search can be narrowed to (`open`: with the bot or handed off). */
export const SEARCH_STATUSES = ["open", "bot", "handoff", "resolved"] as const;

/** A matched stretch of `snippet`: UTF-16 offsets, `end` exclusive. The console wraps each in a <mark> it builds itself. */
export type SearchHighlight = { start: number; end: number };

/** One search result; `score` (0–1, higher first) ranks every kind on one scale. */
export type SearchResultDTO = {
  type: SearchKind;
  id: string;
  title: string;
  /** Plain text (never HTML): the matched passage or the record's key details. */
  snippet: string;
  /** The conversation a message or ticket belongs to (and a conversation's own id). */
  conversationId?: string;
  score: number;
  /** Where `snippet` matched the query. */
  highlights: SearchHighlight[];
  /** When the result happened: a message's time, a conversation's latest activity, a ticket's or customer's creation. */
  at: string;
};

/** A page of results. */
export type SearchPageDTO = { data: SearchResultDTO[]; nextCursor: string | null };
