/**
 * A deal drafted from what a customer said: the products they named and the money they mentioned, read from the NLP
 * annotations stored with their messages. The console's "create deal" prefills from it; a chat lead is built the same way.
 */
import type { Entity } from "../../contracts/nlp.ts";
import type { DealDraftDTO } from "../../contracts/sales.ts";
import { getConversation } from "../conversations/index.ts";
import { findCustomer } from "../customers/index.ts";
import type { ServiceDeps } from "../deps.ts";
import { customerEntities, productsByIds } from "./draft.repo.ts";

/** What `GET /api/v1/deals/draft` answers. */
export type DealDraft = DealDraftDTO;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The ids of the products named, in order of first mention, without repeats. */
export function mentionedProductIds(entities: readonly Entity[]): string[] {
  const ids = entities.filter((e) => e.type === "product" && typeof e.value === "string" && UUID.test(e.value)).map((e) => e.value as string);
  return [...new Set(ids)];
}

/** The last money amount mentioned, in cents of its currency. */
export function mentionedMoney(entities: readonly Entity[]): { amountCents: number; currency: string } | null {
  for (const entity of [...entities].reverse()) {
    const value = entity.value;
    if (entity.type !== "money" || typeof value !== "object" || value === null) continue;
    if (!Number.isFinite(value.amount) || value.amount < 0 || !/^[A-Z]{3}$/.test(value.currency)) continue;
    return { amountCents: Math.round(value.amount * 100), currency: value.currency };
  }
  return null;
}

/**
 * A deal's title, amount and currency from entities: the money mentioned last, else the sum of the mentioned products'
 * prices (those in the first product's currency), else no amount.
 */
export async function draftFromEntities(
  deps: Pick<ServiceDeps, "db">,
  entities: readonly Entity[],
  customerName: string | null,
): Promise<Omit<DealDraft, "customerId" | "customerName">> {
  const mentioned = mentionedProductIds(entities);
  const found = await productsByIds(deps.db, mentioned);
  const products = mentioned.flatMap((id) => found.filter((p) => p.id === id));
  const money = mentionedMoney(entities);
  const currency = money?.currency ?? products[0]?.currency ?? "USD";
  const priced = products.filter((p) => p.currency === currency);
  const amountCents = money ? money.amountCents : priced.length > 0 ? priced.reduce((sum, p) => sum + p.priceCents, 0) : null;
  const what = products.length === 0 ? "Deal" : products.length === 1 ? products[0]!.name : `${products[0]!.name} and ${products.length - 1} more`;
  const title = customerName ? `${what} for ${customerName}` : what;
  return { title: title.slice(0, 200), amountCents, currency, productIds: products.map((p) => p.id) };
}

/** The draft of a deal for a conversation: its customer, and what their messages mentioned (404 CONVERSATION_NOT_FOUND). */
export async function draftForConversation(deps: Pick<ServiceDeps, "db">, conversationId: string): Promise<DealDraft> {
  const conversation = await getConversation(deps, conversationId);
  const customer = await findCustomer(deps.db, conversation.customerId);
  const entities = (await customerEntities(deps.db, conversationId)).flat();
  const draft = await draftFromEntities(deps, entities, customer?.name ?? null);
  return { ...draft, customerId: conversation.customerId, customerName: customer?.name ?? null };
}
