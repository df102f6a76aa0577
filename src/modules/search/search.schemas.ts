/** The query of GET /api/v1/search, validated with zod. */
import { z } from "zod";
import { CONVERSATION_CHANNELS } from "../../contracts/channels.ts";
import { SEARCH_KINDS, SEARCH_SENTIMENTS, SEARCH_STATUSES, type SearchKind } from "../../contracts/search.ts";
import { cursorParam } from "../../http/pagination.ts";

/** Longest query searched. */
export const MAX_QUERY_LENGTH = 200;

/** Default and largest page sizes of the search (smaller than other lists: every result carries a highlighted passage). */
export const SEARCH_PAGE = { default: 20, max: 50 } as const;

const DAY_MS = 86_400_000;

/** A date (midnight UTC) or an ISO date-time; `wholeDay` moves a plain date to the next midnight (an exclusive end that includes the day). */
const dateOrTime = (field: string, wholeDay: boolean) =>
  z
    .string({ error: `${field} must be a date or a date-time` })
    .trim()
    .refine((v) => /^\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(v) && !Number.isNaN(Date.parse(v)), `${field} must be a date (2026-12-01) or an ISO date-time`)
    .transform((v) => new Date(Date.parse(v) + (wholeDay && v.length === 10 ? DAY_MS : 0)));

/** Query of GET /api/v1/search. */
export const searchQuery = z
  .object({
    q: z
      .string({ error: "q is required" })
      .trim()
      .min(1, "q is empty: type what to search for")
      .max(MAX_QUERY_LENGTH, `q is longer than ${MAX_QUERY_LENGTH} characters`)
      .meta({ description: "Words (English-stemmed: 'refunds' finds 'refund'), an order, invoice or tracking number, an email, a phone number or a name (typos tolerated)." }),
    type: z.enum(SEARCH_KINDS as [SearchKind, ...SearchKind[]], { error: `type must be one of ${SEARCH_KINDS.join(", ")}` }).optional(),
    status: z.enum(SEARCH_STATUSES, { error: `status must be one of ${SEARCH_STATUSES.join(", ")}` }).optional(),
    inboxId: z.string().trim().min(1, "inboxId is empty").max(200, "inboxId is longer than 200 characters").optional(),
    channel: z.enum(CONVERSATION_CHANNELS, { error: `channel must be one of ${CONVERSATION_CHANNELS.join(", ")}` }).optional(),
    agentId: z.uuid("agentId must be a UUID").optional().meta({ description: "Only conversations with a ticket assigned to this agent." }),
    label: z.string().trim().min(1, "label is empty").max(200, "label is longer than 200 characters").optional().meta({ description: "A label's id or name." }),
    from: dateOrTime("from", false).optional().meta({ description: "Inclusive: results at or after this date or time." }),
    to: dateOrTime("to", true).optional().meta({ description: "A date includes the whole day; a date-time is exclusive." }),
    sentiment: z.enum(SEARCH_SENTIMENTS, { error: `sentiment must be one of ${SEARCH_SENTIMENTS.join(", ")}` }).optional(),
    cursor: cursorParam,
    limit: z.coerce
      .number({ error: "limit must be a number" })
      .int("limit must be a whole number")
      .min(1, "limit must be at least 1")
      .max(SEARCH_PAGE.max, `limit must be at most ${SEARCH_PAGE.max}`)
      .default(SEARCH_PAGE.default),
  })
  .strict()
  .refine((q) => !q.from || !q.to || q.from < q.to, { message: "from must be before to", path: ["from"] });

/** A parsed search query. */
export type SearchQuery = z.infer<typeof searchQuery>;
