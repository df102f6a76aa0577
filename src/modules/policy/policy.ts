/** The one place permissions are decided: the matrix of src/contracts/permissions.ts applied to a user and a resource. */
import { can, keyCan, permissionRow, type Action, type ApiScope, type Role, type Scope } from "../../contracts/permissions.ts";
import { AppError } from "../../errors.ts";
import { getConversation } from "../conversations/index.ts";
import { findCustomer } from "../customers/index.ts";
import type { ServiceDeps } from "../deps.ts";
import { findActiveTicketForConversation, hasUnresolvedTicketAssignedTo } from "../tickets/index.ts";

/**
 * Whoever acts: a console user (a user row will do: `kind` may be left out) or an API key with its scopes. `name` is
 * what timelines show as "who did it".
 */
export type Actor =
  | { kind?: "user"; id: string; role: Role; name?: string }
  | { kind: "api_key"; id: string; name: string; scopes: readonly ApiScope[] };

/** Throws FORBIDDEN (or the row's 404 code) unless the actor may perform the action on a resource of this scope. */
export function assertCan(user: Actor, action: Action, scope: Scope = "any"): void {
  if (user.kind === "api_key") {
    if (keyCan(user.scopes, action, scope)) return;
    const needed = permissionRow(action, scope)?.apiScope;
    throw new AppError("FORBIDDEN", needed ? `This API key lacks the scope ${needed}.` : `An API key may not ${describe(action, scope)}; use a console session.`);
  }
  if (can(user.role, action, scope)) return;
  const notFound = permissionRow(action, scope)?.notFoundCode;
  if (notFound) throw new AppError(notFound);
  throw new AppError("FORBIDDEN", `A${user.role === "agent" ? "n" : ""} ${user.role} may not ${describe(action, scope)}.`);
}

function describe(action: Action, scope: Scope): string {
  return permissionRow(action, scope)?.label ?? `${action} (${scope})`;
}

/** Whose a ticket (or the conversation it belongs to) is, seen from the user: by its assignee. */
export function scopeOfAssignee(user: Actor, assigneeId: string | null): Scope {
  if (assigneeId === null) return "unassigned";
  return assigneeId === user.id ? "own" : "others";
}

/** Whose a conversation is: its unresolved ticket's assignee's, or nobody's while the bot or the queue has it. */
export async function conversationScope(deps: Pick<ServiceDeps, "db">, user: Actor, conversationId: string): Promise<Scope> {
  await getConversation(deps, conversationId);
  const ticket = await findActiveTicketForConversation(deps.db, conversationId);
  return scopeOfAssignee(user, ticket?.assigneeId ?? null);
}

/** Whose a customer is: "own" while one of their unresolved tickets is assigned to the user, "others" otherwise. */
export async function customerScope(deps: Pick<ServiceDeps, "db">, user: Actor, customerId: string): Promise<Scope> {
  if (!(await findCustomer(deps.db, customerId))) throw new AppError("CUSTOMER_NOT_FOUND");
  return (await hasUnresolvedTicketAssignedTo(deps.db, customerId, user.id)) ? "own" : "others";
}

/**
 * The actions a ticket change asks for, each checked on the ticket's current scope: taking or assigning (an agent or a
 * team), status and snoozing (a status-like change), priority.
 */
export function assertMayChangeTicket(
  user: Actor,
  ticket: { assigneeId: string | null; teamId?: string | null },
  patch: { status?: unknown; priority?: unknown; assigneeId?: string | null; teamId?: string | null; snoozedUntil?: unknown },
): void {
  const scope = scopeOfAssignee(user, ticket.assigneeId);
  if (patch.assigneeId !== undefined && patch.assigneeId !== ticket.assigneeId) {
    assertCan(user, patch.assigneeId === user.id ? "ticket.take" : "ticket.assign", scope);
  }
  if (patch.teamId !== undefined && patch.teamId !== ticket.teamId) assertCan(user, "ticket.assign", scope);
  if (patch.status !== undefined || patch.snoozedUntil !== undefined) assertCan(user, "ticket.status", scope);
  if (patch.priority !== undefined) assertCan(user, "ticket.priority", scope);
}
