/** Operations of the rest of the CRM: custom attributes, notes, the timeline, companies. */
import { z } from "zod";
import { companyIdParam, createCompanyBody, listCompaniesQuery, updateCompanyBody } from "../../modules/companies/companies.schemas.ts";
import { attributeParams, defineAttributeBody, listAttributesQuery } from "../../modules/customers/customers.schemas.ts";
import { listNotesQuery, noteBody, noteCustomerParams, noteParams } from "../../modules/customers/notes.schemas.ts";
import { timelineParams, timelineQuery } from "../../modules/customers/timeline.schemas.ts";
import type { Operation } from "./operation.ts";
import { attributeDefinitionDTO, companyDTO, noteDTO, timelineItemDTO } from "./schemas-crm.ts";

const V1 = "/api/v1";
const read = { auth: "actor", actions: ["customer.read"] } as const;

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

/** The CRM's other operations. */
export const crmOperations: Operation[] = [...recordParts, ...companies];
