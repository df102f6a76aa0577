/** The search operation (GET /api/v1/search) and its result schema. */
import { z } from "zod";
import { SEARCH_KINDS, type SearchKind } from "../../contracts/search.ts";
import { searchQuery } from "../../modules/search/index.ts";
import type { Operation } from "./operation.ts";
import { instant } from "./schemas-api.ts";

/** One search result. */
export const searchResultDTO = z
  .object({
    type: z.enum(SEARCH_KINDS as [SearchKind, ...SearchKind[]]),
    id: z.uuid(),
    title: z.string(),
    snippet: z.string().meta({ description: "Plain text, never HTML: the matched passage (messages, conversations, tickets) or the customer's contact details." }),
    conversationId: z.uuid().optional().meta({ description: "The conversation of a message or ticket (a conversation's own id)." }),
    score: z.number().min(0).meta({ description: "Relevance on one scale for every kind (1: an exact id, email, phone or ticket number); higher first." }),
    highlights: z.array(z.object({ start: z.number().int(), end: z.number().int() })).meta({ description: "Matched stretches of `snippet`: UTF-16 offsets, `end` exclusive." }),
    at: instant.meta({ description: "A message's time, a conversation's latest activity, a ticket's or customer's creation." }),
  })
  .meta({ id: "SearchResult" });

/** The search's operations. */
export const searchOperations: Operation[] = [
  {
    method: "get",
    path: "/api/v1/search",
    tag: "Search",
    summary: "Search conversations, messages, customers and tickets",
    description:
      "One list ranked by `score`, or one kind with `type`. Words are matched English-stemmed (\"refunds\" finds \"refund\"; quotes, `or` and `-word` work); an order, invoice, tracking or phone number finds the messages that mention it, the conversations linked to that order or mentioning it, and its customer; an email or phone finds the customer and their conversations; a misspelt name finds the customer (the customer list's search). Filters apply to the conversation a result belongs to; customers are left out when a conversation filter is given. Customers need `customer.read` (API keys: `customers:read`).",
    access: { auth: "actor", actions: ["conversation.read"] },
    query: searchQuery,
    success: { status: 200, description: "A page of results, best first.", page: searchResultDTO },
  },
];
