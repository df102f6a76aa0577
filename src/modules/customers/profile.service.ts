/** A customer's whole profile (GET /api/v1/customers/:id): the record, its figures, trend, suggestions and neighbours. */
import type { CustomerProfileDTO, SuggestionDTO } from "../../contracts/crm.ts";
import type { ServiceDeps } from "../deps.ts";
import { insightOf } from "../insights/index.ts";
import { loadLiveCustomer } from "./customers.actors.ts";
import { presentCustomerSummary } from "./customers.presenter.ts";
import type { CustomerRow } from "./customers.repo.ts";
import { findLiveHolderRef } from "./suggestions.repo.ts";
import {
  companyRef,
  customerFigures,
  duplicatesOf,
  identitiesOf,
  openSuggestionsOf,
  recentConversationsOf,
  recentOrdersOf,
  sentimentOf,
} from "./profile.repo.ts";

/** How much of each list the profile shows. */
export const PROFILE_LIMITS = { sentiment: 50, suggestions: 20, duplicates: 5, recent: 5, excerpt: 160 } as const;

/** The words around a value in a message, at most `max` characters, with an ellipsis where the text was cut. */
export function excerptAround(text: string, value: string, max: number = PROFILE_LIMITS.excerpt): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const at = Math.max(0, flat.toLowerCase().indexOf(value.toLowerCase()));
  const room = max - 2;
  const start = Math.min(Math.max(0, at - Math.floor((room - value.length) / 2)), flat.length - room);
  const end = start + room;
  return `${start > 0 ? "…" : ""}${flat.slice(start, end).trim()}${end < flat.length ? "…" : ""}`;
}

/** The profile of a live customer (404 CUSTOMER_NOT_FOUND, with `mergedInto` for a merged record). */
export async function getCustomerProfile(deps: Pick<ServiceDeps, "db">, id: string): Promise<CustomerProfileDTO> {
  return presentProfile(deps, await loadLiveCustomer(deps, id));
}

/** The profile of a customer row just read or written. */
export async function presentProfile(deps: Pick<ServiceDeps, "db">, customer: CustomerRow): Promise<CustomerProfileDTO> {
  const db = deps.db;
  const [company, identities, figures, trend, suggestions, duplicates, orders, conversations, insight] = await Promise.all([
    companyRef(db, customer.companyId),
    identitiesOf(db, customer.id),
    customerFigures(db, customer.id),
    sentimentOf(db, customer.id, PROFILE_LIMITS.sentiment),
    openSuggestionsOf(db, customer.id, PROFILE_LIMITS.suggestions),
    duplicatesOf(db, customer, PROFILE_LIMITS.duplicates),
    recentOrdersOf(db, customer.id, PROFILE_LIMITS.recent),
    recentConversationsOf(db, customer.id, PROFILE_LIMITS.recent),
    insightOf(db, customer.id),
  ]);
  // An email or phone another customer has already: the console offers to merge the two records instead of accepting.
  const holders = await Promise.all(
    suggestions.map(({ suggestion: s }) => (s.field === "email" || s.field === "phone" ? findLiveHolderRef(db, customer.id, s.field, s.value) : Promise.resolve(undefined))),
  );
  const spent = Number(figures.total_spent ?? 0);
  const seen = new Set<string>();
  return {
    ...presentCustomerSummary(customer, company),
    // The latest insights refresh's risk that this active customer orders nothing in the churn window (null otherwise).
    churnRisk: insight?.churnRisk ?? null,
    // The chosen response model's probability that the customer replies to or converts from a campaign (null until trained).
    responseScore: insight?.responseScore ?? null,
    identities: identities.map((i) => ({ channel: i.channel, externalId: i.externalId, createdAt: i.createdAt.toISOString() })),
    figures: {
      conversations: figures.conversations,
      tickets: figures.tickets,
      openTickets: figures.open_tickets,
      orders: figures.orders,
      totalSpentCents: spent,
      averageOrderCents: figures.paid_orders > 0 ? Math.round(spent / figures.paid_orders) : null,
      currency: figures.currency,
      firstSeenAt: figures.first_conversation_at ?? customer.createdAt.toISOString(),
      lastSeenAt: figures.last_seen_at,
    },
    sentimentTrend: trend
      .filter((row) => row.sentiment !== null)
      .reverse()
      .map((row) => ({
        conversationId: row.id,
        at: row.createdAt.toISOString(),
        start: row.sentiment!.start,
        end: row.sentiment!.end,
        min: row.sentiment!.min,
        messages: row.sentiment!.count,
      })),
    suggestions: suggestions.map(
      ({ suggestion: s, messageText }, index): SuggestionDTO => ({
        id: s.id,
        field: s.field,
        value: s.value,
        messageId: s.messageId,
        conversationId: s.conversationId,
        excerpt: messageText === null ? null : excerptAround(messageText, s.value),
        ...(holders[index] ? { existingCustomer: holders[index] } : {}),
        createdAt: s.createdAt.toISOString(),
      }),
    ),
    // One entry per record, with the strongest reason (email, then phone, then name).
    duplicates: duplicates.filter((d) => !seen.has(d.id) && seen.add(d.id)).slice(0, PROFILE_LIMITS.duplicates),
    recentOrders: orders.map((o) => ({ ...o, createdAt: o.createdAt.toISOString() })),
    recentConversations: conversations.map((c) => ({
      id: c.id,
      channel: c.channel,
      status: c.status,
      firstLine: c.first_line,
      lastMessageAt: c.last_message_at,
      sentiment: c.sentiment === null ? null : Number(c.sentiment),
    })),
  };
}
