/** Whose a deal is, seen from the actor, and who may see everyone's deals and figures. */
import { can, keyCan, type Action, type Scope } from "../../contracts/permissions.ts";
import type { ServiceDeps } from "../deps.ts";
import { conversationScope, type Actor } from "../policy/index.ts";
import type { ChangeActor } from "./deals.repo.ts";

/**
 * "own" when the actor owns the deal, "unassigned" when nobody does, "conversation" when another rep owns it but it is
 * linked to a conversation whose unresolved ticket is the actor's (`onYourConversation`), "others" otherwise (an API key
 * owns nothing and is assigned nothing).
 */
export function dealScope(actor: Actor, ownerId: string | null, onYourConversation = false): Scope {
  if (ownerId === null) return "unassigned";
  if (actor.kind === "api_key") return "others";
  if (ownerId === actor.id) return "own";
  return onYourConversation ? "conversation" : "others";
}

/** Whether the deal's conversation has an unresolved ticket assigned to the actor (read before any transaction). */
export async function onYourConversation(deps: Pick<ServiceDeps, "db">, actor: Actor, conversationId: string | null): Promise<boolean> {
  if (conversationId === null || actor.kind === "api_key") return false;
  return (await conversationScope(deps, actor, conversationId)) === "own";
}

/** Whose a stored deal is, seen from the actor (see dealScope). */
export async function scopeOfDeal(deps: Pick<ServiceDeps, "db">, actor: Actor, deal: { ownerId: string | null; conversationId: string | null }): Promise<Scope> {
  const others = deal.ownerId !== null && actor.kind !== "api_key" && deal.ownerId !== actor.id;
  return dealScope(actor, deal.ownerId, others && (await onYourConversation(deps, actor, deal.conversationId)));
}

/** Whether the matrix lets the actor do this, without throwing (lists narrow what they show instead of refusing). */
export function mayAct(actor: Actor, action: Action, scope: Scope = "any"): boolean {
  return actor.kind === "api_key" ? keyCan(actor.scopes, action, scope) : can(actor.role, action, scope);
}

/** The user id of a console actor (null for an API key). */
export function userIdOf(actor: Actor): string | null {
  return actor.kind === "api_key" ? null : actor.id;
}

/** How a stage change records who made it. */
export function changeActorOf(actor: Actor | "system"): ChangeActor {
  if (actor === "system") return { actorType: "system", actorId: null, actorName: null };
  if (actor.kind === "api_key") return { actorType: "api_key", actorId: actor.id, actorName: actor.name };
  return { actorType: "user", actorId: actor.id, actorName: actor.name ?? null };
}
