/** Live customer records and who acted on them: the two things every CRM use case starts from. */
import type { ActorRefDTO } from "../../contracts/crm.ts";
import { AppError } from "../../errors.ts";
import type { ServiceDeps } from "../deps.ts";
import type { Actor } from "../policy/index.ts";
import { findCustomer, insertCustomerEvent, type CustomerRow } from "./customers.repo.ts";

/** How a record names who acted: a console user, an API key, or the system (imports, the NLP). */
export type ActorRef = { actorType: "user" | "api_key" | "system" | "customer"; actorId: string | null; actorName: string | null };

/** The record of an actor, for notes and timeline events. */
export function actorRef(actor: Actor | "system"): ActorRef {
  if (actor === "system") return { actorType: "system", actorId: null, actorName: null };
  if (actor.kind === "api_key") return { actorType: "api_key", actorId: actor.id, actorName: actor.name };
  return { actorType: "user", actorId: actor.id, actorName: actor.name ?? null };
}

/** An ActorRef as the API shows it. */
export function presentActorRef(ref: ActorRef): ActorRefDTO {
  return { type: ref.actorType, id: ref.actorId, name: ref.actorName };
}

/**
 * The live customer with this id. A missing or erased one is 404 CUSTOMER_NOT_FOUND; a merged one is 404
 * CUSTOMER_NOT_FOUND too, with `mergedInto` naming the record it now lives in (followed to the end of a merge chain).
 */
export async function loadLiveCustomer(deps: Pick<ServiceDeps, "db">, id: string): Promise<CustomerRow> {
  const customer = await findCustomer(deps.db, id);
  if (!customer || customer.erasedAt) throw new AppError("CUSTOMER_NOT_FOUND");
  if (!customer.mergedIntoId) return customer;
  let target = customer.mergedIntoId;
  for (let hops = 0; hops < 20; hops++) {
    const next = await findCustomer(deps.db, target);
    if (!next?.mergedIntoId) break;
    target = next.mergedIntoId;
  }
  throw new AppError("CUSTOMER_NOT_FOUND", "The customer was merged into another record.", undefined, { mergedInto: target });
}

/** Records what happened to a customer's record, and who did it, for the timeline. */
export async function recordCustomerEvent(
  deps: Pick<ServiceDeps, "db">,
  customerId: string,
  type: string,
  actor: Actor | "system",
  data: Record<string, unknown> = {},
): Promise<void> {
  await insertCustomerEvent(deps.db, { customerId, type, ...actorRef(actor), data });
}
