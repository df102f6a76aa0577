/** Customer use cases: find or create the customer behind a channel identity. */
import type { Annotation } from "../../contracts/nlp.ts";
import { AppError } from "../../errors.ts";
import type { ServiceDeps } from "../deps.ts";
import {
  addIdentity,
  conversationIdsOf,
  insertCustomerWithIdentity,
  findCustomer,
  findCustomerByEmail,
  findCustomerByIdentity,
  updateCustomer,
  type CustomerRow,
} from "./customers.repo.ts";

/** What a channel may know about the person writing. */
export type CustomerProfile = { name?: string | null; email?: string | null; phone?: string | null };

/**
 * The id of the customer behind a channel identity: the one it belongs to, else the one with the profile's email,
 * else a new customer. The identity is linked either way. Called for a new conversation, where the identity is
 * usually new too, so creating comes first and looking up only when the identity turns out to exist.
 */
export async function resolveCustomerId(
  deps: Pick<ServiceDeps, "db">,
  identity: { channel: string; externalId: string },
  profile: CustomerProfile = {},
): Promise<string> {
  if (profile.email) {
    const known = await findCustomerByIdentity(deps.db, identity.channel, identity.externalId);
    if (known) return known.id;
    const byEmail = await findCustomerByEmail(deps.db, profile.email);
    if (byEmail) {
      await addIdentity(deps.db, byEmail.id, identity.channel, identity.externalId);
      return byEmail.id;
    }
  }
  const created = await insertCustomerWithIdentity(deps.db, identity, profile);
  if (created) return created;
  const existing = await findCustomerByIdentity(deps.db, identity.channel, identity.externalId);
  if (!existing) throw new Error("customer identity vanished during creation");
  return existing.id;
}

/** Remembers an email or phone number the customer wrote, when the profile lacks it, so an agent can add it in one click. */
export async function offerContactDetails(deps: ServiceDeps, customer: CustomerRow, annotation: Pick<Annotation, "entities">): Promise<void> {
  const email = annotation.entities.find((e) => e.type === "email")?.value;
  const phone = annotation.entities.find((e) => e.type === "phone")?.value;
  const suggested = { ...((customer.attributes.suggested ?? {}) as { email?: string; phone?: string }) };
  let changed = false;
  if (typeof email === "string" && !customer.email && suggested.email !== email) {
    suggested.email = email;
    changed = true;
  }
  if (typeof phone === "string" && !customer.phone && suggested.phone !== phone) {
    suggested.phone = phone;
    changed = true;
  }
  if (!changed) return;
  await updateCustomer(deps.db, customer.id, { attributes: { ...customer.attributes, suggested } });
}

/** Changes a customer's profile (an agent accepting a suggestion, or typing it); announces it on the customer's conversations. */
export async function editCustomer(
  deps: ServiceDeps,
  id: string,
  patch: { name?: string | null; email?: string | null; phone?: string | null },
): Promise<CustomerRow> {
  const customer = await findCustomer(deps.db, id);
  if (!customer) throw new AppError("CUSTOMER_NOT_FOUND");
  const suggested = { ...((customer.attributes.suggested ?? {}) as { email?: string; phone?: string }) };
  if (patch.email !== undefined) delete suggested.email;
  if (patch.phone !== undefined) delete suggested.phone;
  const updated = await updateCustomer(deps.db, id, {
    ...patch,
    ...(patch.email ? { email: patch.email.toLowerCase() } : {}),
    attributes: { ...customer.attributes, suggested },
  });
  if (!updated) throw new AppError("CUSTOMER_NOT_FOUND");
  for (const conversationId of await conversationIdsOf(deps.db, id)) deps.events.emit("conversation.updated", { conversationId });
  return updated;
}
