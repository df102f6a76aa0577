/** The CRM's REST calls (customers, companies, timeline, notes, suggestions, merge, privacy, imports, API keys). */
import type { Page } from "../../../src/contracts/api.ts";
import type {
  ApiKeyDTO,
  AttributeDefinitionDTO,
  CompanyDTO,
  CustomerProfileDTO,
  CustomerSummaryDTO,
  ImportDTO,
  NoteDTO,
  TimelineItemDTO,
} from "../../../src/contracts/crm.ts";
import type { ApiScope } from "../../../src/contracts/permissions.ts";
import { customerQueryParams, type CustomerQuery } from "../store/customers.ts";
import { API_BASE, query, request } from "./http.ts";

type Data<T> = { data: T };

const id = (value: string): string => encodeURIComponent(value);

/** How many customers one page of the list shows. */
export const CUSTOMER_PAGE_SIZE = 25;

/** How many timeline entries one "load more" fetches. */
export const TIMELINE_PAGE_SIZE = 20;

/** One page of customers matching a query; `signal` cancels a search the user has typed past. */
export async function listCustomers(q: CustomerQuery, cursor: string | null, signal?: AbortSignal): Promise<Page<CustomerSummaryDTO>> {
  return request<Page<CustomerSummaryDTO>>("GET", `/customers${query({ ...customerQueryParams(q), limit: CUSTOMER_PAGE_SIZE, cursor })}`, undefined, signal);
}

/** What a new customer may be created with. */
export type NewCustomer = { name?: string; email?: string; phone?: string; companyId?: string; tags?: string[] };

/** Creates a customer (409 CUSTOMER_EXISTS with `existingId` when the email or phone is taken). */
export async function createCustomer(body: NewCustomer): Promise<CustomerSummaryDTO> {
  return (await request<Data<CustomerSummaryDTO>>("POST", "/customers", body)).data;
}

/** A customer's whole profile. */
export async function getCustomer(customerId: string, signal?: AbortSignal): Promise<CustomerProfileDTO> {
  return (await request<Data<CustomerProfileDTO>>("GET", `/customers/${id(customerId)}`, undefined, signal)).data;
}

/** The fields of a profile the console edits. */
export type CustomerChanges = {
  name?: string | null;
  email?: string | null;
  phone?: string | null;
  tier?: "standard" | "vip";
  companyId?: string | null;
  tags?: string[];
  attributes?: Record<string, unknown>;
};

/** Changes a customer's profile; answers with the summary (the profile is fetched again for its figures). */
export async function patchCustomer(customerId: string, changes: CustomerChanges): Promise<CustomerSummaryDTO> {
  return (await request<Data<CustomerSummaryDTO>>("PATCH", `/customers/${id(customerId)}`, changes)).data;
}

/** Adds and removes tags on many customers at once. */
export async function bulkTags(ids: string[], add: string[], remove: string[]): Promise<void> {
  await request<unknown>("POST", "/customers/bulk-tags", { ids, add, remove });
}

/** Custom attribute definitions (customers' and companies'). */
export async function listAttributes(): Promise<AttributeDefinitionDTO[]> {
  return (await request<Data<AttributeDefinitionDTO[]>>("GET", "/attributes")).data;
}

/** One page of a customer's timeline, newest first. */
export async function getTimeline(customerId: string, cursor: string | null): Promise<Page<TimelineItemDTO>> {
  return request<Page<TimelineItemDTO>>("GET", `/customers/${id(customerId)}/timeline${query({ cursor, limit: TIMELINE_PAGE_SIZE })}`);
}

/** Writes a note on a customer. */
export async function addNote(customerId: string, text: string): Promise<NoteDTO> {
  return (await request<Data<NoteDTO>>("POST", `/customers/${id(customerId)}/notes`, { text })).data;
}

/** Rewrites one of your notes. */
export async function editNote(customerId: string, noteId: string, text: string): Promise<NoteDTO> {
  return (await request<Data<NoteDTO>>("PATCH", `/customers/${id(customerId)}/notes/${id(noteId)}`, { text })).data;
}

/** Deletes one of your notes. */
export async function deleteNote(customerId: string, noteId: string): Promise<void> {
  await request<unknown>("DELETE", `/customers/${id(customerId)}/notes/${id(noteId)}`);
}

/** Puts what the customer wrote onto the profile. */
export async function acceptSuggestion(customerId: string, suggestionId: string): Promise<void> {
  await request<unknown>("POST", `/customers/${id(customerId)}/suggestions/${id(suggestionId)}/accept`);
}

/** Drops a suggestion without changing the profile. */
export async function dismissSuggestion(customerId: string, suggestionId: string): Promise<void> {
  await request<unknown>("POST", `/customers/${id(customerId)}/suggestions/${id(suggestionId)}/dismiss`);
}

/** Moves the other record onto this one; the other id then answers 404 with `mergedInto`. */
export async function mergeCustomers(customerId: string, otherId: string): Promise<void> {
  await request<unknown>("POST", `/customers/${id(customerId)}/merge`, { otherId });
}

/** Erases the person (admins; cannot be undone). */
export async function eraseCustomer(customerId: string): Promise<void> {
  await request<unknown>("DELETE", `/customers/${id(customerId)}`);
}

/** Where the browser downloads everything stored about a customer (GDPR, admins). */
export function customerExportUrl(customerId: string): string {
  return `${API_BASE}/customers/${id(customerId)}/export`;
}

/** Where the browser downloads the customers matching a query as CSV (admins). */
export function customersCsvUrl(q: CustomerQuery): string {
  return `${API_BASE}/customers/export.csv${query(customerQueryParams(q))}`;
}

/** One page of companies, optionally matching a search. */
export async function listCompanies(q: string, cursor: string | null, signal?: AbortSignal, limit: number = CUSTOMER_PAGE_SIZE): Promise<Page<CompanyDTO>> {
  return request<Page<CompanyDTO>>("GET", `/companies${query({ q, cursor, limit })}`, undefined, signal);
}

/** What a company is created or edited with. */
export type CompanyInput = { name: string; domain: string | null };

/** Creates a company (409 COMPANY_EXISTS when the name or domain is taken). */
export async function createCompany(body: CompanyInput): Promise<CompanyDTO> {
  return (await request<Data<CompanyDTO>>("POST", "/companies", body)).data;
}

/** Edits a company's name and domain. */
export async function updateCompany(companyId: string, body: CompanyInput): Promise<CompanyDTO> {
  return (await request<Data<CompanyDTO>>("PATCH", `/companies/${id(companyId)}`, body)).data;
}

/** Deletes a company; its customers stay, without it. */
export async function deleteCompany(companyId: string): Promise<void> {
  await request<unknown>("DELETE", `/companies/${id(companyId)}`);
}

/** Uploads a CSV file of customers as an import job. */
export async function startImport(file: File): Promise<ImportDTO> {
  const form = new FormData();
  form.append("file", file, file.name);
  return (await request<Data<ImportDTO>>("POST", "/imports", form)).data;
}

/** An import's progress and row errors. */
export async function getImport(importId: string): Promise<ImportDTO> {
  return (await request<Data<ImportDTO>>("GET", `/imports/${id(importId)}`)).data;
}

/** Every API key, revoked ones included (admins). */
export async function listApiKeys(): Promise<ApiKeyDTO[]> {
  return (await request<Data<ApiKeyDTO[]>>("GET", "/api-keys")).data;
}

/** Creates an API key; the answer carries the token, which is never shown again. */
export async function createApiKey(name: string, scopes: ApiScope[]): Promise<ApiKeyDTO & { token: string }> {
  return (await request<Data<ApiKeyDTO & { token: string }>>("POST", "/api-keys", { name, scopes })).data;
}

/** Revokes an API key at once. */
export async function revokeApiKey(keyId: string): Promise<ApiKeyDTO> {
  return (await request<Data<ApiKeyDTO>>("DELETE", `/api-keys/${id(keyId)}`)).data;
}
