/** Whose a deal is, seen from the actor, and who may see everyone's deals and figures. */
import { can, keyCan, type Action, type Scope } from "../../contracts/permissions.ts";
import type { Actor } from "../policy/index.ts";
import type { ChangeActor } from "./deals.repo.ts";

/** "own" when the actor owns the deal, "unassigned" when nobody does, "others" otherwise (an API key owns nothing). */
export function dealScope(actor: Actor, ownerId: string | null): Scope {
  if (ownerId === null) return "unassigned";
  return actor.kind !== "api_key" && ownerId === actor.id ? "own" : "others";
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
