/** Deal use cases: list, create, read, change (stage moves recorded with who and when), delete, and the stage history. */
import { AppError } from "../../errors.ts";
import type { ServiceDeps } from "../deps.ts";
import { assertCan, type Actor } from "../policy/index.ts";
import { changeActorOf, dealScope, mayAct, onYourConversation, scopeOfDeal, userIdOf } from "./deals.access.ts";
import { checkCompany, checkConversation, checkCustomer, checkOwner, firstOpenStage, resolveStage } from "./deals.refs.ts";
import {
  deleteDealRow,
  findDealView,
  insertDeal,
  insertStageChange,
  listDealViews,
  listStageChanges,
  lockDeal,
  updateDealRow,
  type DealFilter,
  type DealRow,
  type DealView,
  type StageChangeView,
} from "./deals.repo.ts";
import type { CreateDealInput, ListDealsQuery, UpdateDealInput } from "./deals.schemas.ts";

type Deps = Pick<ServiceDeps, "db" | "now" | "events">;

/** A deal the actor may see, or 404 DEAL_NOT_FOUND (also when it is someone else's and the actor may not see those). */
export async function getDeal(deps: Pick<ServiceDeps, "db">, actor: Actor, id: string): Promise<DealView> {
  const view = await findDealView(deps.db, id);
  if (!view) throw new AppError("DEAL_NOT_FOUND");
  assertCan(actor, "deal.read", await scopeOfDeal(deps, actor, view.deal));
  return view;
}

// What an actor who may not see every rep's deals (an agent) is shown: their own and unowned ones, and those on their conversations.
function visibility(actor: Actor): DealFilter["visibleTo"] {
  const userId = userIdOf(actor);
  if (mayAct(actor, "deal.read", "others") || userId === null) return undefined;
  return { userId, onTheirConversations: mayAct(actor, "deal.read", "conversation") };
}

/**
 * Deals newest first; an actor who may not see other reps' deals (an agent) sees their own and unowned ones, and
 * another rep's deals linked to a conversation whose unresolved ticket is theirs.
 */
export async function listDeals(deps: Pick<ServiceDeps, "db">, actor: Actor, query: ListDealsQuery, cursor: { at: string; id: string } | null): Promise<DealView[]> {
  assertCan(actor, "deal.read", "unassigned");
  const stageId = query.stage ? (await resolveStage(deps, query.stage)).id : undefined;
  const visibleTo = visibility(actor);
  const filter = { ownerId: query.ownerId, stageId, customerId: query.customerId, conversationId: query.conversationId, status: query.status, visibleTo };
  return listDealViews(deps.db, filter, cursor, query.limit + 1);
}

// Giving a deal to someone other than yourself is editing another rep's deal.
function assertMayGive(actor: Actor, ownerId: string | null | undefined): void {
  if (ownerId && ownerId !== userIdOf(actor)) assertCan(actor, "deal.edit", "others");
}

/**
 * Creates a deal in the given stage (key or id; default the first open stage), owned by `ownerId` (default: the user
 * creating it; nobody for an API key), with its first stage change recorded. Its company defaults to the customer's.
 */
export async function createDeal(deps: Deps, actor: Actor, input: CreateDealInput): Promise<DealView> {
  const ownerId = input.ownerId === undefined ? userIdOf(actor) : input.ownerId;
  assertMayGive(actor, ownerId);
  const stage = input.stage ? await resolveStage(deps, input.stage) : await firstOpenStage(deps);
  const customer = await checkCustomer(deps, input.customerId);
  if (input.companyId) await checkCompany(deps, input.companyId);
  if (ownerId) await checkOwner(deps, ownerId);
  if (input.conversationId) await checkConversation(deps, input.conversationId, customer.id);
  const at = deps.now();
  const deal = await deps.db.transaction(async (tx) => {
    const row = await insertDeal(tx, {
      title: input.title,
      customerId: customer.id,
      companyId: input.companyId === undefined ? customer.companyId : input.companyId,
      ownerId,
      amountCents: input.amountCents,
      currency: input.currency ?? "USD",
      stageId: stage.id,
      probability: input.probability ?? null,
      expectedCloseDate: input.expectedCloseDate ?? null,
      conversationId: input.conversationId ?? null,
      source: "manual",
      closedAt: stage.outcome === "open" ? null : at,
      createdAt: at,
      updatedAt: at,
    });
    if (!row) throw new Error("a manual deal hit the chat-lead index");
    await insertStageChange(tx, { dealId: row.id, fromStageId: null, toStageId: stage.id, at, ...changeActorOf(actor) });
    return row;
  });
  deps.events.emit("deal.updated", { dealId: deal.id, conversationId: deal.conversationId });
  return (await findDealView(deps.db, deal.id))!;
}

/**
 * Changes a deal (403 when the actor may not edit it; 404 DEAL_NOT_FOUND when there is none). Moving it to another
 * stage records the change (who, from, to) and sets `closedAt` on entering a won or lost stage (clears it on leaving
 * one); giving it to another owner needs the right to edit others' deals.
 */
export async function updateDeal(deps: Deps, actor: Actor, id: string, patch: UpdateDealInput): Promise<DealView> {
  const view = await findDealView(deps.db, id);
  if (!view) throw new AppError("DEAL_NOT_FOUND");
  // The matrix refuses editing another rep's deal with 403 (reading one is the 404).
  const onYours = await onYourConversation(deps, actor, view.deal.conversationId);
  assertCan(actor, "deal.edit", dealScope(actor, view.deal.ownerId, onYours));
  if (patch.ownerId !== undefined && patch.ownerId !== view.deal.ownerId) {
    assertMayGive(actor, patch.ownerId);
    if (patch.ownerId) await checkOwner(deps, patch.ownerId);
  }
  const stage = patch.stage ? await resolveStage(deps, patch.stage) : undefined;
  const customerId = patch.customerId ?? view.deal.customerId;
  if (patch.customerId) await checkCustomer(deps, patch.customerId);
  if (patch.companyId) await checkCompany(deps, patch.companyId);
  const conversationId = patch.conversationId === undefined ? view.deal.conversationId : patch.conversationId;
  if (conversationId && (patch.conversationId || patch.customerId)) {
    if (!customerId) throw new AppError("VALIDATION_FAILED", "A deal without a customer cannot be linked to a conversation.", { conversationId: "needs the deal to have a customer" });
    await checkConversation(deps, conversationId, customerId);
  }
  const at = deps.now();
  const changes: Partial<DealRow> = { updatedAt: at };
  for (const key of ["title", "customerId", "companyId", "ownerId", "amountCents", "currency", "probability", "expectedCloseDate", "conversationId"] as const) {
    if (patch[key] !== undefined) (changes as Record<string, unknown>)[key] = patch[key];
  }
  await deps.db.transaction(async (tx) => {
    const current = await lockDeal(tx, id);
    if (!current) throw new AppError("DEAL_NOT_FOUND");
    // Someone may have given the deal away since it was read: decide on its owner under the lock.
    if (current.ownerId !== view.deal.ownerId) assertCan(actor, "deal.edit", dealScope(actor, current.ownerId, onYours));
    if (stage && stage.id !== current.stageId) {
      changes.stageId = stage.id;
      changes.closedAt = stage.outcome === "open" ? null : at;
      await insertStageChange(tx, { dealId: id, fromStageId: current.stageId, toStageId: stage.id, at, ...changeActorOf(actor) });
    }
    await updateDealRow(tx, id, changes);
  });
  const updated = (await findDealView(deps.db, id))!;
  deps.events.emit("deal.updated", { dealId: id, conversationId: updated.deal.conversationId });
  // A deal moved to another conversation leaves the one it was on.
  if (view.deal.conversationId && view.deal.conversationId !== updated.deal.conversationId) {
    deps.events.emit("deal.updated", { dealId: id, conversationId: view.deal.conversationId });
  }
  return updated;
}

/** Deletes a deal and its history (managers and sales:write keys). */
export async function deleteDeal(deps: Deps, actor: Actor, id: string): Promise<void> {
  assertCan(actor, "deal.delete");
  const view = await findDealView(deps.db, id);
  if (!view) throw new AppError("DEAL_NOT_FOUND");
  if (!(await deleteDealRow(deps.db, id))) throw new AppError("DEAL_NOT_FOUND");
  deps.events.emit("deal.updated", { dealId: id, conversationId: view.deal.conversationId });
}

/** A deal's stage changes, oldest first (the first one, from nowhere, is its creation). */
export async function dealHistory(deps: Pick<ServiceDeps, "db">, actor: Actor, id: string): Promise<StageChangeView[]> {
  await getDeal(deps, actor, id);
  return listStageChanges(deps.db, id);
}
