/** Customer use cases: find or create the customer behind a channel identity. */
import { AppError } from "../../errors.ts";
import type { ServiceDeps } from "../deps.ts";
import {
  addIdentity,
  conversationIdsOf,
  deleteIdentity,
  insertCustomerWithIdentity,
  findCustomer,
  findCustomerByEmail,
  findCustomerByIdentity,
  findLiveCustomerByContact,
  updateCustomer,
  type CustomerRow,
} from "./customers.repo.ts";
import { digitsOf } from "./records.service.ts";

/** What a channel may know about the person writing. */
export type CustomerProfile = { name?: string | null; email?: string | null; phone?: string | null };

/**
 * The live record a customer row stands for: itself, or the record a merge moved it into (followed to the end of the
 * chain); undefined for an erased record.
 */
async function liveIdOf(deps: Pick<ServiceDeps, "db">, row: CustomerRow): Promise<string | undefined> {
  let current: CustomerRow | undefined = row;
  for (let hops = 0; current && hops < 20; hops++) {
    if (current.erasedAt) return undefined;
    if (!current.mergedIntoId) return current.id;
    current = await findCustomer(deps.db, current.mergedIntoId);
  }
  return undefined;
}

/** The live customer a channel identity belongs to; an identity left on an erased record is let go so it can start anew. */
async function liveCustomerOfIdentity(deps: Pick<ServiceDeps, "db">, identity: { channel: string; externalId: string }): Promise<string | undefined> {
  const known = await findCustomerByIdentity(deps.db, identity.channel, identity.externalId);
  if (!known) return undefined;
  const liveId = await liveIdOf(deps, known);
  if (!liveId) await deleteIdentity(deps.db, identity.channel, identity.externalId);
  return liveId;
}

/** The live customer who has this email (first), or these phone digits, if any. */
async function customerWithContact(deps: Pick<ServiceDeps, "db">, profile: CustomerProfile): Promise<string | undefined> {
  const byEmail = profile.email ? await findCustomerByEmail(deps.db, profile.email) : undefined;
  if (byEmail) return byEmail.id;
  const phoneDigits = digitsOf(profile.phone);
  return phoneDigits ? (await findLiveCustomerByContact(deps.db, { phoneDigits }))?.id : undefined;
}

/**
 * The id of the live customer behind a channel identity: the one it belongs to (a merged record's survivor), else the
 * live one with the profile's email, else the oldest live one with the profile's phone digits ("+1 (415) 555-0100" is
 * "+14155550100": a later channel of a known person attaches to the same record), else a new
 * customer. The identity is linked either way. Merged and erased records are never answered. Called for a new
 * conversation, where the identity is usually new too, so creating comes first and looking up only when the identity
 * turns out to exist.
 */
export async function resolveCustomerId(
  deps: Pick<ServiceDeps, "db">,
  identity: { channel: string; externalId: string },
  profile: CustomerProfile = {},
): Promise<string> {
  if (profile.email || profile.phone) {
    const known = await liveCustomerOfIdentity(deps, identity);
    if (known) return known;
    const byContact = await customerWithContact(deps, profile);
    if (byContact) {
      await addIdentity(deps.db, byContact, identity.channel, identity.externalId);
      return byContact;
    }
  }
  const created = await insertCustomerWithIdentity(deps.db, identity, profile);
  if (created) return created;
  const existing = await liveCustomerOfIdentity(deps, identity);
  if (existing) return existing;
  // The identity sat on an erased record and was let go: this person starts a new record.
  const fresh = await insertCustomerWithIdentity(deps.db, identity, profile);
  if (!fresh) throw new Error("customer identity vanished during creation");
  return fresh;
}

/** Changes a customer's profile (an agent accepting a suggestion, or typing it); announces it on the customer's conversations. */
export async function editCustomer(
  deps: ServiceDeps,
  id: string,
  patch: { name?: string | null; email?: string | null; phone?: string | null },
): Promise<CustomerRow> {
  const customer = await findCustomer(deps.db, id);
  if (!customer) throw new AppError("CUSTOMER_NOT_FOUND");
  const updated = await updateCustomer(deps.db, id, { ...patch, ...(patch.email ? { email: patch.email.toLowerCase() } : {}) });
  if (!updated) throw new AppError("CUSTOMER_NOT_FOUND");
  for (const conversationId of await conversationIdsOf(deps.db, id)) deps.events.emit("conversation.updated", { conversationId });
  return updated;
}
