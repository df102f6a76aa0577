/** Company use cases: list and search, create, read, change and delete companies; customers join by their email's domain. */
import { isUniqueViolation } from "../../db/index.ts";
import { AppError } from "../../errors.ts";
import { actorRef, applyAttributeChanges, isFreeMailDomain, validateAttributes } from "../customers/index.ts";
import type { ServiceDeps } from "../deps.ts";
import type { Actor } from "../policy/index.ts";
import { normaliseDomain } from "./companies.domains.ts";
import {
  deleteCompanyRow,
  detachCustomers,
  findCompany,
  findCompanyByDomain,
  insertCompany,
  joinCustomersByDomain,
  listCompanies,
  updateCompanyRow,
  type CompanyCursor,
  type CompanyRow,
  type CompanyWithCount,
} from "./companies.repo.ts";
import type { CreateCompanyInput, UpdateCompanyInput } from "./companies.schemas.ts";

type Deps = Pick<ServiceDeps, "db" | "now">;

/** Companies matching an optional search, by name then id; `limit` rows after the cursor. */
export async function searchCompanies(deps: Deps, query: { q?: string; cursor: CompanyCursor | null; limit: number }): Promise<CompanyWithCount[]> {
  const q = query.q || undefined;
  return listCompanies(deps.db, { q, domain: q ? normaliseDomain(q) : undefined }, query.cursor, query.limit);
}

/** One company, or 404 COMPANY_NOT_FOUND. */
export async function getCompany(deps: Deps, id: string): Promise<CompanyWithCount> {
  const company = await findCompany(deps.db, id);
  if (!company) throw new AppError("COMPANY_NOT_FOUND");
  return company;
}

function domainTaken(existing: CompanyRow | undefined): AppError {
  return new AppError("COMPANY_EXISTS", undefined, { domain: "is taken by another company" }, existing ? { existingId: existing.id } : undefined);
}

// A company's customers by domain: not for free-mail domains, where sharing a domain says nothing.
async function joinByDomain(tx: ServiceDeps["db"], company: CompanyRow, actor: Actor, at: Date): Promise<void> {
  if (!company.domain || isFreeMailDomain(company.domain)) return;
  await joinCustomersByDomain(tx, { id: company.id, name: company.name, domain: company.domain }, actorRef(actor), at);
}

/**
 * Creates a company (409 COMPANY_EXISTS with `existingId` when its domain is taken); live customers without a company
 * whose email is at its domain join it, in the same transaction.
 */
export async function createCompany(deps: Deps, actor: Actor, input: CreateCompanyInput): Promise<CompanyWithCount> {
  const attributes = applyAttributeChanges({}, await validateAttributes(deps, "company", input.attributes ?? {}));
  const at = deps.now();
  const created = await deps.db.transaction(async (tx) => {
    const company = await insertCompany(tx, { name: input.name, domain: input.domain ?? null, attributes });
    if (company) await joinByDomain(tx, company, actor, at);
    return company;
  });
  if (!created) throw domainTaken(await findCompanyByDomain(deps.db, input.domain ?? ""));
  return getCompany(deps, created.id);
}

/**
 * Changes a company's name, domain or attributes (attributes merge; a null value removes one). A new domain makes its
 * customers join as on creation; a taken one is 409 COMPANY_EXISTS.
 */
export async function updateCompany(deps: Deps, actor: Actor, id: string, patch: UpdateCompanyInput): Promise<CompanyWithCount> {
  const company = await getCompany(deps, id);
  if (patch.domain) {
    const holder = await findCompanyByDomain(deps.db, patch.domain);
    if (holder && holder.id !== id) throw domainTaken(holder);
  }
  const changes: Partial<Pick<CompanyRow, "name" | "domain" | "attributes">> = {};
  if (patch.name !== undefined) changes.name = patch.name;
  if (patch.domain !== undefined) changes.domain = patch.domain;
  if (patch.attributes !== undefined) changes.attributes = applyAttributeChanges(company.attributes, await validateAttributes(deps, "company", patch.attributes));
  const at = deps.now();
  try {
    await deps.db.transaction(async (tx) => {
      const updated = await updateCompanyRow(tx, id, changes, at);
      if (!updated) throw new AppError("COMPANY_NOT_FOUND");
      if (patch.domain && patch.domain !== company.domain) await joinByDomain(tx, updated, actor, at);
    });
  } catch (error) {
    // Two requests claimed the same domain at once: the unique index let one through.
    if (patch.domain && isUniqueViolation(error)) throw domainTaken(await findCompanyByDomain(deps.db, patch.domain));
    throw error;
  }
  return getCompany(deps, id);
}

/** Deletes a company; its customers stay, without a company, each with a `customer.updated` event on its timeline. */
export async function deleteCompany(deps: Deps, actor: Actor, id: string): Promise<void> {
  const company = await getCompany(deps, id);
  const at = deps.now();
  await deps.db.transaction(async (tx) => {
    await detachCustomers(tx, company, actorRef(actor), at);
    if (!(await deleteCompanyRow(tx, id))) throw new AppError("COMPANY_NOT_FOUND");
  });
}

