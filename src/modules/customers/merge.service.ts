/** Merging two customer records that are the same person into one. */
import type { CustomerProfileDTO } from "../../contracts/crm.ts";
import { AppError } from "../../errors.ts";
import type { ServiceDeps } from "../deps.ts";
import type { Actor } from "../policy/index.ts";
import { loadLiveCustomer, recordCustomerEvent } from "./customers.actors.ts";
import { conversationIdsOf } from "./customers.repo.ts";
import { getCustomerProfile } from "./profile.service.ts";
import { fillSurvivor, lockCustomers, moveCustomerRecords, tombstone } from "./merge.repo.ts";

/**
 * Merges the other record into the survivor in one transaction: its identities, conversations, tickets, orders,
 * deals, notes, suggestions and visitors move, its tags join the survivor's, its values fill the survivor's empty fields, a
 * `customer.merged` event goes on the survivor's timeline, and the other becomes a tombstone (404 with `mergedInto`).
 * A failure anywhere leaves both records as they were. Merging a record with itself is 400 VALIDATION_FAILED; an
 * unknown, erased or already merged record is 404 CUSTOMER_NOT_FOUND.
 */
export async function mergeCustomers(deps: ServiceDeps, actor: Actor, survivorId: string, otherId: string): Promise<CustomerProfileDTO> {
  if (survivorId === otherId) throw new AppError("VALIDATION_FAILED", "A customer cannot be merged with itself.", { otherId: "is the customer itself" });
  await loadLiveCustomer(deps, survivorId);
  await loadLiveCustomer(deps, otherId);
  await deps.db.transaction(async (tx) => {
    await lockCustomers(tx, [survivorId, otherId]);
    // Read again under the lock: a concurrent merge or erase may have got there first.
    await loadLiveCustomer({ db: tx }, survivorId);
    const other = await loadLiveCustomer({ db: tx }, otherId);
    const moved = await moveCustomerRecords(tx, otherId, survivorId);
    await fillSurvivor(tx, survivorId, otherId);
    await tombstone(tx, otherId, survivorId);
    await recordCustomerEvent({ db: tx }, survivorId, "customer.merged", actor, { otherId, otherName: other.name, otherEmail: other.email, moved });
  });
  // The console shows the customer beside each of their conversations, the moved ones included.
  for (const conversationId of await conversationIdsOf(deps.db, survivorId)) deps.events.emit("conversation.updated", { conversationId });
  return getCustomerProfile(deps, survivorId);
}
