/**
 * GET /api/v1/search: conversations, messages, customers and tickets on one ranked list. Each kind is asked for its
 * next page after the cursor (customers through the customer list's own search), the pages are merged by score, kind
 * and id, and the cursor remembers where the merged page ended.
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { can, keyCan } from "../../contracts/permissions.ts";
import { SEARCH_KINDS, type SearchKind, type SearchPageDTO, type SearchResultDTO } from "../../contracts/search.ts";
import { AppError } from "../../errors.ts";
import { decodeCursor, encodeCursor } from "../../http/pagination.ts";
import { rankedCustomerMatches } from "../customers/index.ts";
import type { ServiceDeps } from "../deps.ts";
import { assertCan, type Actor } from "../policy/index.ts";
import { presentCustomerHit, presentHit } from "./search.presenter.ts";
import { KIND_ORDER, searchConversations, searchMessages, searchTickets, textQuery, type SearchAfter, type SearchFilters } from "./search.repo.ts";
import type { SearchQuery } from "./search.schemas.ts";
import { searchTerms } from "./search.terms.ts";

/** Most customers one search considers (the customer search's own best matches). */
const MAX_CUSTOMERS = 100;

/** The customer search's rank of an exact match (email, phone, order number): its conversations are results too. */
const EXACT_CUSTOMER_RANK = 3;

const searchCursor = z
  .object({ h: z.string().max(40), s: z.string().regex(/^\d+(\.\d+)?$/).max(20), k: z.enum(SEARCH_KINDS as [SearchKind, ...SearchKind[]]), id: z.uuid() })
  .strict();

/** What a cursor belongs to: the query and filters (a cursor of another search is refused, not misapplied). */
function fingerprint(query: SearchQuery): string {
  const { cursor: _cursor, limit: _limit, ...rest } = query;
  return createHash("sha256").update(JSON.stringify(rest)).digest("base64url").slice(0, 16);
}

function mayReadCustomers(actor: Actor): boolean {
  return actor.kind === "api_key" ? keyCan(actor.scopes, "customer.read") : can(actor.role, "customer.read");
}

/** Whether a filter narrows to conversations (customers are then left out: they have no status, inbox or sentiment). */
function hasConversationFilter(f: SearchFilters): boolean {
  return Boolean(f.status || f.inboxId || f.channel || f.agentId || f.label || f.sentiment);
}

/** The kinds a search returns for this actor and query. */
function kindsOf(actor: Actor, query: SearchQuery, filters: SearchFilters): SearchKind[] {
  if (query.type === "customer") {
    assertCan(actor, "customer.read");
    if (hasConversationFilter(filters)) throw new AppError("VALIDATION_FAILED", "customers have no status, inbox, channel, agent, label or sentiment", { type: "customer results cannot take conversation filters" });
  }
  if (query.type) return [query.type];
  return SEARCH_KINDS.filter((kind) => kind !== "customer" || (mayReadCustomers(actor) && !hasConversationFilter(filters)));
}

/** The results before the cursor's position are dropped; the rest sorted in the search's order. */
function compareResults(a: SearchResultDTO, b: SearchResultDTO): number {
  return b.score - a.score || KIND_ORDER[b.type] - KIND_ORDER[a.type] || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

function isAfter(result: SearchResultDTO, after: SearchAfter | null): boolean {
  if (!after) return true;
  return compareResults({ ...result, score: Number(after.score), type: after.kind, id: after.id }, result) < 0;
}

/** One page of search results, best first. */
export async function search(deps: Pick<ServiceDeps, "db">, actor: Actor, query: SearchQuery): Promise<SearchPageDTO> {
  assertCan(actor, "conversation.read");
  const filters: SearchFilters = {
    status: query.status,
    inboxId: query.inboxId,
    channel: query.channel,
    agentId: query.agentId,
    label: query.label,
    sentiment: query.sentiment,
    from: query.from,
    to: query.to,
  };
  const kinds = kindsOf(actor, query, filters);
  const hash = fingerprint(query);
  const cursor = decodeCursor(query.cursor, searchCursor);
  if (cursor && cursor.h !== hash) throw new AppError("VALIDATION_FAILED", "cursor belongs to another search; pass back nextCursor with the same q, type and filters", { cursor: "belongs to another search" });
  const after: SearchAfter | null = cursor ? { score: cursor.s, kind: cursor.k, id: cursor.id } : null;
  const fetch = query.limit + 1;
  const terms = searchTerms(query.q);
  const textQ = textQuery(terms);

  const wantsCustomers = kinds.includes("customer") || (kinds.includes("conversation") && mayReadCustomers(actor));
  const customers = wantsCustomers ? await rankedCustomerMatches(deps, query.q, MAX_CUSTOMERS) : [];
  const results: SearchResultDTO[] = [];
  if (kinds.includes("customer")) {
    for (const { customer, rank } of customers) {
      const at = Date.parse(customer.createdAt);
      if ((filters.from && at < filters.from.getTime()) || (filters.to && at >= filters.to.getTime())) continue;
      results.push(presentCustomerHit(customer, Math.round(Math.min(rank / EXACT_CUSTOMER_RANK, 1) * 1e6) / 1e6, query.q));
    }
  }
  if (kinds.includes("message") && textQ) {
    results.push(...(await searchMessages(deps.db, textQ, filters, after, fetch)).map((row) => presentHit("message", row)));
  }
  if (kinds.includes("conversation")) {
    const sources = {
      orderNumbers: terms.orderNumbers,
      idQuery: terms.words === "" && terms.ids.length > 0 ? textQ : null,
      customerIds: customers.filter((c) => c.rank >= EXACT_CUSTOMER_RANK).map((c) => c.customer.id),
    };
    results.push(...(await searchConversations(deps.db, sources, textQ, filters, after, fetch)).map((row) => presentHit("conversation", row)));
  }
  if (kinds.includes("ticket")) {
    results.push(...(await searchTickets(deps.db, terms.ticketNumber, textQ, filters, after, fetch)).map((row) => presentHit("ticket", row)));
  }
  const ordered = results.filter((r) => isAfter(r, after)).sort(compareResults);
  const page = ordered.slice(0, query.limit);
  const last = page.at(-1);
  const nextCursor = ordered.length > query.limit && last ? encodeCursor({ h: hash, s: scoreText(last.score), k: last.type, id: last.id }) : null;
  return { data: page, nextCursor };
}

/** A score as the exact decimal text the database compares it by. */
function scoreText(score: number): string {
  return score.toFixed(6);
}
