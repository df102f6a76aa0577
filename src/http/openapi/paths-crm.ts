/** Operations of the CRM: customers, custom attributes, notes, the timeline, companies. */
import { z } from "zod";
import { companyIdParam, createCompanyBody, listCompaniesQuery, updateCompanyBody } from "../../modules/companies/companies.schemas.ts";
import {
  attributeParams,
  bulkTagsBody,
  createCustomerBody,
  customerIdParam,
  defineAttributeBody,
  listAttributesQuery,
  listCustomersQuery,
  patchCustomerBody,
} from "../../modules/customers/customers.schemas.ts";
import { listNotesQuery, noteBody, noteCustomerParams, noteParams } from "../../modules/customers/notes.schemas.ts";
import { timelineParams, timelineQuery } from "../../modules/customers/timeline.schemas.ts";
import type { Operation } from "./operation.ts";
import { attributeDefinitionDTO, companyDTO, customerProfileDTO, customerSummaryDTO, noteDTO, timelineItemDTO } from "./schemas-crm.ts";

const V1 = "/api/v1";
const read = { auth: "actor", actions: ["customer.read"] } as const;

/** The customer records' operations. */
const customers: Operation[] = [
  {
    method: "get",
    path: `${V1}/customers`,
    tag: "Customers",
    summary: "List and search customers",
    description:
      "`q` finds names and emails (typo-tolerant), phone numbers in any format, company names and order numbers, best match first; `tag` (repeatable: all must match), `companyId` and `segment` filter; `sort` orders the list when there is no `q`.",
    access: read,
    query: listCustomersQuery,
    success: { status: 200, description: "A page of customers.", page: customerSummaryDTO },
  },
  {
    method: "post",
    path: `${V1}/customers`,
    tag: "Customers",
    summary: "Add a customer",
    description: "A customer whose email domain is a company's (not free mail) joins that company. Email and phone must be new: a duplicate is 409 with `existingId`.",
    access: { auth: "actor", actions: ["customer.create"] },
    body: createCustomerBody,
    success: { status: 201, description: "The new customer's profile.", data: customerProfileDTO },
    errors: ["CUSTOMER_EXISTS", "COMPANY_NOT_FOUND"],
  },
  {
    method: "post",
    path: `${V1}/customers/bulk-tags`,
    tag: "Customers",
    summary: "Tag or untag many customers",
    description: "Every customer must be one the caller may edit, or nothing changes.",
    access: { auth: "actor", actions: ["customer.edit"] },
    body: bulkTagsBody,
    success: { status: 200, description: "How many customers changed.", data: z.object({ updated: z.number().int() }) },
    errors: ["CUSTOMER_NOT_FOUND"],
  },
  {
    method: "get",
    path: `${V1}/customers/:id`,
    tag: "Customers",
    summary: "A customer's profile",
    description: "Identities, company, tags, attributes, lifetime figures, sentiment trend, suggestions from the customer's own words, likely duplicates, recent orders and conversations. A merged record answers 404 with `mergedInto`.",
    access: read,
    params: customerIdParam,
    success: { status: 200, description: "The profile.", data: customerProfileDTO },
    errors: ["CUSTOMER_NOT_FOUND"],
  },
  {
    method: "patch",
    path: `${V1}/customers/:id`,
    tag: "Customers",
    summary: "Edit a customer",
    description: "`null` clears a field; `tags` replaces the list; `attributes` merges (`null` removes a key). Each change is recorded on the timeline.",
    access: { auth: "actor", actions: ["customer.edit"] },
    params: customerIdParam,
    body: patchCustomerBody,
    success: { status: 200, description: "The profile as changed.", data: customerProfileDTO },
    errors: ["CUSTOMER_NOT_FOUND", "CUSTOMER_EXISTS", "COMPANY_NOT_FOUND"],
  },
];

/** Custom attributes, notes and the timeline. */
const recordParts: Operation[] = [
  {
    method: "get",
    path: `${V1}/attributes`,
    tag: "Customers",
    summary: "List custom attribute definitions",
    access: read,
    query: listAttributesQuery,
    success: { status: 200, description: "The definitions.", data: z.array(attributeDefinitionDTO) },
  },
  {
    method: "post",
    path: `${V1}/attributes`,
    tag: "Customers",
    summary: "Define a custom attribute",
    access: { auth: "session", actions: ["attribute.define"] },
    body: defineAttributeBody,
    success: { status: 201, description: "The definition.", data: attributeDefinitionDTO },
    errors: ["ATTRIBUTE_EXISTS"],
  },
  {
    method: "delete",
    path: `${V1}/attributes/:entity/:key`,
    tag: "Customers",
    summary: "Remove a custom attribute definition",
    access: { auth: "session", actions: ["attribute.define"] },
    params: attributeParams,
    success: { status: 204, description: "Removed." },
    errors: ["ATTRIBUTE_NOT_FOUND"],
  },
  {
    method: "get",
    path: `${V1}/customers/:id/notes`,
    tag: "Notes and timeline",
    summary: "A customer's notes",
    access: read,
    params: noteCustomerParams,
    query: listNotesQuery,
    success: { status: 200, description: "A page of notes, newest first.", page: noteDTO },
    errors: ["CUSTOMER_NOT_FOUND"],
  },
  {
    method: "post",
    path: `${V1}/customers/:id/notes`,
    tag: "Notes and timeline",
    summary: "Write a note on a customer",
    access: { auth: "actor", actions: ["customer.note"] },
    params: noteCustomerParams,
    body: noteBody,
    success: { status: 201, description: "The note.", data: noteDTO },
    errors: ["CUSTOMER_NOT_FOUND"],
  },
  {
    method: "patch",
    path: `${V1}/customers/:id/notes/:noteId`,
    tag: "Notes and timeline",
    summary: "Edit a note",
    access: { auth: "actor", actions: ["note.edit"] },
    params: noteParams,
    body: noteBody,
    success: { status: 200, description: "The note as changed.", data: noteDTO },
    errors: ["CUSTOMER_NOT_FOUND", "NOTE_NOT_FOUND"],
  },
  {
    method: "delete",
    path: `${V1}/customers/:id/notes/:noteId`,
    tag: "Notes and timeline",
    summary: "Delete a note",
    access: { auth: "actor", actions: ["note.edit"] },
    params: noteParams,
    success: { status: 204, description: "Deleted." },
    errors: ["CUSTOMER_NOT_FOUND", "NOTE_NOT_FOUND"],
  },
  {
    method: "get",
    path: `${V1}/customers/:id/timeline`,
    tag: "Notes and timeline",
    summary: "A customer's timeline",
    description: "One stream, newest first: conversations, tickets and their changes, orders, notes, merges and profile changes, each with who did it. `kinds` (comma-separated) keeps only those.",
    access: read,
    params: timelineParams,
    query: timelineQuery,
    success: { status: 200, description: "A page of timeline entries.", page: timelineItemDTO },
    errors: ["CUSTOMER_NOT_FOUND"],
  },
];

/** Companies. */
const companies: Operation[] = [
  {
    method: "get",
    path: `${V1}/companies`,
    tag: "Companies",
    summary: "List and search companies",
    description: "`q` finds names (typo-tolerant) and exact domains; by name otherwise.",
    access: { auth: "actor", actions: ["company.read"] },
    query: listCompaniesQuery,
    success: { status: 200, description: "A page of companies.", page: companyDTO },
  },
  {
    method: "post",
    path: `${V1}/companies`,
    tag: "Companies",
    summary: "Add a company",
    access: { auth: "actor", actions: ["company.write"] },
    body: createCompanyBody,
    success: { status: 201, description: "The company.", data: companyDTO },
    errors: ["COMPANY_EXISTS"],
  },
  {
    method: "get",
    path: `${V1}/companies/:id`,
    tag: "Companies",
    summary: "One company",
    access: { auth: "actor", actions: ["company.read"] },
    params: companyIdParam,
    success: { status: 200, description: "The company.", data: companyDTO },
    errors: ["COMPANY_NOT_FOUND"],
  },
  {
    method: "patch",
    path: `${V1}/companies/:id`,
    tag: "Companies",
    summary: "Edit a company",
    access: { auth: "actor", actions: ["company.write"] },
    params: companyIdParam,
    body: updateCompanyBody,
    success: { status: 200, description: "The company as changed.", data: companyDTO },
    errors: ["COMPANY_NOT_FOUND", "COMPANY_EXISTS"],
  },
  {
    method: "delete",
    path: `${V1}/companies/:id`,
    tag: "Companies",
    summary: "Delete a company",
    description: "Its customers stay, without a company.",
    access: { auth: "actor", actions: ["company.delete"] },
    params: companyIdParam,
    success: { status: 204, description: "Deleted." },
    errors: ["COMPANY_NOT_FOUND"],
  },
];

/** The CRM's operations. */
export const crmOperations: Operation[] = [...customers, ...recordParts, ...companies];
