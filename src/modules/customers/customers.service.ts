/** Customer use cases: find or create the customer behind a channel identity. */
import type { ServiceDeps } from "../deps.ts";
import { addIdentity, createCustomerWithIdentity, findCustomerByEmail, findCustomerByIdentity, type CustomerRow } from "./customers.repo.ts";

/** What a channel may know about the person writing. */
export type CustomerProfile = { name?: string | null; email?: string | null; phone?: string | null };

/** Finds the customer by channel identity, then by email, else creates one; the identity is linked either way. */
export async function resolveCustomer(
  deps: Pick<ServiceDeps, "db">,
  identity: { channel: string; externalId: string },
  profile: CustomerProfile = {},
): Promise<CustomerRow> {
  const known = await findCustomerByIdentity(deps.db, identity.channel, identity.externalId);
  if (known) return known;
  if (profile.email) {
    const byEmail = await findCustomerByEmail(deps.db, profile.email);
    if (byEmail) {
      await addIdentity(deps.db, byEmail.id, identity.channel, identity.externalId);
      return byEmail;
    }
  }
  return createCustomerWithIdentity(deps.db, identity, profile);
}
