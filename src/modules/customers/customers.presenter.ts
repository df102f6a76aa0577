/** Customer rows → DTOs: the console's conversation sidebar shape and the CRM's list shape. */
import type { CustomerDTO } from "../../contracts/api.ts";
import type { CompanyRefDTO, CustomerSummaryDTO } from "../../contracts/crm.ts";
import type { CustomerRow } from "./customers.repo.ts";
import type { CustomerListRow } from "./search.repo.ts";

/** Presents a customer for the console, with the open email and phone suggestions the caller read beside it. */
export function presentCustomer(row: CustomerRow, suggestions: CustomerDTO["suggestions"] = {}): CustomerDTO {
  return { id: row.id, name: row.name, email: row.email, phone: row.phone, suggestions, createdAt: row.createdAt.toISOString() };
}

/** The custom attributes as the CRM shows them: without the console's older `suggested` blob (the suggestions table replaces it). */
export function visibleAttributes(attributes: Record<string, unknown>): Record<string, unknown> {
  const { suggested: _legacy, ...rest } = attributes;
  return rest;
}

/** Presents a customer row (with its company) as lists show it. */
export function presentCustomerSummary(row: CustomerRow, company: CompanyRefDTO | null): CustomerSummaryDTO {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    phone: row.phone,
    tier: row.tier,
    company,
    tags: row.tags,
    segment: row.segment,
    attributes: visibleAttributes(row.attributes),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Presents a row of the list query. */
export function presentListRow(row: CustomerListRow): CustomerSummaryDTO {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    phone: row.phone,
    tier: row.tier,
    company: row.company_id ? { id: row.company_id, name: row.company_name ?? "", domain: row.company_domain } : null,
    tags: row.tags,
    segment: row.segment,
    attributes: visibleAttributes(row.attributes),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
