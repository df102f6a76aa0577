/** Privacy (GDPR): everything stored about a customer as one document, and their erasure. */
import type { CustomerExportDTO } from "../../contracts/crm.ts";
import type { ServiceDeps } from "../deps.ts";
import type { Actor } from "../policy/index.ts";
import { loadLiveCustomer, recordCustomerEvent } from "./customers.actors.ts";
import { conversationIdsOf } from "./customers.repo.ts";
import { getCustomerProfile } from "./profile.service.ts";
import { presentCustomerExport } from "./privacy.presenter.ts";
import { eraseRecords, lockErasable, readCustomerRecords } from "./privacy.repo.ts";

/** Everything stored about a live customer: profile, identities, conversations with every message, tickets, orders, notes, suggestions, events. */
export async function exportCustomer(deps: Pick<ServiceDeps, "db" | "now">, customerId: string): Promise<CustomerExportDTO> {
  const profile = await getCustomerProfile(deps, customerId);
  return presentCustomerExport(profile, await readCustomerRecords(deps.db, customerId), deps.now());
}

/**
 * Erases a live customer in one transaction (the record, and the tombstones merged into it): nothing personal stays
 * (see eraseRecords), orders stay for accounting without the person, and one `customer.erased` event records who did
 * it and when, not what. Cannot be undone; afterwards the id answers 404 CUSTOMER_NOT_FOUND.
 */
export async function eraseCustomer(deps: ServiceDeps, actor: Actor, customerId: string): Promise<void> {
  await loadLiveCustomer(deps, customerId);
  const conversationIds = await conversationIdsOf(deps.db, customerId);
  const { addresses, attachmentHashes } = await deps.db.transaction(async (tx) => {
    const ids = await lockErasable(tx, customerId);
    // Read again under the lock: a concurrent merge or erase may have got there first.
    await loadLiveCustomer({ db: tx }, customerId);
    const former = await eraseRecords(tx, ids, deps.now());
    await recordCustomerEvent({ db: tx }, customerId, "customer.erased", actor);
    return former;
  });
  // Caches forget the rewritten messages; a widget still connected to one of the conversations is disconnected, and
  // comes back as a new visitor conversation instead of writing into the erased one.
  // Files their messages listed are deleted where no other message lists them (see the container's listener).
  deps.events.emit("customer.erased", { customerId, addresses, attachmentHashes });
  for (const conversationId of conversationIds) deps.events.emit("conversation.updated", { conversationId });
}
