/** Customer record use cases: add a customer, change one, tag many. */
import { AppError } from "../../errors.ts";
import type { ServiceDeps } from "../deps.ts";
import type { Actor } from "../policy/index.ts";
import { applyAttributeChanges, validateAttributes } from "./attributes.service.ts";
import { actorRef, loadLiveCustomer, recordCustomerEvent } from "./customers.actors.ts";
import {
  conversationIdsOf,
  customersWithTicketsOf,
  findCompanyByDomain,
  findCompanyRef,
  findLiveCustomerByContact,
  insertCustomer,
  insertCustomerEvents,
  liveCustomersTags,
  lockContacts,
  updateCustomer,
  type CustomerRow,
} from "./customers.repo.ts";
import { MAX_TAGS, type BulkTagsInput, type CreateCustomerInput, type PatchCustomerInput } from "./customers.schemas.ts";
import { isFreeMailDomain } from "./free-mail.ts";

/** The digits of a phone number, as the database keeps them in `phone_digits`. */
export function digitsOf(phone: string | null | undefined): string | null {
  const digits = (phone ?? "").replace(/[^0-9]/g, "");
  return digits.length > 0 ? digits : null;
}

/**
 * 409 CUSTOMER_EXISTS (with the existing record's id) when another live customer has this email or phone. Called
 * inside the writing transaction: it takes the contact locks first, so a concurrent writer of the same value waits.
 */
async function assertContactFree(deps: Pick<ServiceDeps, "db">, contact: { email?: string | null; phone?: string | null }, exceptId?: string): Promise<void> {
  const phoneDigits = digitsOf(contact.phone);
  await lockContacts(deps.db, { email: contact.email, phoneDigits });
  const existing = await findLiveCustomerByContact(deps.db, { email: contact.email, phoneDigits }, exceptId);
  if (!existing) return;
  const field = contact.email && existing.email === contact.email ? "email" : "phone";
  throw new AppError("CUSTOMER_EXISTS", `A customer with this ${field} already exists.`, { [field]: "belongs to another customer" }, { existingId: existing.id });
}

async function companyOrNotFound(deps: Pick<ServiceDeps, "db">, companyId: string) {
  const company = await findCompanyRef(deps.db, companyId);
  if (!company) throw new AppError("COMPANY_NOT_FOUND", undefined, { companyId: "no company has this id" });
  return company;
}

/** Tags without repeats, in the order given. */
function distinct(tags: readonly string[]): string[] {
  return [...new Set(tags)];
}

/**
 * Adds a customer. A given company must exist; without one, an email at a company's domain joins that company (never
 * a free-mail domain). An email or phone a live customer already has is 409 CUSTOMER_EXISTS.
 */
export async function createCustomer(deps: ServiceDeps, actor: Actor, input: CreateCustomerInput): Promise<CustomerRow> {
  const attributes = applyAttributeChanges({}, await validateAttributes(deps, "customer", input.attributes ?? {}));
  let companyId: string | null = null;
  if (input.companyId) companyId = (await companyOrNotFound(deps, input.companyId)).id;
  else if (input.email) {
    const domain = input.email.slice(input.email.lastIndexOf("@") + 1);
    if (!isFreeMailDomain(domain)) companyId = (await findCompanyByDomain(deps.db, domain))?.id ?? null;
  }
  return deps.db.transaction(async (tx) => {
    await assertContactFree({ db: tx }, input);
    const customer = await insertCustomer(tx, {
      name: input.name ?? null,
      email: input.email ?? null,
      phone: input.phone ?? null,
      tier: input.tier ?? "standard",
      companyId,
      tags: distinct(input.tags ?? []),
      attributes,
    });
    await recordCustomerEvent({ db: tx }, customer.id, "customer.created", actor, companyId ? { companyId } : {});
    return customer;
  });
}

type Change = { from: unknown; to: unknown };

function sameTags(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((tag, i) => tag === b[i]);
}

/**
 * Changes a customer's record and records one `customer.updated` event with each changed field's before and after
 * (nothing is written when nothing changes); the customer's conversations are announced so open consoles refresh.
 * Accepting an email or phone also clears the older suggestion blob the conversation sidebar reads.
 */
export async function updateCustomerRecord(deps: ServiceDeps, actor: Actor, id: string, patch: PatchCustomerInput): Promise<CustomerRow> {
  const customer = await loadLiveCustomer(deps, id);
  const changes: Record<string, Change> = {};
  const set: Parameters<typeof updateCustomer>[2] = {};
  for (const field of ["name", "email", "phone", "tier"] as const) {
    const value = patch[field];
    if (value !== undefined && value !== customer[field]) {
      changes[field] = { from: customer[field], to: value };
      Object.assign(set, { [field]: value });
    }
  }
  if (patch.companyId !== undefined && patch.companyId !== customer.companyId) {
    const to = patch.companyId ? await companyOrNotFound(deps, patch.companyId) : null;
    const from = customer.companyId ? ((await findCompanyRef(deps.db, customer.companyId)) ?? null) : null;
    changes.company = { from: from && { id: from.id, name: from.name }, to: to && { id: to.id, name: to.name } };
    set.companyId = to?.id ?? null;
  }
  if (patch.tags !== undefined) {
    const tags = distinct(patch.tags);
    if (!sameTags(tags, customer.tags)) {
      changes.tags = { from: customer.tags, to: tags };
      set.tags = tags;
    }
  }
  let attributes = customer.attributes;
  if (patch.attributes !== undefined) {
    const valid = await validateAttributes(deps, "customer", patch.attributes);
    for (const [key, value] of Object.entries(valid)) {
      const before = attributes[key] ?? null;
      if (JSON.stringify(before) !== JSON.stringify(value)) changes[`attributes.${key}`] = { from: before, to: value };
    }
    attributes = applyAttributeChanges(attributes, valid);
  }
  // The conversation sidebar's suggestion blob: a value typed or accepted for the field makes its suggestion moot.
  const suggested = { ...((attributes.suggested ?? {}) as Record<string, string>) };
  const legacyCleared = (patch.email !== undefined && "email" in suggested) || (patch.phone !== undefined && "phone" in suggested);
  if (patch.email !== undefined) delete suggested.email;
  if (patch.phone !== undefined) delete suggested.phone;
  if (legacyCleared) attributes = { ...attributes, suggested };
  if (attributes !== customer.attributes) set.attributes = attributes;
  if (Object.keys(changes).length === 0 && !legacyCleared) return customer;
  const updated = await deps.db.transaction(async (tx) => {
    if (set.email || set.phone) await assertContactFree({ db: tx }, { email: set.email, phone: set.phone }, id);
    const row = await updateCustomer(tx, id, set);
    if (!row) throw new AppError("CUSTOMER_NOT_FOUND");
    if (Object.keys(changes).length > 0) await recordCustomerEvent({ db: tx }, id, "customer.updated", actor, { changes });
    return row;
  });
  for (const conversationId of await conversationIdsOf(deps.db, id)) deps.events.emit("conversation.updated", { conversationId });
  return updated;
}

/**
 * Whose each record is to the actor (for customer.edit): "own" while one of the customer's unresolved tickets is
 * assigned to them. Any id that is not a live customer is 404 CUSTOMER_NOT_FOUND.
 */
export async function customerScopes(deps: Pick<ServiceDeps, "db">, actor: Actor, ids: readonly string[]): Promise<Map<string, "own" | "others">> {
  const unique = [...new Set(ids)];
  const found = new Set((await liveCustomersTags(deps.db, unique)).map((row) => row.id));
  const missing = unique.filter((id) => !found.has(id));
  if (missing.length > 0) throw new AppError("CUSTOMER_NOT_FOUND", `No customer has the id ${missing[0]}.`, { ids: `${missing.length} unknown id(s)` });
  const own = actor.kind === "api_key" ? new Set<string>() : await customersWithTicketsOf(deps.db, unique, actor.id);
  return new Map(unique.map((id) => [id, own.has(id) ? "own" : "others"]));
}

/**
 * Adds and removes tags on many customers in one transaction (all or nothing); a customer left with more than the
 * allowed tags fails the whole request. Records `customer.tagged` on each record that changed; answers how many did.
 */
export async function bulkTagCustomers(deps: ServiceDeps, actor: Actor, input: BulkTagsInput): Promise<{ updated: number }> {
  const add = distinct(input.add ?? []);
  const remove = new Set(input.remove ?? []);
  return deps.db.transaction(async (tx) => {
    const rows = await liveCustomersTags(tx, [...new Set(input.ids)]);
    if (rows.length !== new Set(input.ids).size) throw new AppError("CUSTOMER_NOT_FOUND");
    const events: Parameters<typeof insertCustomerEvents>[1] = [];
    for (const row of rows) {
      const tags = distinct([...row.tags, ...add]).filter((tag) => !remove.has(tag));
      if (sameTags(tags, row.tags)) continue;
      if (tags.length > MAX_TAGS) throw new AppError("VALIDATION_FAILED", `A customer has at most ${MAX_TAGS} tags.`, { add: `customer ${row.id} would have more than ${MAX_TAGS} tags` });
      await updateCustomer(tx, row.id, { tags });
      const added = tags.filter((tag) => !row.tags.includes(tag));
      const removed = row.tags.filter((tag) => !tags.includes(tag));
      events.push({ customerId: row.id, type: "customer.tagged", ...actorRef(actor), data: { added, removed } });
    }
    await insertCustomerEvents(tx, events);
    return { updated: events.length };
  });
}
